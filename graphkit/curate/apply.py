"""The curation in force as a function of the extracted triples: what :func:`Curation.triples` returns
is what the store keeps for an article.

Entries apply in log order. The mapping entries (merge, alias add, rename, retype, split) rewrite
each side of a triple: its actor id, name and type (a rename keeps the id and changes the name; a side
extracted under the new name joins the renamed actor) (the surface text the article shows stays, so it
becomes an alias of the actor it now names). Then the filters drop a triple: a side that is blocked
(by id, name or surface text), a rejected relationship (its ids mapped the same way), a rejected
evidence row (keyed by article, relation and offsets, so it survives a re-ingest), and a self-loop
that only a merge made (``A attacked B`` after ``merge A B`` says nothing about A).

>>> from graphkit.curate.log import new_entry
>>> from graphkit.records import Evidence, Triple
>>> ev = Evidence("a1", "-", "Sadr's men attacked the Army.", 0, 29, "Sadr's men", 0, 10, "the Army", 20, 28,
...               "attacked", 11, 19, "verb")
>>> t = Triple("Sadr's men", "attacked", "Army", "sadr-s-men", "army", "GROUP", "STATE", False, 0.8, "a1", ev)
>>> merge = new_entry("merge", {"actor": {"id": "mahdi-army", "name": "Mahdi Army", "type": "ORGANIZATION"},
...                             "merged": {"id": "sadr-s-men", "name": "Sadr's men", "type": "GROUP"}}, by="ana")
>>> [(x.subject_id, x.subject, x.evidence.subject_text) for x in Curation([merge]).triples([t])]
[('mahdi-army', 'Mahdi Army', "Sadr's men")]
"""
from __future__ import annotations

import functools
from dataclasses import replace
from typing import Iterable

from graphkit.curate.log import Entry, active
from graphkit.model.names import fold as _fold, slug
from graphkit.records import Triple
from graphkit.store.rows import symmetric_relations

MAPPING = ("merge", "alias_add", "rename", "retype", "split")
Side = tuple  # (actor id, name, type, surface text)


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """:func:`graphkit.model.names.fold`, cached: a replay folds the same names many times. A name that
    fold leaves nothing of (Arabic, Cyrillic...) is compared by its case-folded self, never as ''."""
    return _fold(text) or text.strip().casefold()


def sides_of(t: Triple) -> tuple[Side, Side]:
    ev = t.evidence
    return ((t.subject_id, t.subject, t.subject_type, ev.subject_text),
            (t.object_id, t.object, t.object_type, ev.object_text))


def sides_of_dict(d: dict) -> tuple[Side, Side]:
    """The sides of a triple in its stored dict form, without building the record."""
    ev = d.get("evidence") or {}
    return ((d["subject_id"], d.get("subject"), d.get("subject_type"), ev.get("subject_text")),
            (d["object_id"], d.get("object"), d.get("object_type"), ev.get("object_text")))


def evidence_key(article_id: str, relation: str, sentence_start: int, trigger_start: int,
                 subject_start: int | None, object_start: int | None) -> list:
    """What names one evidence row whatever actor ids curation gives its sides (and whichever side a
    symmetric relation stores first): article, relation, sentence and trigger offsets, argument offsets."""
    sides = sorted((subject_start if subject_start is not None else -1, object_start if object_start is not None else -1))
    return [article_id, relation, sentence_start, trigger_start, *sides]


def triple_evidence_key(t: Triple, article_id: str) -> list:
    ev = t.evidence
    return evidence_key(article_id, t.relation, ev.sentence_start, ev.trigger_start, ev.subject_start, ev.object_start)


