// $rows: {id, title, source, date, ingested_at, seen_at}; an article already stored is left as it is.
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a.title = row.title, a.source = row.source, a.date = row.date,
              a.ingested_at = row.ingested_at, a.seen_at = row.seen_at
