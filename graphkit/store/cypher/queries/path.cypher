// How two actors are connected: every shortest path of at most 6 hops, whatever the direction of each
// relationship, with the relation and first evidence sentence of every hop.
// Params: $a, $b (actor ids).
// Example: graphkit cypher path --param a=quds-force --param b=mahdi-army
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
MATCH p = allShortestPaths((a)-[:RELATION*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS actors,
       [x IN relationships(p) |
          {from: startNode(x).name, relation: x.relation, to: endNode(x).name,
           evidence: COLLECT { MATCH (e:Evidence {relationship_id: x.id}) RETURN e.sentence ORDER BY e.seq LIMIT 1 }[0]}
       ] AS hops,
       length(p) AS length
ORDER BY actors
