"""The Neo4j store: the same data model and public methods as :class:`~graphkit.store.sqlite.SQLiteStore`.

Graph model::

    (:Actor {id, name, type, aliases})
    (:Article {id, title, source, date, ingested_at, seen_at})
    (:Actor)-[:RELATION {id, relation}]->(:Actor)      a relationship: subject to object, one edge
    (:Evidence {id, relationship_id, article_id, sentence, ..., hedged, confidence, reported_by, seq})

An evidence node names its relationship and its article by id, both indexed (``cypher/schema.cypher``): a
relationship costs one edge and an evidence row one node, to write and to bulk-import, and a reader goes from
an edge to its evidence by one index seek. A database of the first model (a ``(:Relationship)`` node a
relationship, with SUBJECT/OBJECT/SUPPORTS/IN_ARTICLE edges) is migrated on connect
(``cypher/migrate_old_model.cypher``).

Only facts are stored; aggregates are computed from the evidence when read. Every statement lives in a
file under ``cypher/`` (see :mod:`graphkit.store.statements`) and takes parameters; no Cypher text is ever
built from data. Each batch of articles is one write transaction (``session.execute_write``, which the
driver retries with backoff on transient errors), written by :mod:`graphkit.store.neo4j_write`; paths are
searched by the server (:mod:`graphkit.store.neo4j_path`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from graphkit.records import Article, Triple
from graphkit.store.base import StoreError, graph_of
from graphkit.store.rows import EVIDENCE_COLUMNS, as_triple, normalize_triple, symmetric_relations, utc_now
from graphkit.store.neo4j_write import write_batch
from graphkit.store.statements import load, statements

if TYPE_CHECKING:
    import networkx

DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
_SQLITE_EVIDENCE_KEYS = ("id",) + EVIDENCE_COLUMNS


_URI_PASSWORD = re.compile(r"(//[^/@:]*:)[^/@]*@")


class RefusedData(StoreError):
    """The server refused the statement's data (not a lost connection): a value too large to index.
    ``code``: the server's status code."""

    code: str | None = None


_CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed"
_CONSTRAINT_RETRIES = 3


def redact_uri(uri: str) -> str:
    """``uri`` with a password it carries (``bolt://user:secret@host``) as ``***``.

    >>> redact_uri("bolt://neo4j:secret@host:7687")
    'bolt://neo4j:***@host:7687'
    """
    return _URI_PASSWORD.sub(r"\1***@", uri)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# The URI schemes of the Bolt driver (an http:// URI makes the driver reach for an HTTP client it lacks).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

