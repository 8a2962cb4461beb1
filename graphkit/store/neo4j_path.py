"""Path search on the Neo4j server: the best shortest paths between two actors, found by the server's own
bidirectional breadth-first search (``allShortestPaths``) and ranked by the server in the same query
(``cypher/path_search.cypher``), which reads the full aggregates and first evidence rows of the hops of the
``best`` first paths only, whatever the length of the paths or how many are tied.

The server keeps every path tied with the ``best``-th; the remaining ties are broken here by folded name, with
the rule of :func:`graphkit.ask.query.paths` (Cypher has no :func:`~graphkit.model.names.fold`: the server
orders the ties by lower-cased name, which agrees for most names), so both stores give the same answer. When the
two orders choose differently, the hops the server did not read are read by a second query
(``cypher/path_hops.cypher``).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from graphkit.store.rows import EVIDENCE_COLUMNS, path_order

# Parallel relationships between two actors make one Cypher path each: enough rows to see 10,000 and more
# different node sequences in all but pathological graphs.
MAX_PATH_ROWS = 100_000

_EVIDENCE_KEYS = ("id",) + EVIDENCE_COLUMNS  # the SQLite evidence fields


def best_paths(read: Callable[..., list[dict]], source_id: str, target_id: str, *,
               relations: Iterable[str] | None = None, max_depth: int = 6, best: int = 1,
               evidence_per: int | None = None
               ) -> tuple[list[list[str]], dict[str, str], dict[tuple[str, str], dict[str, dict]], dict[str, list[dict]]]:
    """The ``best`` first shortest paths between two actors within ``max_depth`` hops, through ``relations``
    only (None: all), by the rule of :func:`graphkit.ask.query.paths` (fewest only-hedged hops, then most
    articles on the weakest hop, then names, then ids): ``(paths, names, hops, evidence)``, ``paths`` node-id
    sequences, best first, ``names`` actor id -> name, ``hops`` (id, id) sorted pair -> {relationship id:
    relationship row with aggregates} for every hop of those paths, ``evidence`` relationship id -> its first
    ``evidence_per`` evidence rows (None: all) as :meth:`Neo4jStore.evidence_of` gives them, with the fields a
    path shows (the others None). ``read(statement, **params)`` runs a statement of ``cypher/`` and returns its
    rows."""
    if source_id == target_id:  # the server's shortest-path search refuses a path from an actor to itself
        return [], {}, {}, {}
    rows = read("path_search", source=source_id, target=target_id, max_depth=max_depth, limit=MAX_PATH_ROWS,
                relations=sorted(set(relations)) if relations else None, best=max(1, best),
                evidence_per=evidence_per)
    chosen = sorted(rows[0]["candidates"], key=rank_key)[:max(1, best)] if rows else []
    if not chosen:
        return [], {}, {}, {}
    wanted = {rid for path in chosen for rid in path["relationship_ids"]}
    read_rels = {rel["id"]: rel for rel in rows[0]["rels"] if rel["id"] in wanted}
    missing = sorted(wanted - set(read_rels))
    if missing:  # the server's order by lower-cased name chose other paths than fold's
        read_rels.update((rel["id"], rel) for rel in read("path_hops", ids=missing, evidence_per=evidence_per))
    names: dict[str, str] = {}
    hops: dict[tuple[str, str], dict[str, dict]] = {}
    evidence: dict[str, list[dict]] = {}
    for rel in read_rels.values():
        evidence[rel["id"]] = [evidence_row(ev) for ev in rel.pop("evidence_rows")]
        names[rel["subject_id"]], names[rel["object_id"]] = rel["subject"], rel["object"]
        pair = tuple(sorted((rel["subject_id"], rel["object_id"])))
        hops.setdefault(pair, {})[rel["id"]] = rel
    for path in chosen:  # an actor whose relationship was forgotten between the two reads keeps its name
        names.update((n, name) for n, name in zip(path["ids"], path["names"]) if n not in names)
    return [list(path["ids"]) for path in chosen], names, hops, evidence


def rank_key(path: dict) -> tuple:
    """The order of :func:`graphkit.ask.query.paths` (:func:`graphkit.store.rows.path_order`) for a row of
    ``path_search.cypher``."""
    return path_order(path["hedged_hops"], path["weakest"], path["names"], path["ids"])


def evidence_row(row: dict) -> dict:
    """An evidence row of ``evidence_of.cypher`` (``e``: the node's properties, and its article's metadata)
    as :meth:`SQLiteStore.evidence_of` gives it: the SQLite evidence fields, ``hedged`` a bool."""
    ev = {key: row["e"].get(key) for key in _EVIDENCE_KEYS}
    ev["hedged"] = bool(ev["hedged"])
    ev.update(article_title=row["article_title"], article_source=row["article_source"],
              article_date=row["article_date"], article_published=row["article_published"])
    return ev


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
