"""A role description standing for a person named earlier: 'the embattled governor', 'the rebel chief',
'the Afghan leader', 'the governor of Herat'.

Writers name a person once ("Herat Governor Ismail Khan", "Kony, the rebel leader, ...") and then call him by
his role. The description's head noun must fit a title the article gave the person (data/coreference.json
``person_descriptions``: head noun -> title words that fit it), and every word of it that says which one
(a compound, a demonym, an of-object: 'militia', 'Afghan', 'Herat') must be among the words of such a title;
evaluative adjectives ('embattled', 'renegade') say nothing about which. The antecedent is looked for in
the paragraph (``coref.window``), then the previous paragraph and the headline; two people who fit equally
give nothing. What it resolves to is ``indirect`` (a lower confidence) and the evidence names both sentences.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from graphkit.nlp.mentions import Mention
from graphkit.nlp.relations.context import Arg, Context
from graphkit.nlp.relations.coref import anaphor_arg, coref_words, previous_paragraph, window

_RUN_POS = ("PROPN", "NOUN", "ADJ")
_RUN_BACK = 5


def description_words(ctx: Context, tok: Token) -> list[str] | None:
    """The words of 'the X' that say which person it is; None when ``tok`` is no such description (no 'the',
    or a possessor, a number, a name or a clause that makes it someone new)."""
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return None
    evaluative = coref_words().evaluative_modifiers
    words: list[str] = []
    for c in kids:
        if c.dep_ in ("poss", "nummod", "appos", "acl", "relcl") or ctx.mention(c) is not None:
            return None
        if c.dep_ in ("amod", "compound") and c.i < tok.i:
            if any(k.dep_ not in ("punct",) for k in c.children) and c.lower_ not in evaluative:
                return None
            if c.lower_ not in evaluative:
                words.append(c.lower_)
        elif c.dep_ == "prep":
            if c.lower_ != "of":
                return None
            for p in c.children:
                if p.dep_ == "pobj":
                    # "the governor of the western province of Herat": the name says which
                    names = [t.lower_ for t in p.subtree if t.pos_ == "PROPN"]
                    words += names
    return words


def title_words(ctx: Context, m: Mention) -> set[str]:
    """The words the article titles a mention with: the run of names, nouns and adjectives right before it
    ('Herat Governor', 'renegade militia leader', 'Afghan President') and its appositive ('X, the governor
    of Herat')."""
    doc = ctx.doc
    out: set[str] = set()
    sent_start = doc[m.start].sent.start
    for k in range(m.start - 1, max(sent_start - 1, m.start - 1 - _RUN_BACK), -1):
        t = doc[k]
        if t.pos_ not in _RUN_POS and t.text not in ("-", "'s", "’s"):
            break
        out.add(t.lower_)
    root = doc[m.start:m.end].root
    apps = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        apps.append(root.head)
    for a in apps:
        out.update(t.lower_ for t in a.subtree if not (m.start <= t.i < m.end) and t.pos_ in _RUN_POS)
    return out


def _fits(ctx: Context, m: Mention, fitting: frozenset[str], words: list[str]) -> bool:
    titles = title_words(ctx, m)
    return bool(titles & fitting) and all(w in titles for w in words)


def _tiers(ctx: Context, tok: Token) -> list[list[Span]]:
    sents = window(ctx, tok)
    tiers = [sents[:2], sents[2:], previous_paragraph(ctx, tok)]
    first = next(iter(ctx.doc.sents), None)
    if first is not None and first.end <= tok.sent.start and all(first.start != s.start for t in tiers for s in t):
        tiers.append([first])  # the headline
    return [t for t in tiers if t]


def person_description(ctx: Context, tok: Token) -> list[Arg] | None:
    """'the embattled governor' as the person the article titled so; [] when none or two fit; None when
    ``tok`` is no role description."""
    fitting = coref_words().person_descriptions.get(tok.lower_)
    if fitting is None:
        return None
    words = description_words(ctx, tok)
    if words is None:
        return None
    for tier in _tiers(ctx, tok):
        lo, hi = min(s.start for s in tier), max(s.end for s in tier)
        found: dict[int, Mention] = {}
        for m in ctx.mentions:
            if lo <= m.start < min(hi, tok.i) and m.type == "PERSON" and not m.bare and \
                    ctx.actors[m.actor].type == "PERSON" and _fits(ctx, m, fitting, words):
                found[m.actor] = m  # the latest mention of each
        if len(found) > 1:
            return []  # two people fit equally: no one
        if found:
            return [anaphor_arg(ctx, next(iter(found.values())), tok)]
    return []