class Neo4jStore:
    """A graph in a Neo4j 5 server at ``uri`` (``bolt://host:port`` or ``neo4j://...``).

    Connecting checks the server and the credentials and applies ``cypher/schema.cypher``; a transaction
    that meets a transient error (the server restarting) is retried with backoff for ``max_retry_time``
    seconds. A server that cannot be reached, refused credentials or any later driver error raise :class:`StoreError`
    with one line that never contains the password.
    """

    thread_safe = True  # the driver pools connections; every call opens its own session

    def __init__(self, uri: str, user: str = DEFAULT_USER, password: str = "", *,
                 database: str = DEFAULT_DATABASE, connection_timeout: float = 10.0, max_retry_time: float = 30.0):
        import neo4j
        from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable

        self._raw_uri = uri
        self.uri = redact_uri(uri)
        self.path = self.uri  # what the CLI names in its messages
        self.user = user
        self._password = password
        self.database = database
        scheme = uri.partition("://")[0].lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreError(f"invalid Neo4j URI {self.uri!r}: give a Bolt URI "
                             f"({', '.join(s + '://' for s in BOLT_SCHEMES)}), e.g. bolt://127.0.0.1:7687")
        try:
            password.encode("utf-8")
        except UnicodeEncodeError:
            raise StoreError("the Neo4j password is not valid UTF-8 (check $GRAPHKIT_NEO4J_PASSWORD)") from None
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password),
                                                      connection_timeout=connection_timeout,
                                                      max_transaction_retry_time=max_retry_time)
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(self._clean(f"invalid Neo4j URI {self.uri!r} ({_first_line(exc)})")) from None
        try:
            self._driver.verify_connectivity()
            for statement in statements("schema"):
                self._driver.execute_query(statement, database_=database)
            self._migrate_old_model()
        except AuthError:
            self._driver.close()
            raise StoreError(f"Neo4j refused the credentials for user {user} at {self.uri}") from None
        except ServiceUnavailable as exc:
            self._driver.close()
            raise StoreError(self._clean(f"cannot reach Neo4j at {self.uri}: {self._reason(exc)}")) from None
        except (Neo4jError, neo4j.exceptions.DriverError, OSError) as exc:
            self._driver.close()
            raise StoreError(self._clean(f"cannot use Neo4j at {self.uri}: {_first_line(exc)}")) from None

    # ------------------------------------------------------------------ plumbing

    def _migrate_old_model(self) -> None:
        """Migrate a database of graphkit's first graph model (``cypher/migrate_old_model.cypher``)."""
        with self._driver.session(database=self.database) as session:
            if session.run(load("has_old_model")).single() is None:
                return
            for statement in statements("migrate_old_model"):
                session.run(statement).consume()

    @staticmethod
    def _reason(exc: BaseException) -> str:
        text = str(exc)
        lowered = text.lower()
        for needle, reason in (("connection refused", "connection refused"), ("timed out", "connection timed out"),
                               ("name or service not known", "unknown host"),
                               ("temporary failure in name resolution", "unknown host")):
            if needle in lowered:
                return reason
        return _first_line(exc)

    def _clean(self, message: str) -> str:
        message = redact_uri(" ".join(message.split()))
        if self._password:
            message = message.replace(self._password, "***")
        return message

    def _error(self, what: str, exc: BaseException) -> StoreError:
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, TransientError

        if isinstance(exc, AuthError):
            return StoreError(f"Neo4j refused the credentials for user {self.user} at {self.uri}")
        if isinstance(exc, ServiceUnavailable):
            return StoreError(self._clean(f"cannot reach Neo4j at {self.uri}: {self._reason(exc)}"))
        if isinstance(exc, Neo4jError) and not isinstance(exc, TransientError):
            reason = (getattr(exc, "message", None) or _first_line(exc))[:300]
            refused = RefusedData(self._clean(f"Neo4j at {self.uri}: cannot {what} ({reason})"))
            refused.code = getattr(exc, "code", None)
            return refused
        return StoreError(self._clean(f"Neo4j at {self.uri}: cannot {what} ({_first_line(exc)})"))

    def _call(self, what: str, fn: Callable[[], Any]) -> Any:
        import neo4j

        try:
            return fn()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as exc:
            raise self._error(what, exc) from None

    def _read(self, name: str, **params: Any) -> list[dict]:
        # execute_query: one managed, retried read transaction with fewer round trips than a session
        import neo4j

        def run():
            records = self._driver.execute_query(load(name), params, database_=self.database,
                                                 routing_=neo4j.RoutingControl.READ,
                                                 bookmark_manager_=None).records
            return [record.data() for record in records]

        return self._call("read", run)

    def _write(self, work: Callable[[Any], Any]) -> Any:
        def run():
            with self._driver.session(database=self.database) as session:
                return session.execute_write(work)

        return self._call("write", run)

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def clear(self) -> None:
        """Remove every node and relationship of the database (tests, starting afresh), in batches of
        10,000 nodes (``CALL { } IN TRANSACTIONS`` needs an auto-commit transaction)."""
        def run():
            with self._driver.session(database=self.database) as session:
                session.run(load("clear")).consume()

        self._call("clear", run)

    # ------------------------------------------------------------------ writing

    def has_article(self, article_id: str) -> bool:
        return bool(self._read("has_article", id=article_id))

    def stored_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored, in one query."""
        return {row["id"] for row in self._read("stored_articles", ids=sorted(set(article_ids)))}

    def add_articles(self, batch: Sequence[tuple[Article, Sequence[Triple]]]) -> dict[str, int]:
        """Store articles with their triples in one transaction; articles already stored are skipped.

        Returns counts as :meth:`SQLiteStore.add_articles`: ``stored``, ``skipped``, and the ``actors``,
        ``relationships`` and ``evidence`` this batch added; when an article was refused, also ``failed``
        and ``failures`` (one line each). A batch the server refuses (a value too large to index) is retried article by article, so
        one bad article never blocks the others; a lost server raises :class:`StoreError`.
        """
        return self._add_or_split(batch, {})

    def _add_or_split(self, batch: Sequence[tuple[Article, Sequence[Triple]]],
                      times: dict[str, tuple[str, str]]) -> dict[str, Any]:
        try:
            return self._add(batch, times)  # the counts of SQLiteStore.add_articles when nothing failed
        except RefusedData as exc:
            counts = {"stored": 0, "skipped": 0, "actors": 0, "relationships": 0, "evidence": 0}
            if len(batch) == 1:
                article = batch[0][0]
                return {**counts, "failed": 1, "failures": [f"{article.source or article.id[:80]}: not stored ({exc})"]}
            counts.update(failed=0, failures=[])
            for item in batch:
                one = self._add_or_split([item], times)
                for key, value in one.items():
                    counts[key] += value
            return counts

    def _add(self, batch: Sequence[tuple[Article, Sequence[Triple]]],
             times: dict[str, tuple[str, str]]) -> dict[str, int]:
        """``times``: article id -> (ingested_at, seen_at) to keep (push); others are ingested now."""
        symmetric = symmetric_relations()
        now = utc_now()
        prepared = []  # (article, normalized triples), each article once
        seen: set[str] = set()
        duplicates = 0
        for article, triples in batch:
            if article.id in seen:
                duplicates += 1
                continue
            seen.add(article.id)
            prepared.append((article, [normalize_triple(as_triple(t), symmetric) for t in triples]))

        for attempt in range(_CONSTRAINT_RETRIES + 1):
            try:
                return self._write(lambda tx: write_batch(tx, prepared, times, now, duplicates))
            except RefusedData as exc:  # a concurrent writer stored a node first: read and write again
                if exc.code != _CONSTRAINT_FAILED or attempt == _CONSTRAINT_RETRIES:
                    raise
        raise AssertionError("unreachable")

    def forget(self, article_id: str) -> bool:
        """Remove an article, its evidence, the relationships left without evidence and the actors left
        without relationships (and aliases no evidence shows any more), in one transaction.
        False when the article is not stored."""
        def work(tx) -> bool:
            record = tx.run(load("forget_article"), id=article_id).single()
            if record is None:
                return False
            tx.run(load("forget_relationships"), ids=record["relationships"]).consume()
            tx.run(load("forget_actors"), ids=sorted(set(record["actors"]))).consume()
            tx.run(load("forget_extracted"), id=article_id).consume()  # curation's copy holds its sentences
            return True

        return self._write(work)

    def copy_from(self, source: Any, batch_articles: int = 32,
                  on_failure: Callable[[str], None] | None = None) -> dict[str, int]:
        """Copy an :class:`SQLiteStore` into this store, ``batch_articles`` per transaction; articles
        already here are skipped, their ingestion times are kept; an article the server refuses is
        counted as failed and reported through ``on_failure`` (one line). Returns the summary counts."""
        if batch_articles < 1:
            raise ValueError("batch_articles must be at least 1")
        summary = {"stored": 0, "skipped": 0, "failed": 0, "actors": 0, "relationships": 0, "evidence": 0}
        batch: list[tuple[Article, list[Triple]]] = []
        times: dict[str, tuple[str, str]] = {}

        def flush() -> None:
            counts = self._add_or_split(batch, times)
            for key in ("stored", "skipped", "actors", "relationships", "evidence"):
                summary[key] += counts[key]
            summary["failed"] += counts.get("failed", 0)
            for line in counts.get("failures", ()):
                if on_failure is not None:
                    on_failure(line)
            batch.clear()
            times.clear()

        for article, triples, ingested_at, seen_at in source.export_articles():
            batch.append((article, triples))
            times[article.id] = (ingested_at, seen_at)
            if len(batch) >= batch_articles:
                flush()
        if batch:
            flush()
        return summary

    # ------------------------------------------------------------------ reading

    def stats(self) -> dict[str, int]:
        """Counts: articles, actors, relationships, evidence."""
        row = self._read("stats")[0]
        return {key: row[key] for key in ("articles", "actors", "relationships", "evidence")}

    def article(self, article_id: str) -> dict | None:
        rows = self._read("article", id=article_id)
        return rows[0] if rows else None

    def articles(self, sources: Iterable[str] | None = None) -> list[dict]:
        """As :meth:`SQLiteStore.articles`: stored articles (of these sources) with their counts, in
        ingestion order."""
        return self._read("articles", sources=None if sources is None else sorted(set(sources)))

    def actors(self) -> Iterator[dict]:
        """Actors sorted by id: id, name, type, aliases (sorted)."""
        for row in self._read("actors"):
            yield {**row, "aliases": sorted(row["aliases"])}

    def relationships(self) -> Iterator[dict]:
        """Relationships sorted by id, with names and the aggregates computed from their evidence, as
        :meth:`SQLiteStore.relationships`."""
        yield from self._read("relationships")

    def evidence(self, relationship: str | None = None, article_id: str | None = None) -> Iterator[dict]:
        """Evidence rows (the SQLite evidence fields; ``id`` is a string key), optionally of one
        relationship id and/or one article, in insertion order."""
        for row in self._read("evidence", relationship=relationship, article_id=article_id):
            props = row["e"]
            out = {key: props.get(key) for key in _SQLITE_EVIDENCE_KEYS}
            out["hedged"] = bool(out["hedged"])
            yield out

    def actors_named(self, text: str) -> list[dict]:
        """As :meth:`SQLiteStore.actors_named`: actors with this id, or this name or alias up to case."""
        rows = [{**row, "aliases": sorted(row["aliases"])} for row in self._read("actors_named", text=text)]
        return sorted(rows, key=lambda a: a["id"])

    def neighbours(self, actor_ids: Iterable[str]) -> list[dict]:
        """As :meth:`SQLiteStore.neighbours`: the relationships of these actors, no aggregates."""
        return self._read("neighbours", ids=sorted(set(actor_ids)))

    def relationships_touching(self, actor_ids: Iterable[str]) -> list[dict]:
        """As :meth:`SQLiteStore.relationships_touching`, aggregates and first evidence in one round trip."""
        return self._read("relationships_touching", ids=sorted(set(actor_ids)))

    def best_paths(self, source_id: str, target_id: str, *, relations: Iterable[str] | None = None,
                   max_depth: int = 6, best: int = 1, evidence_per: int | None = None) -> tuple[list, dict, dict, dict]:
        """The ``best`` first shortest paths between two actors, with their hops and evidence, searched and
        ranked by the server with the hops of the paths kept, in one query (two when names fold otherwise than
        they lower-case): see
        :func:`graphkit.store.neo4j_path.best_paths` (``paths`` uses it when a store has it)."""
        from graphkit.store.neo4j_path import best_paths

        return best_paths(self._read, source_id, target_id, relations=relations, max_depth=max_depth,
                          best=best, evidence_per=evidence_per)

    def evidence_of(self, relationship_ids: Iterable[str]) -> list[dict]:
        """As :meth:`SQLiteStore.evidence_of`: evidence of these relationships with article metadata."""
        from graphkit.store.neo4j_path import evidence_row

        return [evidence_row(row) for row in self._read("evidence_of", ids=sorted(set(relationship_ids)))]

    def run_file(self, path: str, params: dict[str, Any], *, write: bool = False) -> list[dict]:
        """Run the Cypher statement in the file at ``path`` (``graphkit cypher``) with ``params``, in a
        read transaction (a write one with ``write``, else refused unless its plan is a read: see
        :mod:`graphkit.store.neo4j_files`); rows as plain dicts (nodes as their properties).
        Raises OSError or UnicodeDecodeError when the file cannot be read."""
        from graphkit.store.neo4j_files import run_user_file

        return self._call("run the query", lambda: run_user_file(self._driver, self.database, path, params, write))

    def to_networkx(self) -> networkx.MultiDiGraph:
        """As :meth:`SQLiteStore.to_networkx`: actors as nodes, one edge per relationship keyed by relation."""
        return graph_of(self)
