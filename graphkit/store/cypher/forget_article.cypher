// Remove an article and its evidence; returns the relationships and actors the evidence named.
MATCH (a:Article {id: $id})
OPTIONAL MATCH (e:Evidence)-[:IN_ARTICLE]->(a)
OPTIONAL MATCH (e)-[:SUPPORTS]->(r:Relationship)
WITH a, collect(e) AS evidence, collect(DISTINCT r.id) AS relationships,
     collect(DISTINCT r.subject_id) + collect(DISTINCT r.object_id) AS actors
FOREACH (e IN evidence | DETACH DELETE e)
DETACH DELETE a
RETURN relationships, actors
