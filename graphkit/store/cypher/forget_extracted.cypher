// The triples of an article as extracted (kept for curation), when the article is forgotten.
MATCH (x:CurationExtracted {article_id: $id})
DELETE x
