// graphkit's Neo4j schema: applied on connect, statements separated by ';'.
// A relationship is one [:RELATION {id, relation}] edge between its actors; its evidence nodes name it and their
// article by id (relationship_id, article_id), found through the two Evidence indexes: no node and no edge more a
// relationship, so a write and a bulk import make one edge and one node per evidence row.
CREATE CONSTRAINT graphkit_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT graphkit_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT graphkit_evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE;
CREATE INDEX graphkit_evidence_article IF NOT EXISTS FOR (e:Evidence) ON (e.article_id);
CREATE INDEX graphkit_evidence_relationship IF NOT EXISTS FOR (e:Evidence) ON (e.relationship_id);
CREATE INDEX graphkit_article_source IF NOT EXISTS FOR (a:Article) ON (a.source);
CREATE INDEX graphkit_relation_id IF NOT EXISTS FOR ()-[x:RELATION]-() ON (x.id)
;
// The curation (graphkit.store.curation_neo4j): log entries by key, extracted triples by article.
CREATE CONSTRAINT graphkit_curation_key IF NOT EXISTS FOR (c:CurationEntry) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT graphkit_extracted_article IF NOT EXISTS FOR (x:CurationExtracted) REQUIRE x.article_id IS UNIQUE
