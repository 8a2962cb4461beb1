// Whether the database holds graphkit's first graph model (a (:Relationship) node per relationship, with
// SUBJECT/OBJECT/SUPPORTS/IN_ARTICLE edges): one row when it does.
MATCH (r:Relationship)
RETURN r.id AS id
LIMIT 1
