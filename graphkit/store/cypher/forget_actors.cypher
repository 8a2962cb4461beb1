// Prune the aliases no evidence shows any more, then remove the given actors no relationship names.
UNWIND $ids AS aid
MATCH (a:Actor {id: aid})
WITH a,
     COLLECT { MATCH (e:Evidence)-[:SUPPORTS]->(:Relationship)-[:SUBJECT]->(a)
               WHERE e.subject_text IS NOT NULL RETURN e.subject_text } +
     COLLECT { MATCH (e:Evidence)-[:SUPPORTS]->(:Relationship)-[:OBJECT]->(a)
               WHERE e.object_text IS NOT NULL RETURN e.object_text } AS shown
SET a.aliases = [x IN coalesce(a.aliases, []) WHERE x IN shown]
WITH a
WHERE NOT EXISTS { MATCH (:Relationship)-[:SUBJECT|OBJECT]->(a) }
DETACH DELETE a
