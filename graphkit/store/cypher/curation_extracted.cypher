// Each article's triples as extracted (JSON) and the hash of the curated version stored; $ids null: all.
MATCH (x:CurationExtracted)
WHERE $ids IS NULL OR x.article_id IN $ids
RETURN x.article_id AS article_id, x.triples AS triples, x.curated_hash AS curated_hash
