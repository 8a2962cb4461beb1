// Actors whose name or an alias contains $text (case-insensitive), by name.
// Params: $text. Example: graphkit cypher actors --param text=sadr
MATCH (a:Actor)
WHERE toLower(a.name) CONTAINS toLower($text)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))
RETURN a.id AS id, a.name AS name, a.type AS type, coalesce(a.aliases, []) AS aliases
ORDER BY toLower(name)
