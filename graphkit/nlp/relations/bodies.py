"""Who makes up a body and who leads a body sent on someone's behalf.

- "a force made up of units from A, B and C", "the mission fields troops from A and B", "the coalition
  includes soldiers from A": each state that contributes troops is a member of the body.
- "X led the Y delegation", "a Y team headed by X": the head of a delegation a body sends is one of its
  members, not the head of the body (the verb pattern reads the lead/head verb as command of Y).
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.arguments import args, logical_subjects
from graphkit.nlp.relations.context import Context
from graphkit.nlp.relations.emit import emit


def contributed_members(ctx: Context, t: Token) -> None:
    """'from' after a contingent noun ('troops from A, B and C') that a composition verb makes up the
    body: member_of(each state, body). 'from' may hang on the noun or on the verb ('fields troops from')."""
    words = ctx.schema.words_of
    if t.lower_ != "from" or t.dep_ != "prep":
        return
    if t.head.lower_ in words("contingent_nouns"):
        contingent = t.head
        verb = contingent.head
        if contingent.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head  # "made up of troops", "composed of units"
        elif contingent.dep_ != "dobj":
            return
    else:
        verb = t.head
        if not any(c.dep_ == "dobj" and c.lower_ in words("contingent_nouns") for c in verb.children):
            return
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in words("composition_verbs"):
        return
    states = [a for p in t.children if p.dep_ == "pobj" for a in args(ctx, p)
              if ctx.actors[a.actor].type == "STATE"]
    bodies = [a for s in _composed_bodies(ctx, verb) for a in args(ctx, s)
              if ctx.actors[a.actor].type in ("ORGANIZATION", "GROUP")]
    if states and bodies:
        emit(ctx, states, "member_of", bodies, t, "role")


def _composed_bodies(ctx: Context, verb: Token) -> list[Token]:
    """What the composition verb describes: the passive subject ('the force is made up of'), the noun its
    participle modifies ('the force, made up of'), else its subject ('the mission fields troops')."""
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    if verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]  # "the force, based in X and made up of ...": the parse coordinated verb and noun
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive
    if verb.dep_ in ("acl", "relcl"):
        return [verb.head]
    return logical_subjects(verb, ctx)


def _led_body(trigger: Token) -> Token | None:
    """The noun a lead/head verb governs: its object, its passive subject, or the noun its participle modifies."""
    if trigger.dep_ in ("acl", "relcl"):
        return trigger.head
    for c in trigger.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    return None


def delegation_heads(ctx: Context) -> None:
    """'X led the Y delegation': commands(X, Y) read off a delegation becomes member_of(X, Y)."""
    nouns = ctx.schema.words_of("delegation_nouns")
    for a in ctx.out:
        if a.relation != "commands" or a.pattern not in ("verb", "participle"):
            continue
        body = _led_body(ctx.doc[a.trigger[0]])
        if body is None:
            continue
        phrase = " ".join(w.lower_ for w in ctx.doc[max(body.i - 1, 0):body.i + 1])
        if (body.lemma_.lower() in nouns or phrase in nouns) and not _head_titled(ctx, a.subject.start):
            a.relation = "member_of"


def _head_titled(ctx: Context, start: int) -> bool:
    """'a delegation led by Chairman X': a head's title right before the name; the body's head leads it."""
    if start == 0:
        return False
    role = ctx.schema.role(ctx.doc[start - 1].lower_)
    return role is not None and role[0] == "commands"


def delegation_head(ctx: Context, v: Token) -> None:
    """'Y delegations headed by X', 'X led the Y team': member_of(X, Y) where Y owns the delegation."""
    if v.lemma_.lower() not in ctx.schema.words_of("delegation_head_verbs"):
        return
    body = _led_body(v)
    nouns = ctx.schema.words_of("delegation_nouns")
    if body is None or body.lemma_.lower() not in nouns:
        return
    own = ctx.mention(body)  # "the Russian delegation" read as the state's collective
    owners = [ctx.arg_of(own)] if own is not None and ctx.actors[own.actor].type != "PERSON" else []
    for c in body.children:
        if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < body.i:
            m = ctx.mention(c)
            if m is not None and ctx.actors[m.actor].type != "PERSON":
                owners.append(ctx.arg_of(m))
    heads = [a for s in logical_subjects(v, ctx) for a in args(ctx, s) if ctx.actors[a.actor].type == "PERSON"]
    if v.dep_ in ("acl", "relcl"):
        heads = [a for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                 for a in args(ctx, p) if ctx.actors[a.actor].type == "PERSON"]
    heads = [h for h in heads if not _head_titled(ctx, h.start)]
    if owners and heads:
        emit(ctx, heads, "member_of", owners, v, "role")
