// Benchmark baseline only: one evidence row as its own MERGE statement (run one per transaction).
MERGE (a:Article {id: $article_id})
MERGE (s:Actor {id: $subject_id}) ON CREATE SET s.name = $subject, s.type = $subject_type
MERGE (o:Actor {id: $object_id}) ON CREATE SET o.name = $object, o.type = $object_type
MERGE (r:Relationship {id: $rel_id}) ON CREATE SET r.relation = $relation, r.subject_id = $subject_id, r.object_id = $object_id
MERGE (r)-[:SUBJECT]->(s)
MERGE (r)-[:OBJECT]->(o)
MERGE (s)-[x:RELATION {id: $rel_id}]->(o)
MERGE (e:Evidence {id: $evidence_id}) ON CREATE SET e.sentence = $sentence
MERGE (e)-[:SUPPORTS]->(r)
MERGE (e)-[:IN_ARTICLE]->(a)
