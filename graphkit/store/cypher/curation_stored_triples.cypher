// One article's evidence with its relationship and actors: the triples stored for it.
MATCH (a:Article {id: $id})<-[:IN_ARTICLE]-(e:Evidence)-[:SUPPORTS]->(r:Relationship)
MATCH (r)-[:SUBJECT]->(sa:Actor)
MATCH (r)-[:OBJECT]->(oa:Actor)
RETURN properties(e) AS e, r.relation AS relation, r.subject_id AS subject_id, r.object_id AS object_id,
       sa.name AS s_name, sa.type AS s_type, oa.name AS o_name, oa.type AS o_type, a.source AS a_source
ORDER BY e.seq
