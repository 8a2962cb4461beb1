// Remove the given relationships that no evidence supports any more, with their RELATION edges.
UNWIND $ids AS rid
MATCH (r:Relationship {id: rid})
WHERE NOT EXISTS { MATCH (:Evidence)-[:SUPPORTS]->(r) }
OPTIONAL MATCH (:Actor {id: r.subject_id})-[x:RELATION {id: rid}]->(:Actor {id: r.object_id})
DELETE x
DETACH DELETE r
