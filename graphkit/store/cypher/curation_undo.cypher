// $rows: {key, undone_at, undone_by}.
UNWIND $rows AS row
MATCH (c:CurationEntry {key: row.key})
SET c.undone_at = row.undone_at, c.undone_by = row.undone_by
