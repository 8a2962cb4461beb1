"""Implicit arguments: the slot a trigger leaves unstated, filled from the sentences before it.

- An unstated recipient: "Ukraine's arsenal has been rebuilt. Britain has delivered tanks." -- a supply
  verb with a supplier and a weapon but no recipient; the paragraph's topic (the owner of an arsenal, an
  army, the forces, earlier in the same paragraph) is the recipient.
- The unstated parties of a brokered deal: "X and Y signed a truce. The deal was brokered by Z." -- a
  mediator verb whose theme is a definite agreement noun and which names no sides; the parties are the
  last pair said to negotiate just before.

What these fill in is ``indirect``, carries the lower ``implicit_confidence_factor`` and names the earlier
sentence in the evidence's ``context``.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from graphkit.nlp.relations.arguments import agents_of, args
from graphkit.nlp.relations.context import Arg, Context
from graphkit.nlp.relations.coref import coref_words, window
from graphkit.nlp.relations.emit import emit


def _weapon_word(ctx: Context, tok: Token) -> bool:
    forms = {tok.lemma_.lower(), tok.lower_}
    return any(forms & words for theme, words in ctx.schema.themes.items() if theme == "weapons")


def names_thing(ctx: Context, a: Arg) -> bool:
    """An 'object' that is the weapon itself ('Storm Shadow cruise missiles'), not a recipient."""
    return _weapon_word(ctx, ctx.doc[a.start:a.end].root)


def _has_recipient_slot(v: Token) -> bool:
    """A dative or a to/for phrase anywhere in the verb's own clause ('sent 1,000 of his men to Libya')."""
    return any(t.dep_ in ("dative", "iobj") or (t.dep_ == "prep" and t.lower_ in ("to", "for", "into"))
               for t in _own_clause(v))


def _own_clause(v: Token) -> list[Token]:
    out, todo = [], list(v.children)
    while todo:
        t = todo.pop()
        if t.dep_ in ("conj", "relcl", "advcl", "ccomp", "acl") and t.pos_ in ("VERB", "AUX"):
            continue
        out.append(t)
        todo.extend(t.children)
    return out


def _lower_confidence(ctx: Context, since: int, context: Span | None) -> None:
    factor = coref_words().implicit_confidence_factor
    for a in ctx.out[since:]:
        a.confidence = round(a.confidence * factor, 3)
        a.pattern = f"{a.pattern}+implicit"
        if context is not None:
            a.context = (context.start, context.end)


def recipient_topic(ctx: Context, v: Token) -> Arg | None:
    """The owner of a topic noun ("Ukraine's arsenal", "Kurdish forces") earlier in the paragraph."""
    holders = coref_words().topic_holders
    sents = window(ctx, v)
    lo = min(s.start for s in sents)
    best = None
    clause = {t.i for t in _own_clause(v)} | {v.i}
    for m in ctx.mentions:
        if not lo <= m.start < v.i or m.bare:
            continue
        root = ctx.doc[m.start:m.end].root
        if root.i in clause:
            continue  # "X, commander of Y's forces, sent fighters": Y is X's, not the recipient
        owned = root.dep_ in ("poss", "compound") and root.head.lower_ in holders
        if (owned or (root.lower_ in holders and any(c.dep_ == "poss" for c in root.children))) and \
                ctx.actors[m.actor].type in ("STATE", "ORGANIZATION", "GROUP"):
            best = m
    return Arg(best.actor, best.start, best.end, indirect=True) if best is not None else None


def implicit_recipients(ctx: Context, v: Token, relation: str, subjects: list[Arg], objects: list[Arg]) -> None:
    """A supply verb that names supplier and weapon but no recipient: the paragraph's topic receives it."""
    if relation not in coref_words().implicit_recipient_relations or not subjects or _has_recipient_slot(v):
        return
    if any(not names_thing(ctx, o) for o in objects):
        return
    topic = recipient_topic(ctx, v)
    if topic is None or any(s.actor == topic.actor for s in subjects):
        return
    since = len(ctx.out)
    emit(ctx, subjects, relation, [topic], v, "verb")
    _lower_confidence(ctx, since, None)


AGREEMENT_TAGS = ("negotiated_with",)


def last_parties(ctx: Context, tok: Token) -> tuple[list[Arg], Span | None]:
    """The two sides of the last negotiation stated in the sentence before ``tok`` (a paragraph break
    between them allowed: 'the deal' opening a paragraph points back to the one just told)."""
    prev = [s for s in ctx.doc.sents if s.end <= tok.sent.start]
    if not prev:
        return [], None
    sent = prev[-1]
    for a in reversed(ctx.out):
        if a.relation in AGREEMENT_TAGS and sent.start <= a.sentence[0] < sent.end and \
                not (a.subject.indirect or a.object.indirect):
            return [a.subject, a.object], sent
    return [], None


def implicit_sides(ctx: Context, v: Token, mediators: list[Arg]) -> None:
    """'The deal was brokered by Z': Z negotiated with each side of the deal just told."""
    words = coref_words()
    themes = [c for c in v.children if c.dep_ in ("nsubjpass", "dobj")]
    if v.dep_ == "acl":
        themes.append(v.head)
    deal = next((t for t in themes if t.lemma_.lower() in words.agreement_nouns and _definite(t)), None)
    if deal is not None and mediators:
        _mediated(ctx, deal, v, mediators)


def implicit_parties(ctx: Context, n: Token, relation: str) -> None:
    """'The talks, mediated by Z, ...': an event noun naming only its mediator; the sides are those of the
    negotiation just told."""
    if relation != "negotiated_with" or not _definite(n):
        return
    for c in n.children:
        if c.dep_ == "acl" and c.lemma_ in ctx.words.mediation_participles:
            mediators = [a for t in agents_of(c) for a in args(ctx, t)]
            if mediators:
                _mediated(ctx, n, c, mediators)


def _definite(t: Token) -> bool:
    """'the deal', 'this truce': one already told, not named by its parties ('Iran's deal', 'the Doha deal')."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children) and \
        not any(c.dep_ in ("poss", "compound", "prep") for c in t.children)


def _mediated(ctx: Context, deal: Token, v: Token, mediators: list[Arg]) -> None:
    parties, sent = last_parties(ctx, deal)
    if not parties:
        return
    sides = [Arg(p.actor, deal.i, deal.i + 1, indirect=True) for p in parties]
    since = len(ctx.out)
    emit(ctx, mediators, "negotiated_with", sides, v, "mediator")
    _lower_confidence(ctx, since, sent)
