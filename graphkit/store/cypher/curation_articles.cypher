// Stored articles in ingestion order.
MATCH (a:Article)
RETURN a.id AS id, a.title AS title, a.source AS source, a.date AS date, a.ingested_at AS ingested_at,
       a.seen_at AS seen_at
ORDER BY a.ingested_at, a.id
