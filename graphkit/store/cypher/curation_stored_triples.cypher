// One article's evidence with its relationship and actors: the triples stored for it.
MATCH (a:Article {id: $id})
MATCH (e:Evidence {article_id: $id})
MATCH (sa:Actor)-[x:RELATION {id: e.relationship_id}]->(oa:Actor)
RETURN properties(e) AS e, x.relation AS relation, sa.id AS subject_id, oa.id AS object_id,
       sa.name AS s_name, sa.type AS s_type, oa.name AS o_name, oa.type AS o_type, a.source AS a_source
ORDER BY e.seq
