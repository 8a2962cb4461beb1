"""Who leads an armed following: 'fighters loyal to X', 'troops under X', 'his men', 'X's fighters'."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.context import Arg, Context
from graphkit.nlp.relations.arguments import args, holder_of, prep_objects, single_arg
from graphkit.nlp.relations.emit import emit


def loyal_pattern(ctx: Context, t: Token) -> None:
    """'militants loyal to X': X commands (or backs) the group."""
    relation = ctx.schema.loyal_relation.get(t.lower_)
    if not relation:
        return
    leaders = [a for tok in prep_objects(t, ["to", "with"]) for a in args(ctx, tok)]
    if not leaders:
        leaders = mention_after_preposition(ctx, t, ("to",))
    group = t.head if t.dep_ in ("amod", "acomp") else None
    if t.dep_ == "oprd":  # "troops battled militiamen loyal to X"
        group = next((c for c in t.head.children if c.dep_ == "dobj"), None)
    if group is None or not leaders:
        return
    members = args(ctx, group)
    if relation == "commands":
        leaders = [a for a in leaders if ctx.actors[a.actor].type == "PERSON"]
        members = [a for a in members if ctx.actors[a.actor].type != "PERSON"]
        if not members and leaders and group.lower_ in ctx.words.led_forces:
            # "Fighters loyal to X seized the town": X's fighters
            name = f"{ctx.short_name(ctx.actors[leaders[0].actor].name)}'s {group.lower_}"
            members = [ctx.new_group(name, group.i, group.i + 1)]
        emit(ctx, leaders, relation, members, t, "loyal")
    else:
        emit(ctx, members, relation, leaders, t, "loyal")


def under_pattern(ctx: Context, t: Token) -> None:
    """'a government under X', 'troops under the command of X': X leads the body named before 'under'."""
    if t.dep_ != "prep" or t.head.pos_ not in ("NOUN", "PROPN"):
        return
    body = t.head
    if ctx.mention(body) is None and body.lower_ not in ctx.words.force_proxies:
        return
    leaders: list[Arg] = []
    for p in t.children:
        if p.dep_ != "pobj":
            continue
        if p.lemma_ in ctx.words.command_nouns:
            leaders += [a for q in prep_objects(p, ["of"]) for a in args(ctx, q)]
            leaders += [ctx.arg_of(ctx.mention(c)) for c in p.children if c.dep_ == "poss" and ctx.mention(c)]
        elif ctx.mention(p) is not None:
            leaders += args(ctx, p)
    leaders = [a for a in leaders if ctx.actors[a.actor].type == "PERSON"]
    if not leaders:
        return
    members = [a for a in args(ctx, body) if ctx.actors[a.actor].type != "PERSON"]
    emit(ctx, leaders, "commands", members, t, "role")


def mention_after_preposition(ctx: Context, t: Token, preps: tuple[str, ...]) -> list[Arg]:
    """When the parse lost the object of 'loyal to' ('Militants loyal to radical cleric X kept ...'), the
    person named right after the preposition, past adjectives and title words."""
    nxt = t.i + 1
    if nxt >= len(ctx.doc) or ctx.doc[nxt].lower_ not in preps:
        return []
    for k in range(nxt + 1, min(len(ctx.doc), nxt + 6)):
        m = ctx.mention(ctx.doc[k])
        if m is not None:
            return [ctx.arg_of(m)] if m.type == "PERSON" else []
        if ctx.doc[k].pos_ not in ("ADJ", "NOUN", "DET") or ctx.doc[k].is_sent_start:
            return []
    return []


def followers_pattern(ctx: Context, t: Token) -> None:
    """'followers of X', 'X's fighters', 'his men': a person's armed following is his to command."""
    m = ctx.mention(t)
    if m is not None and m.source == "following" and m.end == t.i + 1:
        leader = ctx.mention(ctx.doc[m.leader]) if m.leader >= 0 else None  # found with it (graphkit.nlp.followings)
        if leader is not None and ctx.actors[leader.actor].type == "PERSON":
            pronoun = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)  # "his followers"
            emit(ctx, [ctx.arg_of(leader, indirect=pronoun)], "commands", [ctx.arg_of(m)], t, "role")
        return
    if t.lower_ not in ctx.words.led_forces or m is not None:
        return
    pron = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if pron is not None:
        # "to ask Sadr to stand down his militia": the person named last before the pronoun
        people = [m for m in ctx.mentions if m.type == "PERSON" and t.sent.start <= m.start and m.end <= pron.i]
        if not people:
            return
        holder = ctx.arg_of(people[-1], indirect=True)
        name = f"{ctx.short_name(ctx.actors[holder.actor].name)}'s {t.lower_}"
        group = [ctx.new_group(name, pron.i, t.i + 1)]
    else:
        holder = holder_of(ctx, t, 0)
        if holder is None or ctx.actors[holder.actor].type != "PERSON":
            return
        group = single_arg(ctx, t, 0)
        poss = next((c for c in t.children if c.dep_ == "poss" and ctx.mention(c) is not None), None)
        if poss is not None and any(a.actor != holder.actor and "'s " not in ctx.actors[a.actor].name for a in group):
            # "X's militia" is X's own following, not another force the bare noun would resolve to
            name = f"{ctx.short_name(ctx.actors[holder.actor].name)}'s {t.lower_}"
            group = [ctx.new_group(name, poss.i, t.i + 1)]
    emit(ctx, [holder], "commands", group, t, "role")


def followings_to_their_groups(ctx: Context) -> None:
    """'Dagalo, commander of the RSF, sent 1,000 of his fighters': a person's following is the group the
    article says he commands, when it names exactly one."""
    derived = {i for i, a in enumerate(ctx.actors) if a.type == "GROUP" and "'s " in a.name}
    if not derived:
        return
    led: dict[int, set[int]] = {}
    for a in ctx.out:
        if a.relation == "commands" and a.object.actor not in derived and \
                ctx.actors[a.object.actor].type in ("ORGANIZATION", "GROUP") and not a.hedged:
            led.setdefault(a.subject.actor, set()).add(a.object.actor)
    remap: dict[int, int] = {}
    for i in derived:
        owner = ctx.actors[i].name.split("'s ")[0]
        for person, groups in led.items():
            if len(groups) == 1 and ctx.actors[person].type == "PERSON" and ctx.short_name(ctx.actors[person].name) == owner:
                remap[i] = next(iter(groups))
    if not remap:
        return
    for a in ctx.out:
        if a.subject.actor in remap:
            a.subject = Arg(remap[a.subject.actor], a.subject.start, a.subject.end, True)
        if a.object.actor in remap:
            a.object = Arg(remap[a.object.actor], a.object.start, a.object.end, True)
