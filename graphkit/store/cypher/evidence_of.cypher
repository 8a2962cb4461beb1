// Evidence of the relationships in $ids, in insertion order, with its article's title, source and date, and its
// publication date (seen_at unless that is the ingest time of an undated article).
MATCH (e:Evidence)
WHERE e.relationship_id IN $ids
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN properties(e) AS e, a.title AS article_title, a.source AS article_source, a.date AS article_date,
       CASE WHEN a.seen_at <> a.ingested_at THEN a.seen_at END AS article_published
ORDER BY e.seq
