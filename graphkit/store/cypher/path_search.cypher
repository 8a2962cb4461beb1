// The shortest paths between actors $source and $target that can rank among the $best first, searched and
// ranked by the server in one query, with the aggregates and evidence of the hops of the $best first in the
// server's order. $max_depth: most hops; $relations: the relations a hop may use (null: all); $limit: most Cypher
// paths read; $best: how many paths the caller keeps; $evidence_per: evidence rows kept per relationship (null: all).
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
//    are all kept (candidates): Python breaks the ties by folded name (graphkit.model.names.fold, which Cypher
//    has not), so it chooses exactly as it does on SQLite.
// 4. The tied paths ordered by lower-cased names, as fold orders most names, and the relationships of the $best
//    first only with the aggregates of relationships_touching.cypher and their first $evidence_per evidence rows
//    (cut on the server before their articles are read): when Python's choice differs, it reads the hops it
//    lacks by path_hops.cypher (which computes the same rows).
// One row: candidates (ids, names, hedged_hops, weakest, relationship_ids of each kept path), rels.
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
WITH place[0] AS ns, place[1] AS i, x, articles, only_hedged
WITH ns, i, max(articles) AS hop_articles, min(CASE WHEN only_hedged THEN 1 ELSE 0 END) AS hop_hedged,
     collect(x) AS hop_rels
WITH ns, sum(hop_hedged) AS hedged_hops, min(hop_articles) AS weakest, collect(hop_rels) AS rels
ORDER BY hedged_hops, weakest DESC, [n IN ns | toLower(n.name)], [n IN ns | n.id]
WITH collect({ns: ns, hedged_hops: hedged_hops, weakest: weakest, rels: rels}) AS ranked
WITH ranked, ranked[(CASE WHEN size(ranked) < $best THEN size(ranked) ELSE $best END) - 1] AS last
WITH [c IN ranked WHERE c.hedged_hops < last.hedged_hops
                     OR (c.hedged_hops = last.hedged_hops AND c.weakest >= last.weakest)] AS kept
CALL (kept) {
  UNWIND kept[..$best] AS c
  UNWIND c.rels AS hop
  UNWIND hop AS x
  WITH DISTINCT x
  WITH x AS r, startNode(x) AS s, endNode(x) AS o
  CALL (r) {
    OPTIONAL MATCH (e:Evidence {relationship_id: r.id})
    OPTIONAL MATCH (a:Article {id: e.article_id})
    WITH a, min(CASE WHEN e.hedged THEN 1 ELSE 0 END) AS hedged, max(e.confidence) AS confidence, count(e) AS evidence
    RETURN count(a) AS articles,
           sum(CASE WHEN a IS NULL THEN 0 ELSE evidence END) AS evidence,
           toFloat(sum(CASE WHEN a IS NULL THEN 0 ELSE hedged END)) / CASE count(a) WHEN 0 THEN null ELSE count(a) END
           AS hedged_share,
           max(confidence) AS best_confidence,
           min(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS first_seen,
           max(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS last_seen
  }
  CALL (r) {
    MATCH (e:Evidence {relationship_id: r.id})
    WITH e
    ORDER BY e.seq
    LIMIT coalesce($evidence_per, 9223372036854775807)
    OPTIONAL MATCH (a:Article {id: e.article_id})
    WITH e, a
    ORDER BY e.seq
    RETURN collect({e: e {.id, .relationship_id, .article_id, .sentence, .hedged, .reported_by, .trigger, .pattern,
                          .confidence},
                    article_title: a.title, article_source: a.source, article_date: a.date,
                    article_published: CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END}) AS evidence_rows
  }
  RETURN collect({id: r.id, subject_id: s.id, subject: s.name, subject_type: s.type,
                  relation: r.relation, object_id: o.id, object: o.name, object_type: o.type,
                  articles: articles, evidence: evidence, hedged_share: hedged_share,
                  best_confidence: best_confidence, first_seen: first_seen, last_seen: last_seen,
                  evidence_rows: evidence_rows}) AS rels
}
RETURN [c IN kept | {ids: [n IN c.ns | n.id], names: [n IN c.ns | n.name], hedged_hops: c.hedged_hops,
                     weakest: c.weakest, relationship_ids: [x IN reduce(all = [], hop IN c.rels | all + hop) | x.id]}]
       AS candidates, rels
