"""The typed records that cross graphkit's stages: read -> nlp -> run -> store -> ask/views.

Every record is frozen; ``to_dict()`` is the plain-data form that the jsonl output and the stores
use, and ``from_dict()`` reads it back.

>>> ev = Evidence(article="a1", source="x.txt", sentence="Iran armed the Houthis.", sentence_start=0,
...               sentence_end=23, subject_text="Iran", subject_start=0, subject_end=4,
...               object_text="the Houthis", object_start=11, object_end=22, trigger="armed",
...               trigger_start=5, trigger_end=10, pattern="verb")
>>> t = Triple("Iran", "supplies_weapons_to", "Houthis", "iran", "houthis", "STATE", "ORGANIZATION",
...            hedged=False, confidence=0.8, article="a1", evidence=ev)
>>> Triple.from_dict(t.to_dict()) == t
True
>>> list(t.to_dict())[:3]
['subject', 'relation', 'object']
"""
from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from typing import Any

__all__ = ["Actor", "Article", "Evidence", "Triple"]


@dataclass(frozen=True)
class Article:
    """One document to extract from. ``date`` is ISO 8601 at the precision known (``2008``, ``2008-07``,
    ``2008-07-06``); ``year_guessed`` says its year was not stated with it (a dateline without a year,
    the year taken from the text or the file's other dates)."""

    id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    year_guessed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(id=d["id"], text=d.get("text") or "", source=d.get("source") or "", title=d.get("title"),
                   date=d.get("date"), year_guessed=bool(d.get("year_guessed", False)))


@dataclass(frozen=True)
class Actor:
    """An actor as resolution settled it: its id is the slug of its name."""

    id: str
    name: str
    type: str | None
    aliases: tuple[str, ...] = ()
    dictionary: bool = False  # the actor is an entry of the actor dictionary

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "dictionary": self.dictionary}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Actor":
        return cls(id=d["id"], name=d["name"], type=d["type"], aliases=tuple(d.get("aliases") or ()),
                   dictionary=bool(d.get("dictionary", False)))


@dataclass(frozen=True)
class Evidence:
    """Where one triple is stated: the sentence and the character offsets of its parts in the article."""

    article: str
    source: str
    sentence: str
    sentence_start: int
    sentence_end: int
    subject_text: str
    subject_start: int
    subject_end: int
    object_text: str
    object_start: int
    object_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    pattern: str
    hedged: bool = False
    reported_by: str | None = None
    context: str | None = None  # the earlier sentence that names an argument reached through a pronoun

    OFFSETS = ("sentence_start", "sentence_end", "subject_start", "subject_end", "object_start", "object_end",
               "trigger_start", "trigger_end")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Evidence":
        """Read the dict form back; unknown keys are ignored, a missing field without default is None
        (hand-made evidence may give only the sentence and the offsets that key it)."""
        return cls(**{f.name: d.get(f.name) for f in fields(cls) if f.name in d or f.default is MISSING})

    def shifted(self, offset: int, article: str, source: str) -> "Evidence":
        """The same evidence in an article whose text starts ``offset`` characters before the chunk's."""
        return replace(self, article=article, source=source,
                       **{k: getattr(self, k) + offset for k in self.OFFSETS})

    def swapped(self) -> "Evidence":
        """Subject and object sides exchanged (a symmetric relation stored in id order)."""
        return replace(self, subject_text=self.object_text, subject_start=self.object_start,
                       subject_end=self.object_end, object_text=self.subject_text,
                       object_start=self.subject_start, object_end=self.subject_end)


@dataclass(frozen=True)
class Triple:
    """One relation stated once: subject, relation, object, with its evidence."""

    subject: str
    relation: str
    object: str
    subject_id: str
    object_id: str
    subject_type: str | None
    object_type: str | None
    hedged: bool
    confidence: float
    article: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "evidence"}
        d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Triple":
        ev = d["evidence"]
        return cls(subject=d["subject"], relation=d["relation"], object=d["object"],
                   subject_id=d["subject_id"], object_id=d["object_id"],
                   subject_type=d.get("subject_type"), object_type=d.get("object_type"),
                   hedged=bool(d.get("hedged", False)), confidence=float(d.get("confidence", 0.0)),
                   article=d.get("article") or ev.get("article", ""),
                   evidence=ev if isinstance(ev, Evidence) else Evidence.from_dict(
                       {"article": d.get("article", ""), "source": "", **ev}))

    def swapped(self) -> "Triple":
        """The same triple with its sides exchanged (for symmetric relations)."""
        return replace(self, subject=self.object, object=self.subject, subject_id=self.object_id,
                       object_id=self.subject_id, subject_type=self.object_type, object_type=self.subject_type,
                       evidence=self.evidence.swapped())

    @property
    def relationship_id(self) -> str:
        return f"{self.subject_id}|{self.relation}|{self.object_id}"
