"""Who attributes a clause: the speaker of a reporting verb ("UN officials say ...", "..., Kenyan officials
said") and of "according to X".

The speaker reports the clause; it is not one of its arguments. A pronoun inside the reported clause does
not stand for the speaker ("U.S. officials say Iran trains their fighters": not the officials' fighters),
except in the reported clause's own subject, a self-report ("Tehran says it backs the government", "X says
its fighters struck Y").
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.context import Context, state_arg

# links along which a token reaches the predicate of the clause it sits in
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "attr", "acomp", "oprd", "agent",
                          "dative", "nsubj", "nsubjpass", "conj", "poss", "compound", "amod", "nmod", "appos",
                          "advcl", "relcl", "acl", "npadvmod", "det"})


def speaker_actor(ctx: Context, subj: Token, create: bool = False) -> int | None:
    """The actor a reporting verb's subject names: a mention, or the mention or demonym on the people who
    speak ("UN officials", "Pentagon sources", "Kenyan officials"); a demonym's state joins the actors only
    with ``create``."""
    m = ctx.mention(subj)
    if m is not None:
        return m.actor
    if subj.pos_ not in ("NOUN", "PROPN"):
        return None
    for c in subj.children:
        if c.i > subj.i or c.dep_ not in ("compound", "poss", "amod", "nmod"):
            continue
        m = ctx.mention(c)
        if m is not None:
            return m.actor
        state = ctx.dictionary.state_for_demonym(c.text)
        if state is not None and state.type == "STATE":
            known = next((i for i, a in enumerate(ctx.actors) if a.name == state.name), None)
            return known if known is not None or not create else state_arg(ctx, state, c).actor
    return None


def reporting_clause(ctx: Context, tok: Token) -> tuple[Token, Token] | None:
    """(the reporting verb, the predicate of the clause it reports) for the clause holding ``tok``:
    'X said [that] ... tok ...' or '... tok ..., X said'."""
    verbs = ctx.schema.reporting_verbs
    t = tok
    for _ in range(14):
        h = t.head
        if h.i == t.i:
            break
        if t.dep_ == "ccomp" and h.lemma_ in verbs and h.i != tok.i:
            return h, t
        if t.dep_ not in CLAUSE_LINKS:
            break
        t = h
    # "..., officials said": the reporting verb hangs on the reported clause's root
    for c in t.children:
        if c.dep_ in ("parataxis", "ccomp") and c.lemma_ in verbs and c.i > tok.i:
            return c, t
    return None


def speaker_of(ctx: Context, tok: Token, create: bool = False) -> tuple[int, Token] | None:
    """(the speaker's actor, the reported clause's predicate) when ``tok`` sits in a reported clause."""
    found = reporting_clause(ctx, tok)
    if found is None:
        return None
    verb, clause = found
    for c in verb.children:
        if c.dep_ == "nsubj":
            actor = speaker_actor(ctx, c, create)
            if actor is not None:
                return actor, clause
    return None


def not_the_speaker(ctx: Context, anaphor: Token, got: list) -> list:
    """Drop the speaker from what an anaphor in a reported clause resolved to, unless the anaphor is that
    clause's own subject (a self-report)."""
    if not got:
        return got
    found = speaker_of(ctx, anaphor)
    if found is None:
        return got
    speaker, clause = found
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.left_edge.i <= anaphor.i <= s.right_edge.i for s in subjects):
        return got  # "Hezbollah says it / its fighters ...": the speaker reports on itself
    return [a for a in got if a.actor != speaker]
