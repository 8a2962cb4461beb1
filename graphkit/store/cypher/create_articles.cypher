// $rows: {id, title, source, date, ingested_at, seen_at}: articles the transaction found not stored (a
// concurrent writer that stored one meanwhile makes the uniqueness constraint refuse the batch, which is
// then read and written again).
UNWIND $rows AS row
CREATE (a:Article {id: row.id})
SET a.title = row.title, a.source = row.source, a.date = row.date, a.ingested_at = row.ingested_at,
    a.seen_at = row.seen_at
