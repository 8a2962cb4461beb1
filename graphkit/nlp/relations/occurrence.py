"""The ``occurrence`` pattern: an event noun whose sides hang from the verb that tells it happened.

Writers often attach the parties of an event to the clause rather than the noun: "a war broke out in 2019
between X and Y", "peace talks began on Monday between X and Y", "Z hosted talks in its capital between X
and Y". The noun names the relation (``relations.json`` nouns), the verb only that it took place, so the
``between`` phrase on the verb gives the pair (and a hosting verb's subject negotiates with each side).

Near misses: a cancelled or negated event ("talks between X and Y were called off", "no talks took place
between ..."), an event asked for ("urged that talks begin between ..."), a between phrase of place or time.
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.model.schema import Frame
from graphkit.nlp.relations.arguments import args, event_words, logical_subjects, prep_objects
from graphkit.nlp.relations.context import Arg, Context
from graphkit.nlp.relations.emit import emit
from graphkit.nlp.relations.modality import negated
from graphkit.nlp.relations.roles import construction_words

# how an event noun can hang from the verb that tells the event happened
EVENT_LINKS = ("nsubj", "nsubjpass", "dobj")


def clause_sides(ctx: Context, v: Token) -> list[Arg]:
    """The actors of a 'between X and Y' phrase on the verb (each named once)."""
    sides = [a for t in prep_objects(v, ["between"]) for a in args(ctx, t)]
    seen: set[int] = set()
    out = []
    for a in sides:
        if a.actor not in seen:
            seen.add(a.actor)
            out.append(a)
    return out


def occurrence_pattern(ctx: Context, n: Token, frame: Frame) -> None:
    """A symmetric event noun ("war", "talks", "clashes") with its two sides on the governing verb."""
    relation = frame.relation
    if not ctx.schema.relations[relation].symmetric or frame.theme or n.dep_ not in EVENT_LINKS:
        return
    v = n.head
    if v.pos_ not in ("VERB", "AUX") or v.i == n.i or prep_objects(n, ["between"]):
        return  # the noun's own 'between' phrase is the noun pattern's
    if v.lemma_.lower() in event_words("cancel_verbs") or any(c.dep_ == "prt" and c.lower_ == "off" for c in v.children):
        return
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in construction_words("request_verbs"):
        return
    if negated(ctx, n):
        return  # "no talks took place between ..."
    sides = clause_sides(ctx, v)
    if len(sides) < 2:
        return
    emit(ctx, sides, relation, [], n, "noun", anchor=v, symmetric_pairs=True)
    if relation == "negotiated_with" and n.dep_ == "dobj" and v.lemma_.lower() in construction_words("host_verbs"):
        hosts = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
        emit(ctx, hosts, relation, sides, v, "mediator")
