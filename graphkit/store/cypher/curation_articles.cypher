// Stored articles in ingestion order; $ids null: all.
MATCH (a:Article)
WHERE $ids IS NULL OR a.id IN $ids
RETURN a.id AS id, a.title AS title, a.source AS source, a.date AS date, a.ingested_at AS ingested_at,
       a.seen_at AS seen_at
ORDER BY a.ingested_at, a.id
