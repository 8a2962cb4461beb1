// Evidence of the relationships in $ids, in insertion order, with its article's title, source and date.
MATCH (e:Evidence)
WHERE e.relationship_id IN $ids
OPTIONAL MATCH (e)-[:IN_ARTICLE]->(a:Article)
RETURN properties(e) AS e, a.title AS article_title, a.source AS article_source, a.date AS article_date
ORDER BY e.seq
