// The curation log in order.
MATCH (c:CurationEntry)
RETURN properties(c) AS c
ORDER BY c.seq
