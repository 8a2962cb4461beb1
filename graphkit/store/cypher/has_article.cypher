// Whether an article is stored: one row when it is.
MATCH (a:Article {id: $id})
RETURN a.id AS id
