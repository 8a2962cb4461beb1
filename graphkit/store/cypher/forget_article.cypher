// Remove an article and its evidence; returns the relationships and actors the evidence named.
MATCH (a:Article {id: $id})
OPTIONAL MATCH (e:Evidence {article_id: $id})
WITH a, collect(e) AS evidence, collect(DISTINCT e.relationship_id) AS relationships
CALL (relationships) {
  UNWIND relationships AS rid
  MATCH (s:Actor)-[:RELATION {id: rid}]->(o:Actor)
  RETURN collect(DISTINCT s.id) + collect(DISTINCT o.id) AS actors
}
FOREACH (e IN evidence | DETACH DELETE e)
DETACH DELETE a
RETURN relationships, actors
