// The next local number of the curation log.
OPTIONAL MATCH (c:CurationEntry)
RETURN coalesce(max(c.seq), 0) + 1 AS seq
