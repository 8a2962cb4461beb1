// Evidence, optionally of one relationship and/or one article (null: any), in insertion order.
MATCH (e:Evidence)
WHERE ($relationship IS NULL OR e.relationship_id = $relationship)
  AND ($article_id IS NULL OR e.article_id = $article_id)
RETURN properties(e) AS e
ORDER BY e.seq
