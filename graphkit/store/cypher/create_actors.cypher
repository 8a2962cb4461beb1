// $rows: {id, name, type, aliases}: actors the transaction found not stored.
UNWIND $rows AS row
CREATE (a:Actor {id: row.id, name: row.name, type: row.type, aliases: row.aliases})
