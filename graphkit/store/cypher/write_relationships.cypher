// $rows: {id, subject_id, relation, object_id}; the actors exist already.
UNWIND $rows AS row
MATCH (s:Actor {id: row.subject_id})
MATCH (o:Actor {id: row.object_id})
MERGE (r:Relationship {id: row.id})
ON CREATE SET r.relation = row.relation, r.subject_id = row.subject_id, r.object_id = row.object_id
MERGE (r)-[:SUBJECT]->(s)
MERGE (r)-[:OBJECT]->(o)
MERGE (s)-[x:RELATION {id: row.id}]->(o)
ON CREATE SET x.relation = row.relation
