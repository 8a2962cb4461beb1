// Actors whose id is $text, or whose name or an alias is $text up to case, sorted by id.
MATCH (a:Actor {id: $text})
RETURN a.id AS id, a.name AS name, a.type AS type, coalesce(a.aliases, []) AS aliases
UNION
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($text) OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) = toLower($text))
RETURN a.id AS id, a.name AS name, a.type AS type, coalesce(a.aliases, []) AS aliases
