// Which of the article ids in $ids are stored.
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id
