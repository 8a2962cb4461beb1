// The shortest paths between actors $source and $target that can rank among the $best first, searched and
// ranked by the server in one query; their hops' full aggregates and evidence are read after, by path_hops.cypher,
// for the paths the caller keeps only. $max_depth: most hops; $relations: the relations a hop may use (null:
// all); $limit: most Cypher paths read; $best: how many paths the caller keeps.
//
// 1. allShortestPaths over [:RELATION] edges, whatever their direction (the pattern's bound is the CLI's largest
//    --max-depth: a bound cannot be a parameter); the relation predicate is about each edge alone, so the
//    planner keeps the bidirectional breadth-first ShortestPath operator. Parallel relationships between two
//    actors make one Cypher path each: a path below is a node sequence, its hop i every edge met at position i.
// 2. Each relationship met: its articles and whether every article only hedges it (as hedged_share = 1 of
//    relationships_touching.cypher), computed once per relationship, not once per path, from the article_id and
//    hedged of its evidence alone.
// 3. The ranking rule of graphkit.ask.query.paths: fewest hops whose relationships are all only hedged, then
//    most articles on the weakest hop (a hop as strong as its best relationship). Paths tied with the $best-th
//    are all kept: Python breaks the ties by name (graphkit.model.names.fold, which Cypher has not), so it
//    chooses exactly as it does on SQLite.
// One row a kept path: ids and names of its actors, its two ranking figures, the ids of its hops' relationships.
MATCH (s:Actor {id: $source})
MATCH (t:Actor {id: $target})
MATCH p = allShortestPaths((s)-[:RELATION*..12]-(t))
WHERE all(x IN relationships(p) WHERE $relations IS NULL OR x.relation IN $relations)
WITH p
LIMIT $limit
WITH p
WHERE length(p) <= $max_depth
UNWIND range(0, length(p) - 1) AS i
WITH nodes(p) AS ns, i, relationships(p)[i] AS x
WITH x, collect(DISTINCT [ns, i]) AS places
CALL (x) {
  OPTIONAL MATCH (e:Evidence {relationship_id: x.id})
  WITH e.article_id AS a, min(CASE WHEN e.hedged THEN 1 ELSE 0 END) AS hedged
  RETURN count(a) AS articles, coalesce(avg(CASE WHEN a IS NULL THEN null ELSE hedged END) = 1, false) AS only_hedged
}
UNWIND places AS place
WITH place[0] AS ns, place[1] AS i, x.id AS rid, articles, only_hedged
WITH ns, i, max(articles) AS hop_articles, min(CASE WHEN only_hedged THEN 1 ELSE 0 END) AS hop_hedged,
     collect(rid) AS hop_rels
WITH ns, sum(hop_hedged) AS hedged_hops, min(hop_articles) AS weakest, collect(hop_rels) AS rels
ORDER BY hedged_hops, weakest DESC
WITH collect({ns: ns, hedged_hops: hedged_hops, weakest: weakest, rels: rels}) AS ranked
WITH ranked, ranked[(CASE WHEN size(ranked) < $best THEN size(ranked) ELSE $best END) - 1] AS last
UNWIND [c IN ranked WHERE c.hedged_hops < last.hedged_hops
                       OR (c.hedged_hops = last.hedged_hops AND c.weakest >= last.weakest)] AS c
RETURN [n IN c.ns | n.id] AS ids, [n IN c.ns | n.name] AS names, c.hedged_hops AS hedged_hops,
       c.weakest AS weakest, reduce(all = [], hop IN c.rels | all + hop) AS relationship_ids
