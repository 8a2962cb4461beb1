// Remove the given relationships (their [:RELATION] edges) that no evidence supports any more.
UNWIND $ids AS rid
MATCH ()-[x:RELATION {id: rid}]->()
WHERE NOT EXISTS { MATCH (:Evidence {relationship_id: rid}) }
DELETE x
