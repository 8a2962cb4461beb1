"""The ``participle`` pattern: 'Iran-backed militias', 'U.S.-trained commandos'."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.context import Context, state_arg
from graphkit.nlp.relations.arguments import args
from graphkit.nlp.relations.emit import emit


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
            emit(ctx, [state_arg(ctx, entry, t)], relation, args(ctx, t.head), t, "participle")
            return
    elif text in ctx.schema.participles and t.i >= 2 and ctx.doc[t.i - 1].text == "-":
        relation = ctx.schema.participles[text]
        agent_tok = ctx.doc[t.i - 2]
        agents = [ctx.mention(agent_tok)]
        state = ctx.dictionary.state_for_demonym(agent_tok.text) if agents[0] is None else None
        if state is not None:
            # "Iranian-backed Houthis"
            target = t.head
            objects = args(ctx, target)
            emit(ctx, [state_arg(ctx, state, agent_tok)], relation, objects, t, "participle")
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
    emit(ctx, [ctx.arg_of(a) for a in agents], relation, objects, t, "participle")
