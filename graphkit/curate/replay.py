"""Replaying the curation over a store: each stored article's triples as extracted, through the
curation in force, compared (by hash) with what the store holds; the articles that differ are
replaced, and the actors any entry names get their curated name, type and aliases. New entries, the
replacements and the actor fixes are written in one transaction (:func:`commit`).
"""
from __future__ import annotations

import hashlib
from dataclasses import fields
from typing import Any, Iterable, Sequence

from graphkit.curate.apply import Curation, sides_of, sides_of_dict
from graphkit.curate.log import Entry
from graphkit.records import Evidence, Triple
from graphkit.store.rows import normalize_triple, symmetric_relations


def backend_for(store: Any):
    """The curation persistence of ``store`` (:class:`SQLiteCuration` or :class:`Neo4jCuration`)."""
    from graphkit.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        from graphkit.store.curation_sqlite import SQLiteCuration

        return SQLiteCuration(store)
    from graphkit.store.curation_neo4j import Neo4jCuration

    return Neo4jCuration(store)


_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence) if f.name not in ("article", "source"))


def triples_hash(triples: Sequence[Triple]) -> str:
    """The hash of an article's curated triples as the store would hold them."""
    symmetric = symmetric_relations()
    rows = []
    for t in triples:
        t = normalize_triple(t, symmetric)
        ev = t.evidence
        rows.append(repr((t.subject_id, t.subject, t.subject_type, t.relation, t.object_id, t.object, t.object_type,
                          bool(t.hedged), t.confidence, *(getattr(ev, f) for f in _EVIDENCE_FIELDS))))
    return hashlib.sha1("\n".join(sorted(rows)).encode("utf-8")).hexdigest()


def raw_dicts(triples: Iterable[Triple]) -> list[dict]:
    return [t.to_dict() for t in triples]


def commit(store: Any, new: Sequence[Entry] = (), undone: Sequence[Entry] = ()) -> dict[str, int]:
    """Record ``new`` entries and mark ``undone`` ones, and make the stored graph the curated one, in one
    transaction. Returns ``{"entries": n, "articles_rewritten": n}``."""
    backend = backend_for(store)
    stored_entries = backend.entries()
    known = {e.key for e in stored_entries}
    fresh = [e for e in new if e.key not in known]
    undone_keys = {e.key: e for e in undone}
    entries = [undone_keys.get(e.key, e) for e in stored_entries]
    top = max((e.seq for e in entries), default=0)
    entries += [Entry.from_dict({**e.to_dict(), "seq": top + i + 1}) for i, e in enumerate(fresh)]
    curation = Curation(entries)
    extracted = backend.extracted()
    articles = backend.articles()
    replaced, curated_of = [], {}
    keep: dict[str, tuple[str, list[dict], str]] = {}
    for row in articles:
        raw_rows, stored_hash = extracted.get(row["id"], (None, None))
        if raw_rows is None:  # stored before its extraction was kept: what the store holds is the extraction
            raw = backend.stored_triples(row["id"])
            raw_rows = raw_dicts(raw)
            stored_hash = triples_hash(raw)
            keep[row["id"]] = (row["id"], raw_rows, stored_hash)
            extracted[row["id"]] = (raw_rows, stored_hash)
        elif stored_hash is not None and not curation.may_change(row["id"], raw_rows):
            continue  # no entry names anything in it: stored as extracted, and stays so
        raw = [Triple.from_dict({**d, "article": d.get("article") or row["id"]}) for d in raw_rows]
        curated = curation.triples(raw, row["id"])
        digest = triples_hash(curated)
        if digest != stored_hash:
            replaced.append((row, curated))
            curated_of[row["id"]] = curated
            keep[row["id"]] = (row["id"], raw_rows, digest)
    fix = curation.touched_ids()
    for row, curated in replaced:
        fix.update(side[0] for d in extracted[row["id"]][0] for side in sides_of_dict(d))
        fix.update(side[0] for t in curated for side in sides_of(t))

    def sides():  # every curated side in ingestion order: as extracted where no entry applies
        for row in articles:
            if row["id"] in curated_of:
                triples = curated_of[row["id"]]
            elif curation.may_change(row["id"], extracted[row["id"]][0]):
                raw = [Triple.from_dict({**d, "article": d.get("article") or row["id"]})
                       for d in extracted[row["id"]][0]]
                triples = curation.triples(raw, row["id"])
            else:
                for d in extracted[row["id"]][0]:
                    yield from sides_of_dict(d)
                continue
            for t in triples:
                yield from sides_of(t)

    actors = curation.actor_rows(sides(), only=fix)
    backend.commit(fresh, list(undone_keys.values()), replaced, list(keep.values()), actors, fix)
    return {"entries": len(fresh), "articles_rewritten": len(replaced)}


def curation_of(store: Any) -> Curation:
    """The curation stored in ``store`` (every entry, in force or not)."""
    return Curation(backend_for(store).entries())


def entries_of(store: Any) -> list[Entry]:
    return backend_for(store).entries()


def copy_curation(source: Any, target: Any, held_before: set[str] | None = None) -> dict[str, int]:
    """Give ``target`` the curation of ``source`` (``graphkit push``): its log entries, the extracted
    triples of its articles, then a replay on ``target``, so the target shows the curated graph even
    for articles it held before and can be curated further. ``held_before``: the articles ``target``
    held before this push (their stored version may be stale; None: assume the push copied them all).
    Returns the counts of :func:`commit`."""
    origin, dest = backend_for(source), backend_for(target)
    entries = origin.entries()
    extracted = origin.extracted()
    if not entries and not extracted:
        return {"entries": 0, "articles_rewritten": 0}
    theirs = dest.extracted()
    held_before = held_before or set()
    rows = []
    for aid, (triples, digest) in extracted.items():
        if aid in theirs:
            digest = theirs[aid][1]  # what the target holds, whatever the source holds now
        elif aid in held_before:
            digest = None  # stored before its extraction came along: replayed to be sure
        rows.append((aid, triples, digest))
    for i in range(0, len(rows), 500):
        dest.save_extracted(rows[i:i + 500])
    local = {e.key: e for e in dest.entries()}
    if not entries and not local:
        return {"entries": 0, "articles_rewritten": 0}
    undone = [local[e.key].undone(e.undone_by or "unknown", e.undone_at) for e in entries
              if e.key in local and e.undone_at and local[e.key].undone_at is None]
    return commit(target, [e for e in entries if e.key not in local], undone)
