// Stored articles (all, or those whose source is in $sources) with the relationships and evidence rows
// they support, in ingestion order.
MATCH (a:Article)
WHERE $sources IS NULL OR a.source IN $sources
OPTIONAL MATCH (e:Evidence {article_id: a.id})
WITH a, count(e) AS evidence, count(DISTINCT e.relationship_id) AS relationships
RETURN a.id AS id, a.title AS title, a.source AS source, a.date AS date, a.ingested_at AS ingested_at,
       a.seen_at AS seen_at, relationships, evidence
ORDER BY ingested_at, id
