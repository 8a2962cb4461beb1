"""The user's own Cypher files (``graphkit cypher``) on a Neo4j server: run as given, and refused without
``write`` unless the server's plan says the statement only reads.

The file's text is the query: graphkit builds no Cypher from data. The one text made here is the constant
keyword ``EXPLAIN`` before that file, so that the server plans the statement and runs nothing.
"""
from __future__ import annotations

from typing import Any, Iterator

# Plan operators a read-only ``graphkit cypher`` refuses: they read the server's files or URLs, end other
# users' transactions, or administer users, roles, databases and privileges.
REFUSED_OPERATORS = ("LoadCSV", "TerminateTransactions", "AdministrationCommand")


class RefusedQuery(ValueError):
    """A statement that may change the server, run without ``write``."""


def _operators(plan: dict | None) -> Iterator[str]:
    if plan:
        yield str(plan.get("operatorType", "")).split("@")[0]
        for child in plan.get("children") or ():
            yield from _operators(child)



def run_user_file(driver: Any, database: str, path: str, params: dict[str, Any], write: bool) -> list[dict]:
    """The rows of the statement in the file at ``path``, run with ``params`` in a read transaction (a write
    one with ``write``). Raises :class:`RefusedQuery` for a statement that is not a read, without ``write``."""
    with open(path, encoding="utf-8") as fh:
        file_text = fh.read()

    def work(tx):
        return [record.data() for record in tx.run(file_text, params)]

    with driver.session(database=database) as session:
        if not write:
            check_read_only(session, file_text, params)
        return (session.execute_write if write else session.execute_read)(work)


def check_read_only(session: Any, text: str, params: dict[str, Any]) -> None:
    """Raise :class:`RefusedQuery` unless the server's plan of ``text`` (``EXPLAIN``: nothing runs)
    is a read (query type ``r``) without an operator of :data:`REFUSED_OPERATORS`."""
    from neo4j.exceptions import ClientError

    explained_file = "EXPLAIN " + text
    try:
        summary = session.run(explained_file, params).consume()
    except ClientError as exc:
        if "AdministrationCommand" in (exc.code or ""):
            raise RefusedQuery("an administration command") from None
        raise
    refused = sorted({op for op in _operators(summary.plan) if op in REFUSED_OPERATORS})
    if refused:
        raise RefusedQuery(f"it uses {', '.join(refused)}")
    if summary.query_type not in ("r", None):
        kinds = {"w": "writes", "rw": "writes", "s": "changes the schema or the server"}
        raise RefusedQuery(f"it {kinds.get(summary.query_type, 'is not a read')}")
