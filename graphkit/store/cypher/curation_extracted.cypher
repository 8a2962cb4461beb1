// Each article's triples as extracted (JSON) and the hash of the curated version stored.
MATCH (x:CurationExtracted)
RETURN x.article_id AS article_id, x.triples AS triples, x.curated_hash AS curated_hash
