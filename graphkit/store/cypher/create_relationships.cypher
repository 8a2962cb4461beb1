// Relationships the transaction found not stored, as parallel lists (row i of each is one relationship:
// $ids, $subject_ids, $relations, $object_ids); their actors exist. A relationship is its [:RELATION] edge alone.
// CREATE, not MERGE: a MERGE of an edge checks the edges of its actors (tens of db hits a row at a hub). Parallel
// lists, not a list of maps: the driver packs and the server unpacks no key a row.
UNWIND range(0, size($ids) - 1) AS i
MATCH (s:Actor {id: $subject_ids[i]})
MATCH (o:Actor {id: $object_ids[i]})
CREATE (s)-[:RELATION {id: $ids[i], relation: $relations[i]}]->(o)
