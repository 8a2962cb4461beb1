"""Assertions derived from other assertions."""
from __future__ import annotations

from graphkit.nlp.relations.context import Assertion, Context


def rivalries_from_attacks(ctx: Context) -> None:
    """An attack between two armed actors states that they are in conflict (GUIDE: fighting, clashing)."""
    for a in list(ctx.out):
        if a.relation == "attacked" and not a.hedged and \
                "PERSON" not in (ctx.actors[a.subject.actor].type, ctx.actors[a.object.actor].type):
            ctx.out.append(Assertion(a.subject, "rival_of", a.object, a.trigger, a.pattern + "+attack", a.hedged,
                                     a.reporter, round(a.confidence * 0.9, 3), a.sentence))
