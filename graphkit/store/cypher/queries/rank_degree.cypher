// Actors by degree: the number of distinct actors each is linked to, highest first.
// defaults: {"top": 20}
// Params: $top (int). Example: graphkit cypher rank_degree --param top=10
MATCH (a:Actor)
OPTIONAL MATCH (a)-[:RELATION]-(other:Actor)
WHERE other <> a
WITH a, count(DISTINCT other) AS degree
RETURN a.name AS name, a.type AS type, degree, a.id AS id
ORDER BY degree DESC, toLower(name)
LIMIT $top
