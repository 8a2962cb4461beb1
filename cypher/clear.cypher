// Remove everything (tests).
MATCH (n) DETACH DELETE n
