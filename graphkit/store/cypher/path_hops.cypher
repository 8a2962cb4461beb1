// The relationships in $ids with the rows of path_search.cypher's step 4: the aggregates of
// relationships_touching.cypher and their first $evidence_per evidence rows (null: all) in insertion order, cut
// on the server before their articles are read. For the hops of the paths graphkit.store.neo4j_path.best_paths
// keeps that path_search.cypher did not read (its order by lower-cased name chose other paths than Python's by
// folded name). Each relationship by one seek of the graphkit_relation_id index, its evidence by one of
// graphkit_evidence_relationship.
UNWIND $ids AS rid
MATCH (s:Actor)-[r:RELATION {id: rid}]->(o:Actor)
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
RETURN r.id AS id, s.id AS subject_id, s.name AS subject, s.type AS subject_type,
       r.relation AS relation, o.id AS object_id, o.name AS object, o.type AS object_type,
       articles, evidence, hedged_share, best_confidence, first_seen, last_seen, evidence_rows
