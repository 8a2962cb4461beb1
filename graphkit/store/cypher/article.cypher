// One article's metadata.
MATCH (a:Article {id: $id})
RETURN a.id AS id, a.title AS title, a.source AS source, a.date AS date, a.ingested_at AS ingested_at
