// Which of the given ids are already stored (read inside the write transaction of a batch), with the
// aliases of the stored actors (so that only actors with a new alias are written again).
RETURN [x IN $article_ids WHERE EXISTS { MATCH (:Article {id: x}) }] AS articles,
       [x IN $actor_ids | COLLECT { MATCH (a:Actor {id: x}) RETURN {id: a.id, aliases: coalesce(a.aliases, [])} }]
         AS actors,
       [x IN $relationship_ids WHERE EXISTS { MATCH ()-[:RELATION {id: x}]->() }] AS relationships
