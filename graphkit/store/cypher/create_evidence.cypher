// $rows: {id, props}: evidence of articles the transaction found not stored (so the evidence is new too);
// props are the evidence fields (as the SQLite evidence rows, plus seq for order).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.props.relationship_id})
MATCH (a:Article {id: row.props.article_id})
CREATE (e:Evidence {id: row.id})
SET e += row.props
CREATE (e)-[:SUPPORTS]->(r)
CREATE (e)-[:IN_ARTICLE]->(a)
