// $rows: {id, subject_id, relation, object_id}: relationships the transaction found not stored; their actors
// exist. The reified node carries the evidence, the direct edge is what paths and walks traverse. CREATE, not
// MERGE: a MERGE of an edge checks the edges of its actors (tens of db hits a row at a hub).
UNWIND $rows AS row
MATCH (s:Actor {id: row.subject_id})
MATCH (o:Actor {id: row.object_id})
CREATE (r:Relationship {id: row.id, relation: row.relation, subject_id: row.subject_id, object_id: row.object_id})
CREATE (r)-[:SUBJECT]->(s)
CREATE (r)-[:OBJECT]->(o)
CREATE (s)-[:RELATION {id: row.id, relation: row.relation}]->(o)
