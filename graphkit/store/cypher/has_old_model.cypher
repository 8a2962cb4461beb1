// Whether the database holds graphkit's first graph model (a (:Relationship) node per relationship, with
// SUBJECT/OBJECT/SUPPORTS/IN_ARTICLE edges): one row when it does. db.labels() and db.relationshipTypes() list
// what some node or edge carries; a MATCH on the label would make the server warn, on every connection to a
// database that never had it.
CALL db.labels() YIELD label
WITH collect(label) AS labels
CALL db.relationshipTypes() YIELD relationshipType
WITH labels, collect(relationshipType) AS types
WHERE 'Relationship' IN labels AND 'SUBJECT' IN types
RETURN true AS old
