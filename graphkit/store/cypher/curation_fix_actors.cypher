// $rows: {id, name, type, aliases}: the curated name, type and aliases of actors that are stored.
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.name = row.name, a.type = row.type, a.aliases = row.aliases