class Curation:
    """The entries in force (``entries`` may hold undone and cancelled ones: they are left out)."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self.active = active(self.entries)
        self.steps = [e for e in self.active if e.action in MAPPING]
        self._symmetric = symmetric_relations()
        self.blocked_ids: set[str] = set()
        self.blocked_names: set[str] = set()
        for e in self.active:
            if e.action == "block":
                self.blocked_names.add(fold(e.args["name"]))
                self.blocked_ids.add(slug(e.args["name"]))
                if e.args.get("actor_id"):
                    self.blocked_ids.add(e.args["actor_id"])
        self.rejected_relationships = {self._pair(self.final_id(e.args["subject_id"]), e.args["relation"],
                                                  self.final_id(e.args["object_id"]))
                                       for e in self.active if e.action == "reject_relationship"}
        self.rejected_evidence = {tuple(e.args["key"]) for e in self.active if e.action == "reject_evidence"}

    def __bool__(self) -> bool:
        return bool(self.active)

    # ------------------------------------------------------------------ one side of a triple

    def side(self, actor_id: str, name: str | None, type_: str | None, surface: str | None
             ) -> tuple[str, str | None, str | None]:
        """The actor id, name and type a side names once the mapping entries have applied."""
        for e in self.steps:
            a = e.args
            target = a["actor"]
            if e.action == "merge":  # by id, or by name should extraction give the name another id
                merged = a["merged"]
                if actor_id == merged["id"] or (name is not None and actor_id != target["id"]
                                                and fold(name) == fold(merged["name"])):
                    actor_id, name, type_ = target["id"], target["name"], target["type"]
            elif e.action == "alias_add":
                if actor_id != target["id"] and (actor_id == slug(a["alias"])
                                                 or (name is not None and fold(name) == fold(a["alias"]))):
                    actor_id, name, type_ = target["id"], target["name"], target["type"]
            elif e.action == "rename":  # new_id is the actor's own id (a log written before 0.x changed it)
                if actor_id == target["id"]:
                    actor_id, name = a["new_id"], a["name"]
                elif actor_id == slug(a["name"]) or (name is not None and fold(name) == fold(a["name"])):
                    actor_id, name, type_ = a["new_id"], a["name"], target["type"]  # the new name names it
            elif e.action == "retype":
                if actor_id == target["id"]:
                    type_ = a["type"]
            elif e.action == "split" and "new" in a:
                if actor_id == target["id"] and surface is not None and fold(surface) in {fold(x) for x in a["aliases"]}:
                    actor_id, name, type_ = a["new"]["id"], a["new"]["name"], a["new"]["type"]
        return actor_id, name, type_

    def final_id(self, actor_id: str) -> str:
        """Where the mapping entries send an actor id."""
        return self.side(actor_id, None, None, None)[0]

    def _pair(self, subject_id: str, relation: str, object_id: str) -> tuple[str, str, str]:
        if relation in self._symmetric and subject_id > object_id:
            subject_id, object_id = object_id, subject_id
        return subject_id, relation, object_id

    def _blocked(self, *ids_and_names: tuple[str, str | None]) -> bool:
        for actor_id, name in ids_and_names:
            if actor_id in self.blocked_ids or (name is not None and fold(name) in self.blocked_names):
                return True
        return False

    # ------------------------------------------------------------------ triples

    def triple(self, t: Triple) -> Triple | None:
        """``t`` as curated, or None when curation drops it."""
        if not self.active:
            return t
        ev = t.evidence
        if self._blocked((t.subject_id, t.subject), (t.object_id, t.object), ("", ev.subject_text),
                         ("", ev.object_text)):
            return None
        if tuple(triple_evidence_key(t, t.article or ev.article)) in self.rejected_evidence:
            return None
        s_id, s_name, s_type = self.side(t.subject_id, t.subject, t.subject_type, ev.subject_text)
        o_id, o_name, o_type = self.side(t.object_id, t.object, t.object_type, ev.object_text)
        if self._blocked((s_id, s_name), (o_id, o_name)):
            return None
        if s_id == o_id and t.subject_id != t.object_id:
            return None  # a self-loop only the curation made
        if self._pair(s_id, t.relation, o_id) in self.rejected_relationships:
            return None
        return replace(t, subject_id=s_id, subject=s_name or s_id, subject_type=s_type,
                       object_id=o_id, object=o_name or o_id, object_type=o_type)

    def triples(self, triples: Iterable[Triple], article_id: str | None = None) -> list[Triple]:
        """The curated triples of one article (``article_id`` keys rejected evidence when the triples
        do not carry it)."""
        out = []
        for t in triples:
            if article_id is not None and not (t.article or t.evidence.article):
                t = replace(t, article=article_id)
            curated = self.triple(t)
            if curated is not None:
                out.append(curated)
        return out

    # ------------------------------------------------------------------ actors

    def touched_ids(self) -> set[str]:
        """Every actor id any entry (in force or not) names, and where each is sent now."""
        ids: set[str] = set()
        for e in self.entries:
            a = e.args
            for key in ("actor", "merged", "new"):
                if isinstance(a.get(key), dict) and a[key].get("id"):
                    ids.add(a[key]["id"])
            for key in ("new_id", "actor_id", "subject_id", "object_id"):
                if isinstance(a.get(key), str):
                    ids.add(a[key])
            if e.action in ("alias_add", "alias_remove", "block", "rename"):
                ids.add(slug(a.get("alias") or a.get("name") or ""))
        return ids | {self.final_id(i) for i in ids}

    def touched_names(self) -> set[str]:
        """Every name (folded) any entry names: a side whose name or text is none of these, and whose id
        is none of :meth:`touched_ids`, is left as extracted."""
        names: set[str] = set()
        for e in self.entries:
            a = e.args
            for key in ("actor", "merged", "new"):
                if isinstance(a.get(key), dict) and a[key].get("name"):
                    names.add(fold(a[key]["name"]))
            for key in ("alias", "name", "subject", "object"):
                if isinstance(a.get(key), str):
                    names.add(fold(a[key]))
            names.update(fold(x) for x in a.get("aliases") or [] if isinstance(x, str))
        return names

    def may_change(self, article_id: str, triples: Iterable[dict]) -> bool:
        """Whether any entry (in force or not) could change this article's triples (dict form): the
        articles where none could are skipped by a replay."""
        if not hasattr(self, "_touched"):
            self._touched = self.touched_ids()
            self._names = self.touched_names()
            self._articles = {e.args["key"][0] for e in self.entries if e.action == "reject_evidence"}
        if article_id in self._articles:
            return True
        for d in triples:
            for actor_id, name, _, surface in sides_of_dict(d):
                if actor_id in self._touched or (name and fold(name) in self._names) \
                        or (surface and fold(surface) in self._names):
                    return True
        return False

    def extra_aliases(self) -> dict[str, set[str]]:
        """Aliases the entries give an actor (a merged actor's name, an added alias, a former name)."""
        extra: dict[str, set[str]] = {}
        for e in self.active:
            a = e.args
            if e.action == "merge":
                extra.setdefault(self.final_id(a["actor"]["id"]), set()).add(a["merged"]["name"])
            elif e.action == "alias_add":
                extra.setdefault(self.final_id(a["actor"]["id"]), set()).add(a["alias"])
            elif e.action == "rename":
                extra.setdefault(self.final_id(a["new_id"]), set()).add(a["actor"]["name"])
            elif e.action == "split" and "new" in a:  # the names moved out go with the new actor
                moved = {fold(x) for x in a["aliases"]}
                for actor_id in (self.final_id(a["actor"]["id"]), a["actor"]["id"]):
                    if actor_id in extra:
                        extra[actor_id] = {x for x in extra[actor_id] if fold(x) not in moved}
                extra.setdefault(self.final_id(a["new"]["id"]), set()).update(a["aliases"])
        return extra

    def hidden_aliases(self) -> dict[str, set[str]]:
        """Aliases (folded) an ``alias remove`` took off an actor."""
        hidden: dict[str, set[str]] = {}
        for e in self.active:
            if e.action == "alias_remove" and not e.args.get("cancels"):
                hidden.setdefault(self.final_id(e.args["actor"]["id"]), set()).add(fold(e.args["alias"]))
        return hidden

    def actor_rows(self, sides: Iterable[Side], only: set[str] | None = None) -> dict[str, dict]:
        """id -> name, type, aliases of every actor (of ``only`` when given) the curated sides, in
        ingestion order, name: the first side gives name and type, as a fresh ingest would; aliases are
        the surface forms, plus the entries' extra aliases, less the removed ones."""
        rows: dict[str, dict] = {}
        for actor_id, name, type_, surface in sides:
            if only is not None and actor_id not in only:
                continue
            row = rows.setdefault(actor_id, {"id": actor_id, "name": name, "type": type_, "aliases": set()})
            if surface:
                row["aliases"].add(surface)
        extra, hidden = self.extra_aliases(), self.hidden_aliases()
        for actor_id, row in rows.items():
            names = row["aliases"] | extra.get(actor_id, set())
            gone = hidden.get(actor_id, set())
            row["aliases"] = sorted(n for n in names if fold(n) not in gone and (n != row["name"] or n in row["aliases"]))
        return rows
