// Every shortest path between actors $source and $target over [:RELATION] edges, whatever their direction,
// of at most $max_depth hops (the pattern's bound is the CLI's largest --max-depth: a bound cannot be a
// parameter), keeping only relations in $relations (null: all). One row per path: node ids and names, and the
// relationship id of each hop. The relation predicate is checked during the bidirectional breadth-first search
// (it is about each relationship alone), so the planner keeps the fast shortest-path operator.
// At most $limit paths (parallel relationships between two actors make more than one path).
MATCH (s:Actor {id: $source})
MATCH (t:Actor {id: $target})
MATCH p = allShortestPaths((s)-[:RELATION*..12]-(t))
WHERE all(x IN relationships(p) WHERE $relations IS NULL OR x.relation IN $relations)
WITH p
LIMIT $limit
WITH p
WHERE length(p) <= $max_depth
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names, [x IN relationships(p) | x.id] AS rels
