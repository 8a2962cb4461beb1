// The curation log in order, the entries numbered after $after (0: all).
MATCH (c:CurationEntry)
WHERE c.seq > $after
RETURN properties(c) AS c
ORDER BY c.seq
