// The curation's nodes (graphkit.store.curation_neo4j): applied when a curation is first read or written.
CREATE CONSTRAINT graphkit_curation_key IF NOT EXISTS FOR (c:CurationEntry) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT graphkit_extracted_article IF NOT EXISTS FOR (x:CurationExtracted) REQUIRE x.article_id IS UNIQUE
