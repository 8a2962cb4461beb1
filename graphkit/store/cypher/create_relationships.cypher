// Relationships the transaction found not stored, as parallel lists (row i of each is one relationship:
// $ids, $subject_ids, $relations, $object_ids); their actors exist. The reified node carries the evidence,
// the direct edge is what paths and walks traverse. CREATE, not MERGE: a MERGE of an edge checks the edges
// of its actors (tens of db hits a row at a hub). Parallel lists, not a list of maps: the driver packs and
// the server unpacks no key a row.
UNWIND range(0, size($ids) - 1) AS i
WITH $ids[i] AS id, $subject_ids[i] AS subject_id, $relations[i] AS relation, $object_ids[i] AS object_id
MATCH (s:Actor {id: subject_id})
MATCH (o:Actor {id: object_id})
CREATE (r:Relationship {id: id, relation: relation, subject_id: subject_id, object_id: object_id})
CREATE (r)-[:SUBJECT]->(s)
CREATE (r)-[:OBJECT]->(o)
CREATE (s)-[:RELATION {id: id, relation: relation}]->(o)
