// From graphkit's first graph model to the present one, run on connect when has_old_model.cypher finds a
// (:Relationship) node; auto-commit statements of 10,000 rows a transaction, so a large graph fits in memory and
// a migration stopped midway is finished by the next connection. The [:RELATION] edges and the evidence's
// relationship_id and article_id were already stored: only the reified nodes (those with a SUBJECT edge
// to an actor: another application's (:Relationship) nodes stay) and the edges to them go; schema.cypher drops the
// first model's constraint.
MATCH (:Evidence)-[x:IN_ARTICLE]->(:Article)
CALL (x) { DELETE x } IN TRANSACTIONS OF 10000 ROWS;
MATCH (r:Relationship)-[:SUBJECT]->(:Actor)
CALL (r) { DETACH DELETE r } IN TRANSACTIONS OF 10000 ROWS
