"""Finding the one stored actor a name means: by its id, its name or an alias in the store, or any name the
actor dictionary (``graphkit/model/data/actors.json``) knows for it, spelling forgiven.

The rules, in order (the first that gives an answer decides):

1. the actor's id, or its stored name up to case, punctuation, titles and transliteration
   ("Qods Force" names "Quds Force");
2. the actor dictionary: a dictionary name or alias ("UAE", "Abu Dhabi", "Hemedti", "Sadr") stands for
   its canonical name, which names the stored actor of that name, else the stored actor with that
   name or any of the entry's names as an alias;
3. a stored alias;
4. a fuzzy match (rapidfuzz) over the stored names and aliases and the dictionary's names of stored
   actors, accepted only when one actor is clearly ahead.

Several actors that fit one rule equally raise :class:`AmbiguousActor` with the candidates (name,
type, articles) for the user to choose from; nothing is picked silently. A name nothing fits raises
:class:`~graphkit.ask.query.UnknownActor` with suggestions ranked by similarity, then by how much the
actor is linked. When the dictionary knows the name but the store has no such actor, fuzzy matching
does not stand in for it ("Hezbolah" never answers for Kata'ib Hezbollah).

Everything goes through the store's ``actors``, ``actors_named``, ``relationships_touching`` and
``evidence_of``, so the answer is the same on SQLite and Neo4j.

>>> from graphkit.store import SQLiteStore
>>> from graphkit.read import Article
>>> store = SQLiteStore(":memory:")
>>> def t(s, sid, o, oid, ty="ORGANIZATION"):
...     ev = {"sentence": f"{s} backs {o}.", "sentence_start": 0, "trigger_start": 0, "hedged": False}
...     return {"subject": s, "relation": "supports", "object": o, "subject_id": sid, "object_id": oid,
...             "subject_type": "STATE", "object_type": ty, "hedged": False, "confidence": 0.9, "evidence": ev}
>>> _ = store.add_articles([(Article(id="a1", text="x", source="-"),
...     [t("United Arab Emirates", "united-arab-emirates", "Rapid Support Forces", "rapid-support-forces")])])
>>> find_actor(store, "Abu Dhabi")["id"]
'united-arab-emirates'
>>> find_actor(store, "Rapid Suport Forces")["id"]
'rapid-support-forces'
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterable

from rapidfuzz import fuzz, process

from graphkit.ask.query import UnknownActor, check_name
from graphkit.model.dictionary import ActorDictionary, load_dictionary
from graphkit.model.names import fold, loose_key, name_key

if TYPE_CHECKING:
    from graphkit.store.base import GraphStore

__all__ = ["AmbiguousActor", "UnknownActor", "actor_counts", "find_actor", "fuzzy_scores", "suggest_actors"]

FUZZY_ACCEPT = 0.85   # a fuzzy match below this is a suggestion, never an answer
FUZZY_LEAD = 0.05     # ... and it must be this far ahead of the next actor
SUGGEST_CUTOFF = 0.65  # below this a name is not worth suggesting
ALIAS_WEIGHT = 0.98   # an alias fits a little less than the name itself


class AmbiguousActor(UnknownActor):
    """Several stored actors fit ``query`` equally; ``candidates`` are dicts with ``id``, ``name``, ``type``,
    ``articles`` and ``degree`` (most linked first). A subclass of :class:`UnknownActor`, so code that
    handles "no single actor" handles this too; ``suggestions`` are the candidates' names."""

    def __init__(self, query: str, candidates: list[dict]):
        self.query = query
        self.candidates = candidates
        self.suggestions = [c["name"] for c in candidates]
        LookupError.__init__(self, f"{query!r} fits {len(candidates)} actors equally; "
                                   "name one of them by its id")


# ---------------------------------------------------------------------------------------- counts

