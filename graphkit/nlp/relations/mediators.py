"""Named mediators of talks stated in the same sentence: 'peace talks between X and Y failed, but African Union
mediators said negotiations would resume'. The GUIDE reads a mediator as negotiating with each side."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.arguments import event_words
from graphkit.nlp.relations.context import Arg, Context, state_arg
from graphkit.nlp.relations.emit import emit


def mediator_owner(ctx: Context, t: Token) -> Arg | None:
    """The actor a mediator noun speaks for: 'African Union mediators', 'Qatar's mediators', 'Norwegian mediators'."""
    own = ctx.mention(t)
    if own is not None:
        return ctx.arg_of(own) if ctx.actors[own.actor].type in ("STATE", "ORGANIZATION") else None
    for c in t.children:
        m = ctx.mention(c) if c.dep_ in ("compound", "poss", "amod", "nmod") and c.i < t.i else None
        if m is not None and ctx.actors[m.actor].type in ("STATE", "ORGANIZATION"):
            return ctx.arg_of(m)
        state = ctx.dictionary.state_for_demonym(c.text) if c.dep_ == "amod" and m is None and c.i < t.i else None
        if state is not None:
            return state_arg(ctx, state, c)
    return None


def mediators_of_talks(ctx: Context) -> None:
    """Each mediator noun with a named owner negotiated with each side of the sentence's stated talks."""
    if not any(a.relation == "negotiated_with" and a.pattern == "noun" for a in ctx.out):
        return  # no stated talks: no sides, whatever the mediators (skips the walk over every token)
    for t in ctx.doc:
        if t.lower_ not in event_words("mediator_nouns"):
            continue
        owner = mediator_owner(ctx, t)
        if owner is None:
            continue
        sent = (t.sent.start, t.sent.end)
        sides: dict[int, Arg] = {}
        for a in ctx.out:
            if a.relation == "negotiated_with" and a.sentence == sent and a.pattern == "noun" and not a.hedged:
                for x in (a.subject, a.object):
                    if x.actor != owner.actor:
                        sides.setdefault(x.actor, x)
        if len(sides) >= 2:
            emit(ctx, [owner], "negotiated_with", list(sides.values()), t, "mediator")
