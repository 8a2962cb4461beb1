"""Typed relations between actors, read off the dependency parse.

Patterns (each named in the evidence it produces):
- ``verb``: a trigger verb with subject, object and prepositional object, in active or passive voice,
  subjects inherited through xcomp/conj/relative clauses ("X is believed to have armed Y").
- ``noun``: an event noun ("talks between X and Y", "arms shipments from X to Y", "X held talks with Y").
- ``role``: a role noun in apposition, before a name or as a predicate ("X, the head of Y", "Y commander X",
  "Y's rivals are X and Z").
- ``participle``: "X-backed Y"; ``loyal``: "fighters loyal to X".
- ``noun`` (occurrence): an event noun with its sides on the verb ("war broke out between X and Y").
- ``role`` (mutual): a symmetric role noun said of two sides ("X and Y have been rivals").
- ``pair``: coordinated subjects of a symmetric trigger with no object ("X and Y signed a truce").
All trigger words come from the schema (data/relations.json).
"""
from __future__ import annotations

from spacy.tokens import Doc

from graphkit.model.dictionary import ActorDictionary
from graphkit.model.schema import Schema
from graphkit.nlp.mentions import Mention
from graphkit.nlp.resolve import Actor
from graphkit.nlp.relations.context import Assertion, Context
from graphkit.nlp.relations.verbs import verb_pattern
from graphkit.nlp.relations.nouns import noun_pattern
from graphkit.nlp.relations.roles import listed_members, role_pattern
from graphkit.nlp.relations.attributes import (among_them, organisation_of_organisation, person_of_body, possessed_body,
                                               state_agency)
from graphkit.nlp.relations.bodies import contributed_members, delegation_head, delegation_heads
from graphkit.nlp.relations.participles import adjacent_participle, participle_pattern
from graphkit.nlp.relations.leaders import followers_pattern, followings_to_their_groups, loyal_pattern, under_pattern
from graphkit.nlp.relations.inference import rivalries_from_attacks
from graphkit.nlp.relations.occurrence import occurrence_pattern
from graphkit.nlp.relations.mutual import mutual_pattern, rivals_anaphor
from graphkit.nlp.relations.mediators import mediators_of_talks


def gerund_event(t) -> bool:
    """'Fighting between X and Y killed ten': a gerund tagged as a verb, with no subject of its own and a
    'between' phrase, is the event noun ('fighting') of the clause."""
    return t.tag_ == "VBG" and t.dep_ in ("nsubj", "nsubjpass", "ROOT", "dobj", "pobj") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in t.children) and \
        any(c.dep_ == "prep" and c.lower_ == "between" for c in t.children)


def extract_assertions(doc: Doc, mentions: list[Mention], actors: list[Actor], schema: Schema,
                       dictionary: ActorDictionary) -> list[Assertion]:
    """All assertions of one parsed, resolved doc. ``actors`` may grow (derived groups)."""
    ctx = Context(doc, mentions, actors, schema, dictionary)
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.dep_ in ("ROOT", "relcl", "acl") and lemma in schema.verbs and t.tag_.startswith("VB")):
            frame = schema.verbs.get(lemma)
            if frame:
                verb_pattern(ctx, t, frame)
        if t.pos_ in ("NOUN", "PROPN") or gerund_event(t):
            frame = schema.nouns.get(lemma) or schema.nouns.get(t.lower_)
            if frame and ctx.tok2m[t.i] < 0:
                noun_pattern(ctx, t, frame)
                occurrence_pattern(ctx, t, frame)
            role_pattern(ctx, t)
            mutual_pattern(ctx, t)
            followers_pattern(ctx, t)
        if t.pos_ in ("VERB", "ADJ", "NOUN", "PROPN") and (t.dep_ in ("amod", "compound") or "-" in t.text):
            participle_pattern(ctx, t)
        if t.pos_ == "ADJ":
            loyal_pattern(ctx, t)
        if t.pos_ == "PROPN":
            listed_members(ctx, t)
            state_agency(ctx, t)
            organisation_of_organisation(ctx, t)
            person_of_body(ctx, t)
            possessed_body(ctx, t)
        if t.lower_ == "under":
            under_pattern(ctx, t)
        if t.lower_ == "from":
            contributed_members(ctx, t)
        if t.lower_ == "among":
            among_them(ctx, t)
        if t.pos_ == "VERB":
            delegation_head(ctx, t)
            adjacent_participle(ctx, t)
    followings_to_their_groups(ctx)
    delegation_heads(ctx)
    mediators_of_talks(ctx)
    rivals_anaphor(ctx)
    rivalries_from_attacks(ctx)
    return ctx.out


__all__ = ["Arg", "Assertion", "extract_assertions"]
