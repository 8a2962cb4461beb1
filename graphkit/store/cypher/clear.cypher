// Remove everything (tests, benchmarks), 10,000 nodes a transaction so a large graph fits in memory.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
