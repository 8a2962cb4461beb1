// The next local number of the curation log ($first when it is empty).
OPTIONAL MATCH (c:CurationEntry)
RETURN coalesce(max(c.seq) + 1, $first) AS seq
