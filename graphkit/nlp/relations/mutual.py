"""The ``mutual`` pattern: a symmetric role noun said of two sides at once.

"X and Y have been bitter rivals since 2009", "the two movements remain enemies", "X and Y became
adversaries": the subject of a copular verb names both sides (coordinated names, or a plural description
resolved to the last pair) and the predicate noun (a ``rival_of`` role noun in relations.json) relates them
to each other. A role noun with an owner of its own ("X is Y's rival", "the rival of Y") is the role
pattern's; a subject that names one side only ("X and its allies are rivals") gives nothing here.
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.context import Context
from graphkit.nlp.relations.emit import emit
from graphkit.nlp.relations.nouns import side_args


def mutual_pattern(ctx: Context, n: Token) -> None:
    """A plural symmetric role noun as the predicate of a copula whose subject names two or more sides."""
    if n.dep_ != "attr":
        return  # the test below, before the two role lookups
    found = ctx.schema.role(n.lemma_.lower()) or ctx.schema.role(n.lower_)
    if found is None or n.dep_ != "attr" or n.tag_ not in ("NNS", "NNPS"):
        return
    relation = found[0]
    if not ctx.schema.relations[relation].symmetric:
        return
    v = n.head
    if v.lemma_ not in ctx.schema.words_of("copular_verbs"):
        return
    if any(c.dep_ in ("poss", "prep") for c in n.children) or ctx.mention(n) is not None:
        return  # "X and Y are Z's rivals": the role pattern's owner
    sides = [a for c in v.children if c.dep_ == "nsubj" for a in side_args(ctx, c)]
    if len({a.actor for a in sides}) >= 2:
        emit(ctx, sides, relation, [], n, "role", anchor=n, symmetric_pairs=True)


def rivals_anaphor(ctx: Context) -> None:
    """'India and Pakistan held talks ... but the nuclear rivals remained deadlocked': a definite plural
    symmetric role noun with no owner of its own names the pair of the latest assertion stated before it
    in its sentence or the one before, and relates them by its own relation."""
    if not any(ctx.schema.relations[a.relation].symmetric for a in ctx.out):
        return  # no symmetric assertion to name the pair (skips the walk over every token)
    for n in ctx.doc:
        found = ctx.schema.role(n.lemma_.lower()) or ctx.schema.role(n.lower_)
        if found is None or n.tag_ not in ("NNS", "NNPS") or n.dep_ == "attr" or ctx.mention(n) is not None:
            continue
        relation = found[0]
        if not ctx.schema.relations[relation].symmetric or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in n.children) or \
                any(c.dep_ in ("poss", "prep", "compound") for c in n.children):
            continue
        first = n.sent.start
        if first > 0:
            first = ctx.doc[first - 1].sent.start
        before = [a for a in ctx.out if first <= a.trigger[0] < n.i and a.relation != relation
                  and ctx.schema.relations[a.relation].symmetric]
        if before:
            a = max(before, key=lambda x: x.trigger[0])
            emit(ctx, [a.subject], relation, [a.object], n, "role", anchor=n)
