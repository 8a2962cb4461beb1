// $rows: {id, aliases}: stored actors with aliases not stored yet; the first name and type stay.
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.aliases = coalesce(a.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(a.aliases, [])]
