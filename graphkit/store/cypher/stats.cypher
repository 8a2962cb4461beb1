// Node counts: articles, actors, relationships, evidence.
RETURN COUNT { MATCH (:Article) } AS articles,
       COUNT { MATCH (:Actor) } AS actors,
       COUNT { MATCH (:Relationship) } AS relationships,
       COUNT { MATCH (:Evidence) } AS evidence