def actor_counts(store: GraphStore, actor_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """How much each actor is linked: ``{id: {"articles": distinct articles of its evidence, "degree":
    distinct actors it is linked to}}`` (0 and 0 for an actor with no relationship)."""
    ids = set(actor_ids)
    out = {i: {"articles": 0, "degree": 0} for i in ids}
    if not ids:
        return out
    neighbours: dict[str, set[str]] = {i: set() for i in ids}
    rels_of: dict[str, set[str]] = {}
    for rel in store.relationships_touching(ids):
        for mine, other in (("subject_id", "object_id"), ("object_id", "subject_id")):
            if rel[mine] in ids:
                neighbours[rel[mine]].add(rel[other])
                rels_of.setdefault(rel["id"], set()).add(rel[mine])
    articles: dict[str, set[str]] = {i: set() for i in ids}
    for ev in store.evidence_of(rels_of):
        for actor_id in rels_of.get(ev["relationship_id"], ()):
            articles[actor_id].add(ev["article_id"])
    for i in ids:
        out[i] = {"articles": len(articles[i]), "degree": len(neighbours[i] - {i})}
    return out


def _described(store: GraphStore, actors: list[dict]) -> list[dict]:
    """Candidates as the user sees them: id, name, type, articles, degree; most linked first."""
    counts = actor_counts(store, [a["id"] for a in actors])
    rows = [{"id": a["id"], "name": a["name"], "type": a.get("type"), **counts[a["id"]]} for a in actors]
    rows.sort(key=lambda r: (-r["articles"], -r["degree"], fold(r["name"]), r["id"]))
    return rows


# ---------------------------------------------------------------------------------------- matching

def _keys(text: str) -> set[str]:
    return {k for k in (name_key(text), loose_key(text)) if k}


def _names(actor: dict) -> list[str]:
    return [actor["name"], *(actor.get("aliases") or [])]


def _fits(keys: set[str], forms: Iterable[str]) -> bool:
    return any(keys & _keys(f) for f in forms)


def _narrow(found: list[dict], text: str, forms_of) -> list[dict]:
    """Of several actors that fit, those that fit without transliteration, when that leaves fewer."""
    if len(found) < 2:
        return found
    strict = name_key(text)
    closer = [a for a in found if any(name_key(f) == strict for f in forms_of(a))]
    return closer if closer else found


def _dictionary_hits(actors: list[dict], text: str, dictionary: ActorDictionary) -> tuple[Any, list[dict]]:
    """The dictionary entry ``text`` names (or None) and the stored actors it stands for."""
    entry = dictionary.lookup(text)
    if entry is None:
        return None, []
    canonical = _keys(entry.name)
    every = set().union(*(_keys(f) for f in (entry.name, *entry.aliases)))
    steps = [lambda a: a["id"] == entry.id or _fits(canonical, [a["name"]]),
             lambda a: _fits(every, [a["name"]]),
             lambda a: _fits(canonical, a.get("aliases") or []),
             lambda a: _fits(every, a.get("aliases") or [])]
    for step in steps:
        found = [a for a in actors if step(a)]
        if found:
            return entry, found
    return entry, []


def _dictionary_forms(actors: list[dict], dictionary: ActorDictionary) -> list[tuple[str, str]]:
    """(dictionary name or alias, stored actor id) for every dictionary entry whose canonical name is a
    stored actor's name: the extra spellings a fuzzy match may meet."""
    by_key: dict[str, set[str]] = {}
    for actor in actors:
        for key in _keys(actor["name"]):
            by_key.setdefault(key, set()).add(actor["id"])
    out = []
    for entry in dictionary.entries:
        ids = set().union(*(by_key.get(k, set()) for k in _keys(entry.name)))
        if len(ids) == 1:
            (actor_id,) = ids
            out.extend((form, actor_id) for form in (entry.name, *entry.aliases))
    return out


def _possessive(form: str) -> bool:
    """'Sadr's men': a collective named after someone, which a surname alone should not name first."""
    return "'s " in form or "’s " in form


def fuzzy_scores(actors: list[dict], text: str, dictionary: ActorDictionary | None = None) -> dict[str, float]:
    """Every actor's best fuzzy score (0..1) for ``text`` over its names, aliases and the dictionary's
    spellings of it: the similarity of the whole name, or (for a one-word query) of one of its words
    times 0.95, less for a possessive collective ("Sadr's men" for "Sadr")."""
    query = loose_key(text)
    if not query:
        return {}
    choices: list[tuple[str, str, float, bool]] = []  # (loose form, actor id, weight, possessive)
    for actor in actors:
        for n, form in enumerate(_names(actor)):
            choices.append((loose_key(form), actor["id"], 1.0 if n == 0 else ALIAS_WEIGHT, _possessive(form)))
    if dictionary is not None:
        choices.extend((loose_key(form), actor_id, ALIAS_WEIGHT, False)
                       for form, actor_id in _dictionary_forms(actors, dictionary))
    best: dict[str, float] = {}

    def note(actor_id: str, score: float) -> None:
        if score > best.get(actor_id, 0.0):
            best[actor_id] = score

    keys = [c[0] for c in choices]
    for _, score, i in process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF * 100,
                                       limit=None):
        _, actor_id, weight, possessive = choices[i]
        note(actor_id, score / 100 * weight * (0.9 if possessive else 1.0))
    if " " not in query:
        words = [(w, i) for i, key in enumerate(keys) for w in key.split() if len(w) > 2]
        for _, score, j in process.extract(query, [w for w, _ in words], scorer=fuzz.ratio,
                                           score_cutoff=SUGGEST_CUTOFF * 100, limit=None):
            _, actor_id, weight, possessive = choices[words[j][1]]
            note(actor_id, 0.95 * score / 100 * weight * (0.85 if possessive else 1.0))
    elif len(query) >= 3:
        for key, actor_id, weight, possessive in choices:
            if key.startswith(query + " ") or (" " + query + " ") in (" " + key + " "):
                note(actor_id, 0.9 * weight * (0.9 if possessive else 1.0))
    return best


