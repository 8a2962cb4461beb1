// $rows: {article_id, triples (JSON), curated_hash}.
UNWIND $rows AS row
MERGE (x:CurationExtracted {article_id: row.article_id})
SET x.triples = row.triples, x.curated_hash = row.curated_hash
