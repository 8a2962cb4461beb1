"""Whether an assertion is negated or hedged, and who reports it."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.context import Context


def clause_chain(tok: Token) -> list[Token]:
    """The trigger and the predicates it hangs from within its own clause (xcomp, aux chain)."""
    chain = [tok]
    t = tok
    while t.dep_ in ("xcomp", "dobj", "pobj", "prep", "pcomp", "attr", "acomp", "conj") and t.head.i != t.i:
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "conj"):
            break
    return chain


def negated(ctx: Context, trigger: Token) -> bool:
    s = ctx.schema
    for t in clause_chain(trigger):
        if any(c.dep_ == "neg" or (c.lower_ in s.negator_particles and c.dep_ in ("neg", "det", "advmod") and c.lower_ != "no")
               for c in t.children):
            if not any(c.lower_ == "longer" for c in t.children):
                return True
        if t.lemma_ in s.negator_lemmas and t.i != trigger.i:
            return not governed_by(trigger, s.lexicon.accusation_verbs)
        if any(c.lower_ == "no" and c.dep_ == "det" for c in t.children) and t.pos_ == "NOUN":
            return True
    # "denied arming", "refused to talk": a negator verb governing the trigger through a complement
    t = trigger
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"):
            break
        t = t.head
        if t.lemma_ in s.negator_lemmas:
            return not governed_by(trigger, s.lexicon.accusation_verbs)
    return False


def governed_by(tok: Token, lemmas: set[str]) -> bool:
    return any(a.lemma_ in lemmas for a in tok.ancestors)


def same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n\n" not in a.doc.text[lo:hi]


def is_hedged(ctx: Context, trigger: Token) -> bool:
    s = ctx.schema
    for t in [trigger, *trigger.ancestors]:
        if not same_paragraph(t, trigger):
            break
        if t.i != trigger.i and t.lemma_ in s.hedge_lemmas:
            return True
        if any(c.lower_ in s.hedge_adverbs for c in t.children if c.dep_ == "advmod"):
            return True
        if t.dep_ == "ROOT":
            break
    return any(t.lower_ in s.hedge_adverbs for t in trigger.sent if t.dep_ == "advmod" and t.head.i == trigger.i)


def reporter_of(ctx: Context, trigger: Token) -> int | None:
    for a in trigger.ancestors:
        if not same_paragraph(a, trigger):
            break
        if a.lemma_ in ctx.schema.reporting_verbs:
            for c in a.children:
                if c.dep_ == "nsubj":
                    m = ctx.mention(c)
                    if m is not None:
                        return m.actor
    for t in trigger.sent:
        if t.lower_ == "according" and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].lower_ == "to":
            for p in ctx.doc[t.i + 1].children:
                m = ctx.mention(p)
                if m is not None:
                    return m.actor
    return None