def suggest_actors(store: GraphStore, text: str, *, limit: int = 5,
                   dictionary: ActorDictionary | None = None) -> list[dict]:
    """The stored actors closest to ``text`` (id, name, type, articles, degree, score): by similarity in
    steps of 0.1, then by articles and degree, so a well-linked actor comes before an obscure one."""
    return _suggest(store, list(store.actors()), text, dictionary or load_dictionary(), limit)


def _suggest(store: GraphStore, actors: list[dict], text: str, dictionary: ActorDictionary,
             limit: int = 5) -> list[dict]:
    scores = fuzzy_scores(actors, text, dictionary)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[: max(limit * 4, 20)]
    by_id = {a["id"]: a for a in actors}
    rows = _described(store, [by_id[i] for i, _ in ranked])
    for row in rows:
        row["score"] = round(scores[row["id"]], 3)
    rows.sort(key=lambda r: (-math.floor(r["score"] * 10), -r["articles"], -r["degree"], -r["score"], r["id"]))
    return rows[:limit]


# ---------------------------------------------------------------------------------------- the look-up

def find_actor(store: GraphStore, name: str, *, dictionary: ActorDictionary | None = None) -> dict:
    """The stored actor ``name`` means (the store's actor dict: id, name, type, aliases), by the rules of
    this module. Raises :class:`AmbiguousActor` when several fit equally, :class:`UnknownActor` (with
    ranked ``suggestions``) when none does, :class:`~graphkit.ask.query.NameTooLong` past 500
    characters. ``dictionary`` defaults to the loaded actor dictionary (``$GRAPHKIT_ACTORS`` included)."""
    check_name(name)
    text = name.strip()
    if not text or not fold(text):
        raise UnknownActor(name, [])
    quick = store.actors_named(text)
    for actor in quick:
        if actor["id"] == text:
            return actor
    same_name = [a for a in quick if a["name"].casefold() == text.casefold()]
    if len(same_name) == 1:
        return same_name[0]
    dictionary = dictionary or load_dictionary()
    actors = list(store.actors())
    keys = _keys(text)

    def decide(found: list[dict], forms_of) -> dict | None:
        found = _narrow(found, text, forms_of)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousActor(name, _described(store, found))
        return None

    by_name = decide([a for a in actors if _fits(keys, [a["name"]])], lambda a: [a["name"]])
    if by_name:
        return by_name
    entry, in_dictionary = _dictionary_hits(actors, text, dictionary)
    by_dictionary = decide(in_dictionary, _names)
    if by_dictionary:
        return by_dictionary
    by_alias = decide([a for a in actors if _fits(keys, a.get("aliases") or [])], lambda a: a.get("aliases") or [])
    if by_alias:
        return by_alias
    scores = fuzzy_scores(actors, text, dictionary)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if entry is None and ranked and ranked[0][1] >= FUZZY_ACCEPT:
        close = [i for i, s in ranked if ranked[0][1] - s < FUZZY_LEAD]
        by_id = {a["id"]: a for a in actors}
        if len(close) == 1:
            return by_id[close[0]]
        raise AmbiguousActor(name, _described(store, [by_id[i] for i in close]))
    suggestions = [s["name"] for s in _suggest(store, actors, text, dictionary)]
    unknown = UnknownActor(name, suggestions)
    if entry is not None:  # say why the near spellings in the store were not taken for it
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        unknown.args = (f"no actor {name!r} in this store (the actor dictionary knows it as "
                        f"{entry.name!r}){hint}",)
    raise unknown
