// Relationships sorted by id, with aggregates computed from their evidence (as SQLite's relationship_summary):
// an article hedges a relationship when all its evidence for it is hedged.
MATCH (s:Actor)-[x:RELATION]->(o:Actor)
OPTIONAL MATCH (e:Evidence {relationship_id: x.id})
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH x, s, o, a, min(CASE WHEN e.hedged THEN 1 ELSE 0 END) AS hedged, max(e.confidence) AS confidence,
     count(e) AS evidence
WITH x, s, o,
     count(a) AS articles,
     sum(CASE WHEN a IS NULL THEN 0 ELSE evidence END) AS evidence,
     toFloat(sum(CASE WHEN a IS NULL THEN 0 ELSE hedged END)) / CASE count(a) WHEN 0 THEN null ELSE count(a) END
       AS hedged_share,
     max(confidence) AS best_confidence,
     min(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS first_seen,
     max(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS last_seen
RETURN x.id AS id, s.id AS subject_id, s.name AS subject, x.relation AS relation,
       o.id AS object_id, o.name AS object, articles, evidence, hedged_share, best_confidence,
       first_seen, last_seen
ORDER BY id
