// Benchmark baseline only: the relationships alone, no evidence, as one batched UNWIND ... MERGE.
// $rows: {subject_id, object_id, relation, id}
UNWIND $rows AS row
MERGE (s:Actor {id: row.subject_id})
MERGE (o:Actor {id: row.object_id})
MERGE (s)-[x:RELATION {id: row.id}]->(o)
ON CREATE SET x.relation = row.relation
