// One evidence row by its id.
MATCH (e:Evidence {id: $id})
RETURN properties(e) AS e
