"""Turning (subjects, relation, objects) at a trigger into assertions with confidence, hedging and reporter."""
from __future__ import annotations

from spacy.tokens import Span, Token

from graphkit.nlp.doctext import doc_text
from graphkit.nlp.relations.context import Arg, Assertion, Context
from graphkit.nlp.relations.arguments import event_words
from graphkit.nlp.relations.modality import is_hedged, negated, reporter_of
from graphkit.nlp.relations.plausibility import implausible


def emit(ctx: Context, subjects: list[Arg], relation: str, objects: list[Arg], trigger: Token | Span,
          pattern: str, anchor: Token | None = None, symmetric_pairs: bool = False) -> None:
    anchor = anchor if anchor is not None else (trigger if isinstance(trigger, Token) else trigger.root)
    if negated(ctx, anchor):
        return
    hedged = is_hedged(ctx, anchor)
    reporter = reporter_of(ctx, anchor)
    span = (trigger.i, trigger.i + 1) if isinstance(trigger, Token) else (trigger.start, trigger.end)
    sent = anchor.sent
    base = ctx.words.base_confidence.get(pattern, 0.6)
    pairs = [(s, o) for s in subjects for o in objects]
    if symmetric_pairs:
        pairs += [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
    text = doc_text(ctx.doc)
    for s, o in pairs:
        if s.actor == o.actor or implausible(ctx, s, relation, o, trigger, pattern, sent):
            continue
        lo = min(s.start, o.start, span[0])
        hi = max(s.end, o.end, span[1])
        if "\n\n" in text[ctx.doc[lo].idx:ctx.doc[hi - 1].idx]:
            continue  # a headline and the story's first line are two statements
        if relation == "attacked" and unlisted_place(ctx, o):
            continue  # a town that is struck is a place, not an actor
        if relation in ("rival_of", "negotiated_with") and (place_modifier(ctx, s) or place_modifier(ctx, o)):
            continue  # "fighting ... in Najaf", "Darfur's rebel leaders held talks": where, or whose, not who
        conf = base - (0.15 if s.indirect or o.indirect else 0.0)
        conf *= 0.85 if hedged else 1.0
        ctx.out.append(Assertion(s, relation, o, span, pattern, hedged, reporter, round(conf, 3), (sent.start, sent.end)))


def unlisted_place(ctx: Context, a: Arg) -> bool:
    """A place name the dictionary does not hold as a state (a town, a region): it does not act on its own."""
    actor = ctx.actors[a.actor]
    return actor.type == "STATE" and actor.entry is None and not ctx.dictionary.lookup(actor.name)


def place_modifier(ctx: Context, a: Arg) -> bool:
    """An unlisted place named where ('forces in Najaf') or whose ('Darfur's rebel leaders'): not a side."""
    if not unlisted_place(ctx, a):
        return False
    root = ctx.doc[a.start:a.end].root
    return root.dep_ == "poss" or (root.dep_ == "pobj" and root.head.lower_ in event_words("place_prepositions"))
