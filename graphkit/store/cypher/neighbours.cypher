// The relationships of the actors in $ids, without aggregates, sorted by id: one step of a path search.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[x:RELATION]-(:Actor)
WITH DISTINCT x
WITH x, startNode(x) AS s, endNode(x) AS o
RETURN x.id AS id, s.id AS subject_id, s.name AS subject, x.relation AS relation, o.id AS object_id,
       o.name AS object
ORDER BY id
