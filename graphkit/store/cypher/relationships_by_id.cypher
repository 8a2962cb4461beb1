// The relationships with ids in $ids, with the aggregates of relationships_touching.cypher (computed from their
// evidence), sorted by id: the hops of a path search.
UNWIND $ids AS rid
MATCH (r:Relationship {id: rid})-[:SUBJECT]->(s:Actor)
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
     min(a.seen_at) AS first_seen,
     max(a.seen_at) AS last_seen
RETURN r.id AS id, r.subject_id AS subject_id, s.name AS subject, s.type AS subject_type,
       r.relation AS relation, r.object_id AS object_id, o.name AS object, o.type AS object_type,
       articles, evidence, hedged_share, best_confidence, first_seen, last_seen
ORDER BY id
