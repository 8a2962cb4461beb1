// $rows: {id, props}: props are the evidence fields (as the SQLite evidence rows, plus seq for order).
UNWIND $rows AS row
MATCH (r:Relationship {id: row.props.relationship_id})
MATCH (a:Article {id: row.props.article_id})
MERGE (e:Evidence {id: row.id})
ON CREATE SET e += row.props
MERGE (e)-[:SUPPORTS]->(r)
MERGE (e)-[:IN_ARTICLE]->(a)
