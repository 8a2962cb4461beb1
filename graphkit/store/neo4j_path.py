"""Path search on the Neo4j server: every shortest path between two actors found by the server's own
bidirectional breadth-first search (``allShortestPaths`` in ``cypher/path_search.cypher``), and the
relationships of their hops with their aggregates (``cypher/relationships_by_id.cypher``): two round trips
whatever the length, where a search driven from Python needs one a hop.

:func:`graphkit.ask.query.paths` ranks what this finds by the same rule as on SQLite, so both stores give
the same answer.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

# Parallel relationships between two actors make one Cypher path each: enough rows to see 10,000 and more
# different node sequences in all but pathological graphs.
MAX_PATH_ROWS = 100_000


def shortest_paths(read: Callable[..., list[dict]], source_id: str, target_id: str, *,
                   relations: Iterable[str] | None = None, max_depth: int = 6, max_paths: int = 10_001
                   ) -> tuple[list[list[str]], dict[str, str], dict[tuple[str, str], dict[str, dict]]]:
    """The shortest paths between two actors within ``max_depth`` hops, through ``relations`` only
    (None: all): ``(paths, names, hops)``, ``paths`` the node-id sequences (at most ``max_paths``),
    ``names`` actor id -> name, ``hops`` (id, id) sorted pair -> {relationship id: relationship row with
    aggregates} for every pair of consecutive actors on a path. ``read(statement, **params)`` runs a
    statement of ``cypher/`` and returns its rows."""
    rows = read("path_search", source=source_id, target=target_id, max_depth=max_depth, limit=MAX_PATH_ROWS,
                relations=sorted(set(relations)) if relations else None)
    paths: dict[tuple[str, ...], None] = {}
    names: dict[str, str] = {}
    rel_ids: set[str] = set()
    for row in rows:
        ids = tuple(row["ids"])
        if ids not in paths and len(paths) >= max_paths:
            continue
        paths[ids] = None
        names.update(zip(row["ids"], row["names"]))
        rel_ids.update(row["rels"])
    hops: dict[tuple[str, str], dict[str, dict]] = {}
    if rel_ids:
        for rel in read("relationships_by_id", ids=sorted(rel_ids)):
            pair = tuple(sorted((rel["subject_id"], rel["object_id"])))
            hops.setdefault(pair, {})[rel["id"]] = rel
    return [list(p) for p in paths], names, hops


def profile(driver: Any, database: str, statement: str, params: dict[str, Any]) -> list[dict]:
    """The operators of ``PROFILE <statement>`` (the constant keyword before a file of ``cypher/``): name,
    rows and db hits of each, depth first, for the bench's report of what a plan does."""
    profiled_file = "PROFILE " + statement  # a constant keyword before the file's text, as neo4j_files' EXPLAIN
    summary = driver.execute_query(profiled_file, params, database_=database).summary
    out: list[dict] = []

    def walk(plan: Any, depth: int) -> None:
        if not plan:
            return
        out.append({"operator": plan.get("operatorType", "").split("@")[0], "depth": depth,
                    "rows": plan.get("rows"), "db_hits": plan.get("dbHits"),
                    "details": (plan.get("args") or {}).get("Details")})
        for child in plan.get("children") or ():
            walk(child, depth + 1)

    walk(summary.profile, 0)
    return out
