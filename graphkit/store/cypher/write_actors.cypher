// $rows: {id, name, type, aliases}; the first name and type stay, aliases are added to.
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
ON CREATE SET a.name = row.name, a.type = row.type, a.aliases = []
SET a.aliases = coalesce(a.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(a.aliases, [])]
