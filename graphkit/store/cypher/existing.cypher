// Which of the given ids are already stored (read inside the write transaction of a batch).
RETURN [x IN $article_ids WHERE EXISTS { MATCH (:Article {id: x}) }] AS articles,
       [x IN $actor_ids WHERE EXISTS { MATCH (:Actor {id: x}) }] AS actors,
       [x IN $relationship_ids WHERE EXISTS { MATCH (:Relationship {id: x}) }] AS relationships
