"""Whether an assertion is negated or hedged, and who reports it, each within the clause that holds it.

A cue covers the clause it governs: its own predicate, that predicate's complements ("believed to have
armed", "accused of arming", "said that ... armed"), and coordinated predicates that share its subject and
auxiliary. It does not reach a coordinated clause of its own ("X did not attack Y but signed a deal with
Z"), a relative or participial clause, or the noun phrase naming a speaker: "President X said ..." leaves
X's title unhedged, and attribution in the active voice ("X said Russia would ...") is no hedge at all.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from graphkit.model.lexicon import data_file
from graphkit.nlp.doctext import doc_text
from graphkit.nlp.relations.context import Context
from graphkit.nlp.relations.arguments import perfect_misread
from graphkit.nlp.relations.attribution import speaker_actor, speaker_of

# links along which a predicate's clause reaches up to the predicate that governs it
COMPLEMENT_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "attr", "acomp", "oprd", "agent",
                              "dative"})
# an event noun stated as the subject of a hedged predicate is hedged with it ("talks ... are believed to ...")
ARGUMENT_LINKS = frozenset({"nsubj", "nsubjpass", "csubj"})


@lru_cache(maxsize=1)
def _hedge_words() -> tuple[frozenset[str], frozenset[str]]:
    """(attribution lemmas that hedge only in the passive, modal auxiliaries that hedge)."""
    hedges = data_file("relations.json")["hedges"]
    return frozenset(hedges.get("attributions", ())), frozenset(hedges.get("modals", ()))


def shares_modifiers(conj: Token, head: Token) -> bool:
    """'did not arm or train': a coordinated predicate without its own subject or auxiliary, in the head's form,
    shares the head's negation, modal and adverbs; 'did not attack Y but signed' does not."""
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in conj.children)
    return not own and conj.tag_ == head.tag_


def same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n\n" not in doc_text(a.doc)[lo:hi]


def clause_scope(ctx: Context, trigger: Token) -> list[tuple[Token, bool, bool]]:
    """The predicates whose cues reach ``trigger``: (token, its modifiers apply, its lemma governs the trigger)."""
    steps = [(trigger, True, False)]
    role = ctx.schema.role(trigger.lower_) is not None or ctx.schema.role(trigger.lemma_.lower()) is not None
    t = trigger
    have = perfect_misread(trigger)
    if have is not None:  # "has allegedly overrun X" misparsed: the clause is the auxiliary's
        steps.append((have, True, False))
        t = have
    for _ in range(12):
        h = t.head
        if h.i == t.i or not same_paragraph(h, trigger):
            break
        if t.dep_ == "conj":
            steps.append((h, shares_modifiers(t, h), False))
        elif t.dep_ in COMPLEMENT_LINKS or (t.dep_ in ARGUMENT_LINKS and not role):
            steps.append((h, True, True))
        else:
            break
        t = h
    return steps


def _passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (v.tag_ == "VBN" and v.dep_ == "xcomp")


def is_hedged(ctx: Context, trigger: Token) -> bool:
    """A hedge cue ("allegedly", "believed to", "suspected of", "accused", "reportedly", "may have",
    "is said to") in the trigger's clause or a clause governing it."""
    s = ctx.schema
    attributions, modals = _hedge_words()
    for t, applies, governs in clause_scope(ctx, trigger):
        if governs and t.lemma_ in s.hedge_lemmas and (t.lemma_ not in attributions or _passive(t)):
            return True
        if not applies:
            continue
        for c in t.children:
            if c.dep_ == "advmod" and c.lower_ in s.hedge_adverbs:
                return True
            if c.dep_ == "aux" and c.lower_ in modals:
                return True
            if c.dep_ == "amod" and c.lemma_ in s.hedge_lemmas and t.pos_ == "NOUN":
                return True  # "the alleged arms shipments"
    return False


def clause_chain(tok: Token) -> list[Token]:
    """The trigger and the predicates it hangs from within its own clause (xcomp, aux chain)."""
    chain = [tok]
    t = tok
    have = perfect_misread(tok)
    if have is not None:
        chain.append(have)
        t = have
    while t.dep_ in ("xcomp", "dobj", "pobj", "prep", "pcomp", "attr", "acomp", "conj") and t.head.i != t.i:
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and not shares_modifiers(t, t.head):
            break  # "X did not attack Y but signed a deal with Z": the negation is the first clause's
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "conj"):
            break
    return chain


def negated(ctx: Context, trigger: Token) -> bool:
    """Negated, refused or denied: 'X has never armed Y', 'X refused to meet Y', 'X denied arming Y'.
    An accusation governing the denial keeps the triple ('accused of refusing to ...')."""
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


def reporter_of(ctx: Context, trigger: Token) -> int | None:
    """The actor a reporting verb governing the trigger's clause names as its subject ("UN officials say",
    "..., Kenyan officials said"), or 'according to X'."""
    found = speaker_of(ctx, trigger, create=True)
    if found is not None:
        return found[0]
    for t, _, governs in clause_scope(ctx, trigger):
        if governs and t.lemma_ in ctx.schema.reporting_verbs:
            for c in t.children:
                if c.dep_ == "nsubj":
                    actor = speaker_actor(ctx, c, create=True)
                    if actor is not None:
                        return actor
    for t in trigger.sent:
        if t.lower_ == "according" and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].lower_ == "to":
            for p in ctx.doc[t.i + 1].children:
                if p.dep_ == "pobj":
                    actor = speaker_actor(ctx, p, create=True)
                    if actor is not None:
                        return actor
    return None
