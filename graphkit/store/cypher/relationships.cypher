// Relationships sorted by id, with aggregates computed from their evidence (as SQLite's relationship_summary):
// an article hedges a relationship when all its evidence for it is hedged.
MATCH (r:Relationship)-[:SUBJECT]->(s:Actor)
MATCH (r)-[:OBJECT]->(o:Actor)
OPTIONAL MATCH (e:Evidence)-[:SUPPORTS]->(r)
OPTIONAL MATCH (e)-[:IN_ARTICLE]->(a:Article)
WITH r, s, o, a, min(CASE WHEN e.hedged THEN 1 ELSE 0 END) AS hedged, max(e.confidence) AS confidence,
     count(e) AS evidence
WITH r, s, o,
     count(a) AS articles,
     sum(CASE WHEN a IS NULL THEN 0 ELSE evidence END) AS evidence,
     avg(CASE WHEN a IS NULL THEN null ELSE hedged END) AS hedged_share,
     max(confidence) AS best_confidence,
     min(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS first_seen,
     max(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS last_seen
RETURN r.id AS id, r.subject_id AS subject_id, s.name AS subject, r.relation AS relation,
       r.object_id AS object_id, o.name AS object, articles, evidence, hedged_share, best_confidence,
       first_seen, last_seen
ORDER BY id
