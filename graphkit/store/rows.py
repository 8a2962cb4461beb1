"""What both stores make of records before writing them: symmetric relations in id order, the actors a
batch names, evidence rows by column name, and the dates that order first and last seen.

>>> from graphkit.records import Evidence, Triple
>>> ev = Evidence(article="a1", source="-", sentence="Hamas fought Fatah.", sentence_start=0, sentence_end=19,
...               subject_text="Hamas", subject_start=0, subject_end=5, object_text="Fatah", object_start=13,
...               object_end=18, trigger="fought", trigger_start=6, trigger_end=12, pattern="verb")
>>> t = normalize_triple(Triple("Hamas", "rival_of", "Fatah", "hamas", "fatah", "ORGANIZATION", "ORGANIZATION",
...                             hedged=False, confidence=0.8, article="a1", evidence=ev))
>>> t.subject_id, t.evidence.subject_text, evidence_row(t, "a1")["object_start"]
('fatah', 'Fatah', 0)
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterable, Mapping

from graphkit.model.names import fold, is_alias
from graphkit.model.schema import load_schema
from graphkit.records import Actor, Triple

# The stored evidence fields, in the SQLite table's column order.
EVIDENCE_COLUMNS = (
    "relationship_id", "article_id", "sentence", "sentence_start", "sentence_end",
    "subject_text", "subject_start", "subject_end", "object_text", "object_start", "object_end",
    "trigger", "trigger_start", "trigger_end", "pattern", "hedged", "confidence", "reported_by",
)
# The fields that name one piece of evidence: two rows with the same key are one, the surer kept.
EVIDENCE_KEY = ("relationship_id", "article_id", "sentence_start", "trigger_start")


def surer(confidence: float | None, kept: float | None) -> bool:
    """Whether a row of ``confidence`` replaces the kept row of the same key (as SQLite's ON CONFLICT update:
    only a known, higher confidence does).

    >>> surer(0.9, 0.5), surer(0.5, 0.9), surer(None, 0.5), surer(0.9, None)
    (True, False, False, False)
    """
    return confidence is not None and kept is not None and confidence > kept


def path_order(hedged_hops: int, weakest: int, names: Iterable[str], ids: Iterable[str]) -> tuple:
    """The sort key of a path (:func:`graphkit.ask.query.paths`, and the Neo4j store's tie-break of the paths its
    server ranked): fewest hops that are only hedged, most articles on the weakest hop, then the folded names and
    the ids of its actors.

    >>> sorted([path_order(0, 2, ["B"], ["b"]), path_order(0, 3, ["C"], ["c"]), path_order(0, 2, ["a"], ["a"])])[0]
    (0, -3, ['c'], ['c'])
    """
    return (hedged_hops, -weakest, [fold(name) for name in names], list(ids))


def symmetric_relations() -> frozenset[str]:
    """The relations the schema declares order-free."""
    return load_schema().symmetric


def as_triple(t: Triple | Mapping[str, Any]) -> Triple:
    """``t`` as a :class:`Triple`; a mapping is read as the jsonl form (:meth:`Triple.to_dict`)."""
    return t if isinstance(t, Triple) else Triple.from_dict(dict(t))


def normalize_triple(t: Triple, symmetric: frozenset[str] | None = None) -> Triple:
    """The triple as stored: a symmetric relation gets ``subject_id <= object_id`` (sides swapped with
    their evidence, :meth:`Triple.swapped`)."""
    symmetric = symmetric_relations() if symmetric is None else symmetric
    if t.relation in symmetric and t.subject_id > t.object_id:
        return t.swapped()
    return t


def actors_from_triples(triples: Iterable[Triple]) -> dict[str, Actor]:
    """Actors named by ``triples``, by id, with the surface forms seen as aliases (sorted).

    The first triple naming an actor gives its name and type.
    """
    found: dict[str, tuple[str, str | None, set[str]]] = {}
    for t in triples:
        for actor_id, name, type_, surface in ((t.subject_id, t.subject, t.subject_type, t.evidence.subject_text),
                                               (t.object_id, t.object, t.object_type, t.evidence.object_text)):
            entry = found.setdefault(actor_id, (name or actor_id, type_, set()))
            if surface and is_alias(surface):  # never a clause or a bare 'government' (model.names)
                entry[2].add(surface)
    return {actor_id: Actor(id=actor_id, name=name, type=type_, aliases=tuple(sorted(aliases)))
            for actor_id, (name, type_, aliases) in found.items()}


def evidence_row(t: Triple, article_id: str) -> dict[str, Any]:
    """The evidence row of ``t`` in ``article_id``: every field of :data:`EVIDENCE_COLUMNS` by name."""
    ev = t.evidence
    row = {name: getattr(ev, name) for name in EVIDENCE_COLUMNS
           if name not in ("relationship_id", "article_id", "hedged", "confidence")}
    row.update(relationship_id=t.relationship_id, article_id=article_id, hedged=bool(ev.hedged),
               confidence=t.confidence)
    for required in ("sentence_start", "trigger_start"):
        if row[required] is None:
            raise ValueError(f"triple {t.relationship_id} in article {article_id} has no evidence {required}")
    return row


def evidence_key(row: Mapping[str, Any]) -> tuple:
    return tuple(row[name] for name in EVIDENCE_KEY)


# --------------------------------------------------------------------------- dates

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d", "%d.%m.%Y")
_MONTH_FORMATS = ("%B %Y", "%b %Y")


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(raw: str | None) -> str | None:
    """An article date as sortable ISO 8601 (``2008-07-13``, ``2008-07-13T09:30:00Z``, ``2008-07``), or None.

    >>> iso_date("2008-07-13"), iso_date("July 13, 2008"), iso_date("Sun, 13 Jul 2008 09:30:00 +0200")
    ('2008-07-13', '2008-07-13', '2008-07-13T07:30:00Z')
    >>> iso_date("July 2008"), iso_date("2008"), iso_date("last week")
    ('2008-07', '2008', None)
    """
    text = (raw or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).strftime("%Y-%m-%d")
            except ValueError:
                pass
        for fmt in _MONTH_FORMATS:
            try:
                return datetime.strptime(text, fmt).strftime("%Y-%m")
            except ValueError:
                pass
        return None
    if parsed.tzinfo is None and parsed.hour == parsed.minute == parsed.second == 0 and len(text) <= 10:
        return parsed.strftime("%Y-%m-%d")
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc)
    return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")
