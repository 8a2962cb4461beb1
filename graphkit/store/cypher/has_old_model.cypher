// Whether the database holds graphkit's first graph model (a (:Relationship) node per relationship, with
// SUBJECT/OBJECT/SUPPORTS/IN_ARTICLE edges): one row when it does. db.labels() lists the labels some node
// carries; a MATCH on the label would make the server warn, on every connection to a database that never had it.
CALL db.labels() YIELD label
WITH label
WHERE label = 'Relationship'
RETURN label
LIMIT 1
