// Benchmark baseline only: one evidence row as its own MERGE statement (run one per transaction), the same
// nodes and edge as graphkit's writer.
MERGE (a:Article {id: $article_id})
MERGE (s:Actor {id: $subject_id}) ON CREATE SET s.name = $subject, s.type = $subject_type
MERGE (o:Actor {id: $object_id}) ON CREATE SET o.name = $object, o.type = $object_type
MERGE (s)-[x:RELATION {id: $rel_id}]->(o) ON CREATE SET x.relation = $relation
MERGE (e:Evidence {id: $evidence_id})
ON CREATE SET e.sentence = $sentence, e.relationship_id = $rel_id, e.article_id = $article_id
