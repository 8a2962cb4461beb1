// graphkit's Neo4j schema: applied on connect, statements separated by ';'.
// A relationship is one [:RELATION {id, relation}] edge between its actors; its evidence nodes name it and their
// article by id (relationship_id, article_id), found through the two Evidence indexes: no node and no edge more a
// relationship, so a write and a bulk import make one edge and one node per evidence row.
CREATE CONSTRAINT graphkit_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT graphkit_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
// An evidence id (its relationship, article and offsets) is unique by construction: evidence is written only
// with its article, which graphkit_article_id keeps unique. A plain index finds it (reject-evidence) at less
// cost a write than a uniqueness constraint; a database made with that constraint loses it here.
DROP CONSTRAINT graphkit_evidence_id IF EXISTS;
CREATE INDEX graphkit_evidence_key IF NOT EXISTS FOR (e:Evidence) ON (e.id);
CREATE INDEX graphkit_evidence_article IF NOT EXISTS FOR (e:Evidence) ON (e.article_id);
CREATE INDEX graphkit_evidence_relationship IF NOT EXISTS FOR (e:Evidence) ON (e.relationship_id);
CREATE INDEX graphkit_article_source IF NOT EXISTS FOR (a:Article) ON (a.source);
// A relationship id is unique: two writers that both read it absent cannot both CREATE its edge (the second
// transaction is refused and written again from its read). A database made with a plain index, or with the
// first model's constraint on (:Relationship) ids, loses them here.
DROP INDEX graphkit_relation_id IF EXISTS;
DROP CONSTRAINT graphkit_relationship_id IF EXISTS;
CREATE CONSTRAINT graphkit_relation_unique IF NOT EXISTS FOR ()-[x:RELATION]-() REQUIRE x.id IS UNIQUE
;
// The curation (graphkit.store.curation_neo4j): log entries by key, extracted triples by article.
CREATE CONSTRAINT graphkit_curation_key IF NOT EXISTS FOR (c:CurationEntry) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT graphkit_extracted_article IF NOT EXISTS FOR (x:CurationExtracted) REQUIRE x.article_id IS UNIQUE
