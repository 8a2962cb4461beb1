// Every relationship between two actors, either direction, with its evidence sentences and articles.
// Params: $a, $b (actor ids). Example: graphkit cypher relation_between --param a=iran --param b=houthis
MATCH (a:Actor {id: $a})-[x:RELATION]-(b:Actor {id: $b})
MATCH (e:Evidence {relationship_id: x.id})
MATCH (art:Article {id: e.article_id})
RETURN startNode(x).name AS subject, x.relation AS relation, endNode(x).name AS object,
       e.sentence AS sentence, e.hedged AS hedged, art.id AS article, art.title AS article_title
ORDER BY relation, e.seq
