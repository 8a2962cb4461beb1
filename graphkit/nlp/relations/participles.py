"""The ``participle`` pattern: 'Iran-backed militias', 'U.S.-trained commandos', 'the Hezbollah-affiliated X'.

A participle's relation in relations.json may end in ``_inverse``: 'X-affiliated Y' states member_of(Y, X).
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.context import Arg, Context, state_arg
from graphkit.nlp.relations.arguments import args
from graphkit.nlp.relations.emit import emit


def _emit(ctx: Context, agents: list[Arg], relation: str, objects: list[Arg], t: Token) -> None:
    if relation.endswith("_inverse"):
        emit(ctx, objects, relation.removesuffix("_inverse"), agents, t, "participle")
    else:
        emit(ctx, agents, relation, objects, t, "participle")


def participle_pattern(ctx: Context, t: Token) -> None:
    """'Iran-backed militias', 'U.S.-trained commandos'."""
    relation = None
    text = t.lower_
    if "-" in text and text.rsplit("-", 1)[1] in ctx.schema.participles:
        relation = ctx.schema.participles[text.rsplit("-", 1)[1]]
        agents = [ctx.mention(t)] if ctx.mention(t) else []
        entry = ctx.dictionary.lookup(t.text.rsplit("-", 1)[0]) if not agents else None
        if entry is not None:
            # "U.S.-led coalition" is one token
            _emit(ctx, [state_arg(ctx, entry, t)], relation, args(ctx, t.head), t)
            return
    elif text in ctx.schema.participles and t.i >= 2 and ctx.doc[t.i - 1].text == "-":
        relation = ctx.schema.participles[text]
        agent_tok = ctx.doc[t.i - 2]
        agents = [ctx.mention(agent_tok)]
        state = ctx.dictionary.state_for_demonym(agent_tok.text) if agents[0] is None else None
        if state is not None:
            # "Iranian-backed Houthis"
            _emit(ctx, [state_arg(ctx, state, agent_tok)], relation, args(ctx, t.head), t)
            return
    else:
        return
    agents = [a for a in agents if a is not None]
    if not agents:
        return
    target = t.head
    while target.dep_ in ("amod", "compound") and target.head.i != target.i and target.pos_ not in ("NOUN", "PROPN"):
        target = target.head
    objects = args(ctx, target)
    if not objects and target.pos_ in ("NOUN", "PROPN"):
        m = None
        for k in range(t.i + 1, target.i + 1):
            m = m or ctx.mention(ctx.doc[k])
        if m is not None:
            objects = [ctx.arg_of(m)]
    objects = [o for o in objects if all(o.actor != a.actor for a in agents)]
    _emit(ctx, [ctx.arg_of(a) for a in agents], relation, objects, t)


def _mention_ending_at(ctx: Context, k: int):
    """The mention that ends at token ``k``, read past a bracketed acronym ('the Alliance (AFC)')."""
    if k >= 0 and ctx.doc[k].text == ")":
        opening = next((j for j in range(k - 1, max(k - 5, -1), -1) if ctx.doc[j].text == "("), None)
        k = opening - 1 if opening is not None else k
    m = ctx.mention(ctx.doc[k]) if k >= 0 else None
    return m if m is not None and m.end == k + 1 else None


def adjacent_participle(ctx: Context, t: Token) -> None:
    """'the Alliance (AFC) headed by X', 'the Alliance (AFC), a coalition led by X': a by-participle that
    the parse hung on a farther noun modifies the name right before it (or the name the bare collective
    noun before it restates)."""
    relation = ctx.schema.participles.get(t.lower_)
    if t.dep_ != "acl" or relation is None or relation.endswith("_inverse"):
        return
    agents = [a for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj" for a in args(ctx, p)]
    if not agents:
        return
    target = _mention_ending_at(ctx, t.i - 1)
    head = t.head
    if target is None and head.i == t.i - 1 and ctx.mention(head) is None and \
            head.lower_ in ctx.words.collective_bodies | ctx.words.anaphoric_nouns:
        det = head.left_edge
        if det.i >= 2 and det.lower_ in ("a", "an") and ctx.doc[det.i - 1].text == ",":
            target = _mention_ending_at(ctx, det.i - 2)
    if target is None or target.actor in {a.actor for a in args(ctx, head)}:
        return
    if relation == "commands":
        agents = [a for a in agents if ctx.actors[a.actor].type == "PERSON"]
        if ctx.actors[target.actor].type == "PERSON":
            return
    _emit(ctx, agents, relation, [ctx.arg_of(target)], t)
