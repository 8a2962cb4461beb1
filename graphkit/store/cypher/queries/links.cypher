// Who $actor (an actor id) is linked to, one hop: the other actor, relation, direction, articles,
// whether only hedged, and the first evidence sentence with its article.
// Params: $actor (id), $relations (list of relation names, or null for all), $min_articles (int, or null).
// defaults: {"relations": null, "min_articles": 1}
// Example: graphkit cypher links --param actor=qassem-suleimani --param 'relations=["commands"]'
MATCH (a:Actor {id: $actor})-[x:RELATION]-(other:Actor)
WHERE $relations IS NULL OR x.relation IN $relations
MATCH (e:Evidence {relationship_id: x.id})
MATCH (art:Article {id: e.article_id})
WITH a, other, x, e, art ORDER BY e.seq
WITH other, x, startNode(x) = a AS outgoing, collect(e) AS evs, collect(DISTINCT art.id) AS articles,
     collect(art) AS arts
WITH other, x, outgoing, evs, size(articles) AS articles, arts[0] AS first_article
WHERE $min_articles IS NULL OR articles >= $min_articles
RETURN other.name AS actor, other.id AS actor_id, other.type AS actor_type, x.relation AS relation,
       CASE WHEN x.relation IN ['negotiated_with', 'rival_of'] THEN 'both'
            WHEN outgoing THEN 'out' ELSE 'in' END AS direction,
       articles, all(e IN evs WHERE e.hedged) AS only_hedged,
       evs[0].sentence AS evidence, first_article.id AS article, first_article.title AS article_title
ORDER BY articles DESC, relation, actor
