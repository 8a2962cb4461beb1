// Prune the aliases no evidence shows any more, then remove the given actors no relationship names.
UNWIND $ids AS aid
MATCH (a:Actor {id: aid})
WITH a,
     COLLECT { MATCH (a)-[x:RELATION]->() MATCH (e:Evidence {relationship_id: x.id})
               WHERE e.subject_text IS NOT NULL RETURN e.subject_text } +
     COLLECT { MATCH (a)<-[x:RELATION]-() MATCH (e:Evidence {relationship_id: x.id})
               WHERE e.object_text IS NOT NULL RETURN e.object_text } AS shown
SET a.aliases = [y IN coalesce(a.aliases, []) WHERE y IN shown]
WITH a
WHERE NOT EXISTS { MATCH (a)-[:RELATION]-() }
DETACH DELETE a
