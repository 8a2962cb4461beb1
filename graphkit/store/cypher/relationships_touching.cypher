// The relationships of the actors in $ids with their aggregates (as relationships.cypher) and their
// first evidence sentence with its article: one step of a walk (links, show) in one round trip.
// From each actor (one index seek) straight to its reified :Relationship nodes over their SUBJECT/OBJECT
// edges (no index seek a relationship), and the first evidence picked during the same pass over the evidence
// (no second look-up by relationship id and seq; only the first one's properties are read).
UNWIND $ids AS id
MATCH (:Actor {id: id})<-[:SUBJECT|OBJECT]-(r:Relationship)
WITH DISTINCT r
MATCH (r)-[:SUBJECT]->(s:Actor)
MATCH (r)-[:OBJECT]->(o:Actor)
OPTIONAL MATCH (e:Evidence)-[:SUPPORTS]->(r)
OPTIONAL MATCH (e)-[:IN_ARTICLE]->(a:Article)
WITH r, s, o, a, min(CASE WHEN e.hedged THEN 1 ELSE 0 END) AS hedged, max(e.confidence) AS confidence,
     count(e) AS evidence, min(e.seq) AS first_seq,
     collect({seq: e.seq, e: e, a: a}) AS said
WITH r, s, o,
     count(a) AS articles,
     sum(CASE WHEN a IS NULL THEN 0 ELSE evidence END) AS evidence,
     avg(CASE WHEN a IS NULL THEN null ELSE hedged END) AS hedged_share,
     max(confidence) AS best_confidence,
     min(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS first_seen,
     max(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS last_seen,
     min(first_seq) AS first_seq, collect(said) AS said
WITH r, s, o, articles, evidence, hedged_share, best_confidence, first_seen, last_seen,
     head([x IN reduce(all = [], part IN said | all + part) WHERE x.seq = first_seq]) AS first
RETURN r.id AS id, r.subject_id AS subject_id, s.name AS subject, s.type AS subject_type,
       r.relation AS relation, r.object_id AS object_id, o.name AS object, o.type AS object_type,
       articles, evidence, hedged_share, best_confidence, first_seen, last_seen,
       CASE WHEN first.a IS NULL THEN null ELSE first.e.sentence END AS first_sentence,
       CASE WHEN first.a IS NULL THEN null ELSE first.e.article_id END AS first_article,
       first.a.title AS first_article_title
ORDER BY id
