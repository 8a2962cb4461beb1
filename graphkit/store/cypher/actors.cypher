// Actors sorted by id.
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.type AS type, coalesce(a.aliases, []) AS aliases
ORDER BY id
