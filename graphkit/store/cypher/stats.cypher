// Counts: articles, actors, relationships (their [:RELATION] edges), evidence.
RETURN COUNT { MATCH (:Article) } AS articles,
       COUNT { MATCH (:Actor) } AS actors,
       COUNT { MATCH ()-[:RELATION]->() } AS relationships,
       COUNT { MATCH (:Evidence) } AS evidence
