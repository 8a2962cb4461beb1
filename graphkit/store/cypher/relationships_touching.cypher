// The relationships of the actors in $ids with their aggregates (as relationships.cypher) and their
// first evidence sentence with its article: one step of a walk (links, show) in one round trip.
// From each actor (one index seek) along its [:RELATION] edges, each relationship's evidence by one seek of the
// relationship_id index, the first evidence picked during the same pass (only its properties are read).
UNWIND $ids AS id
MATCH (:Actor {id: id})-[x:RELATION]-()
WITH DISTINCT x
WITH x, startNode(x) AS s, endNode(x) AS o
OPTIONAL MATCH (e:Evidence {relationship_id: x.id})
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH x, s, o, a, min(CASE WHEN e.hedged THEN 1 ELSE 0 END) AS hedged, max(e.confidence) AS confidence,
     count(e) AS evidence, min(e.seq) AS first_seq,
     collect({seq: e.seq, e: e, a: a}) AS said
WITH x, s, o,
     count(a) AS articles,
     sum(CASE WHEN a IS NULL THEN 0 ELSE evidence END) AS evidence,
     toFloat(sum(CASE WHEN a IS NULL THEN 0 ELSE hedged END)) / CASE count(a) WHEN 0 THEN null ELSE count(a) END
       AS hedged_share,
     max(confidence) AS best_confidence,
     min(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS first_seen,
     max(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS last_seen,
     min(first_seq) AS first_seq, collect(said) AS said
WITH x, s, o, articles, evidence, hedged_share, best_confidence, first_seen, last_seen,
     head([y IN reduce(all = [], part IN said | all + part) WHERE y.seq = first_seq]) AS first
RETURN x.id AS id, s.id AS subject_id, s.name AS subject, s.type AS subject_type,
       x.relation AS relation, o.id AS object_id, o.name AS object, o.type AS object_type,
       articles, evidence, hedged_share, best_confidence, first_seen, last_seen,
       CASE WHEN first.a IS NULL THEN null ELSE first.e.sentence END AS first_sentence,
       CASE WHEN first.a IS NULL THEN null ELSE first.e.article_id END AS first_article,
       first.a.title AS first_article_title
ORDER BY id
