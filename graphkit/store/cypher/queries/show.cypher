// One actor and every relationship with all its evidence, one row an evidence sentence.
// Params: $actor (id). Example: graphkit cypher show --param actor=iran
MATCH (a:Actor {id: $actor})-[x:RELATION]-(other:Actor)
MATCH (e:Evidence {relationship_id: x.id})
MATCH (art:Article {id: e.article_id})
RETURN a.name AS actor, x.relation AS relation,
       CASE WHEN startNode(x) = a THEN 'out' ELSE 'in' END AS direction,
       other.name AS other, e.sentence AS sentence, e.hedged AS hedged, e.reported_by AS reported_by,
       art.id AS article, art.title AS article_title
ORDER BY relation, other, e.seq
