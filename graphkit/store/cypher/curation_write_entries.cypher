// $rows: {key, props}; an entry whose key is stored is left as it is.
UNWIND $rows AS row
MERGE (c:CurationEntry {key: row.key})
ON CREATE SET c += row.props
