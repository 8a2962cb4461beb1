// The relationships of the actors in $ids with their aggregates (as relationships.cypher) and their
// first evidence sentence with its article: one step of a walk (links, show) in one round trip.
UNWIND $ids AS id
MATCH (:Actor {id: id})-[x:RELATION]-(:Actor)
WITH DISTINCT x.id AS rid
MATCH (r:Relationship {id: rid})-[:SUBJECT]->(s:Actor)
MATCH (r)-[:OBJECT]->(o:Actor)
OPTIONAL MATCH (e:Evidence)-[:SUPPORTS]->(r)
OPTIONAL MATCH (e)-[:IN_ARTICLE]->(a:Article)
WITH r, s, o, a, min(CASE WHEN e.hedged THEN 1 ELSE 0 END) AS hedged, max(e.confidence) AS confidence,
     count(e) AS evidence, min(e.seq) AS first_seq
WITH r, s, o,
     count(a) AS articles,
     sum(CASE WHEN a IS NULL THEN 0 ELSE evidence END) AS evidence,
     avg(CASE WHEN a IS NULL THEN null ELSE hedged END) AS hedged_share,
     max(confidence) AS best_confidence,
     min(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS first_seen,
     max(CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END) AS last_seen,
     min(first_seq) AS first_seq
OPTIONAL MATCH (first:Evidence {relationship_id: r.id, seq: first_seq})-[:IN_ARTICLE]->(fa:Article)
RETURN r.id AS id, r.subject_id AS subject_id, s.name AS subject, s.type AS subject_type,
       r.relation AS relation, r.object_id AS object_id, o.name AS object, o.type AS object_type,
       articles, evidence, hedged_share, best_confidence, first_seen, last_seen,
       first.sentence AS first_sentence, first.article_id AS first_article, fa.title AS first_article_title
ORDER BY id
