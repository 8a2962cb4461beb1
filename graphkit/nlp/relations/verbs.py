"""The ``verb`` and ``pair`` patterns: a trigger verb with its subject and objects, in either voice.

Which tokens are the logical subject and objects (through passives, coordination, relative and participial
clauses, control verbs) is :mod:`arguments`' job; this module maps them onto the frame's relation:

- a themed frame ("supply", "ship", "launch") fires only when what is given or fired is of the theme's class
  ("supplied rockets", "launched drones at"); a weapons theme names the relation by the class given
  (weapons -> supplies_weapons_to, money -> funds);
- a ``from`` slot names the source, so the roles turn round: "Y received weapons from X", "Y bought drones
  from X" state that X supplies Y;
- event constructions of their own: reciprocal verbs ("X and Y traded strikes": each attacked the other),
  opposing verbs ("the war pits X against Y"),
  arriving weapons ("American weapons flowed to Y"), supplied weapons in use ("X-supplied rockets used by Y"),
  a received delegation ("X received a Y delegation headed by Z"); nothing that is only asked for ("X urged Y
  to meet Z").
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.model.schema import Frame
from graphkit.nlp.relations.context import Arg, Context, state_arg
from graphkit.nlp.relations.arguments import (agents_of, args, conjuncts, event_words, is_passive, listed_after,
                                               logical_subjects, misparsed_coordinates, objects_of, prep_objects,
                                               single_arg)
from graphkit.nlp.relations.emit import emit
from graphkit.nlp.relations.implicit import implicit_recipients, implicit_sides, names_thing
from graphkit.nlp.relations.nouns import side_args
from graphkit.nlp.relations.roles import construction_words

SOURCE_SLOT = "from"


def word_themes(ctx: Context, w: Token) -> set[str]:
    """Every theme class a word belongs to ('rocket' is a weapon and a projectile), plurals and capitals too."""
    forms = {w.lemma_.lower(), w.lower_}
    forms |= {f[:-1] for f in forms if f.endswith("s") and len(f) > 3}  # 'Rockets' opening a sentence
    return {theme for theme, words in ctx.schema.themes.items() if forms & words}


def theme_tokens(ctx: Context, v: Token) -> list[Token]:
    """What the verb gives, fires or ships: its object, the passive subject, a 'with' phrase, the head noun."""
    themes = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    # "traded missile strikes" with the noun misparsed as a subjectless clause
    themes += [c for c in v.children if c.dep_ == "ccomp" and c.i > v.i and c.tag_ in ("NNS", "VBZ")
               and not any(k.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for k in c.children)]
    themes += [p for c in v.children if (c.dep_ == "prep" and c.lower_ == "with") or c.dep_ == "prt"
               for p in c.children if p.dep_ == "pobj"]  # "supplied with", "handing over drones" (parsed as pobj)
    if v.dep_ == "acl" and is_passive(v):
        themes.append(v.head)  # "rockets supplied by Iran"
    if v.dep_ == "relcl" and (is_passive(v) or any(c.dep_ == "dobj" and c.lower_ in ctx.words.relative_pronouns
                                                   for c in v.children)):
        themes.append(v.head)  # "an agreement that Cairo signed with Mogadishu", "drones which were shipped"
    for t in list(themes):
        themes.extend(t.conjuncts)
    return themes


def armed_people(ctx: Context, w: Token) -> bool:
    """'his fighters', 'hundreds of Hezbollah fighters': people, not fighter jets."""
    return w.lower_ in ctx.words.led_forces and any(
        c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and ctx.mention(c) is not None) for c in w.children)


def counted_things(w: Token) -> bool:
    """'millions of artillery shells': a bare quantity counting what its 'of' phrase names is not money."""
    return w.lower_ in event_words("money_quantities") and w.ent_type_ != "MONEY" and \
        any(c.dep_ == "prep" and c.lower_ == "of" for c in w.children)


def theme_classes(ctx: Context, v: Token) -> set[str]:
    """Noun classes of what is given: weapons, money, an agreement, projectiles."""
    classes: set[str] = set()
    for t in theme_tokens(ctx, v):
        for w in [t, *[c for c in t.subtree if c.dep_ in ("compound", "amod", "nummod", "quantmod", "pobj", "nmod")]]:
            if armed_people(ctx, w) or counted_things(w):
                continue
            classes |= word_themes(ctx, w)
            if w.ent_type_ == "MONEY" or w.text == "$":
                classes.add("money")
    return classes


def frame_relations(ctx: Context, v: Token, frame: Frame) -> list[str]:
    """The relations the trigger states, given what its theme is; empty when the theme is missing."""
    if not frame.theme:
        return [frame.relation]
    classes = theme_classes(ctx, v)
    if not classes and frame.theme == "weapons" and supplies_armed_actor(ctx, v):
        return [frame.relation]
    if frame.theme == "weapons":
        return [ctx.schema.theme_relations[c] for c in sorted(classes) if c in ctx.schema.theme_relations]
    return [frame.relation] if frame.theme in classes else []


def supplies_armed_actor(ctx: Context, v: Token) -> bool:
    """'X was supplying the RSF', 'X resupplied the rebels': a supply verb (lexicon ``bare_supply_verbs``)
    whose only object is an armed group or organisation supplies it with arms; a state or a thing given
    ('supplied Europe', 'supplied the army with fuel') does not."""
    if v.lemma_.lower() not in event_words("bare_supply_verbs"):
        return False
    themes = theme_tokens(ctx, v)
    if not themes or any(c.dep_ == "dative" for c in v.children):
        return False
    for t in themes:
        m = ctx.mention(t)
        if m is None or ctx.actors[m.actor].type not in ("GROUP", "ORGANIZATION"):
            return False
    return True


def verb_pattern(ctx: Context, v: Token, frame: Frame) -> None:
    lemma = v.lemma_.lower()
    if requested(v):
        return
    if lemma in event_words("reception_verbs") and received_delegations(ctx, v):
        return
    if lemma in event_words("use_verbs"):
        used_supplies(ctx, v)
        return
    if lemma in event_words("arrival_verbs"):
        arriving_supplies(ctx, v)
        return
    relations = frame_relations(ctx, v, frame)
    if relations and lemma in event_words("reciprocal_verbs"):
        reciprocal(ctx, v, relations)
        return
    if relations and lemma in event_words("opposition_verbs"):
        opposed(ctx, v, relations)
        return
    if not relations:
        if frame.theme == "weapons":
            dispatched_forces(ctx, v)
        return
    if frame.needs_xcomp and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "to") for c in v.children):
        return
    subjects = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    if len(subjects) == 1 and ctx.schema.relations[frame.relation].symmetric:
        # one subject may name both sides: "Kenyan and Somali officials met"
        subjects = [a for t in logical_subjects(v, ctx) for a in side_args(ctx, t)] or subjects
    if not subjects:
        return
    if frame.mediator:
        # "brokered by X and Y between A and B": the parser often hangs the 'between' phrase on the last mediator
        between = prep_objects(v, ["between"]) or [p for g in agents_of(v) for t in conjuncts(g)
                                                   for p in prep_objects(t, ["between"])]
        sides = [a for t in between for a in args(ctx, t)]
        sides += [a for c in v.children if c.dep_ == "dobj" for a in args(ctx, c)]
        emit(ctx, subjects, frame.relation, sides, v, "mediator")
        emit(ctx, sides, frame.relation, [], v, "mediator", symmetric_pairs=True)
        if not sides:
            implicit_sides(ctx, v, subjects)
        return
    goal_slots = tuple(s for s in frame.obj if s != SOURCE_SLOT)
    objects = typed(ctx, frame, [a for t in objects_of(v, goal_slots) for a in args(ctx, t) or listed_after(ctx, t)])
    own = {s.actor for s in subjects}
    objects = [o for o in objects if o.actor not in own]  # "a team led by X and Y": the team is X and Y
    unmodified = unmodified_conjuncts(ctx, v)
    objects = [o for o in objects if o.actor not in unmodified]
    if not objects and frame.theme and SOURCE_SLOT not in frame.obj:  # not "bought drones, which Y launched"
        objects = [o for o in purpose_recipients(ctx, v) + weapon_users(ctx, v) if o.actor not in own]
    sources = [a for t in prep_objects(v, [SOURCE_SLOT]) for a in args(ctx, t)] if SOURCE_SLOT in frame.obj else []
    for rel in relations:
        if not sources:
            implicit_recipients(ctx, v, rel, subjects, objects)
        if sources:
            emit(ctx, sources, rel, subjects, v, "verb")  # "Y received weapons from X"
        recipients = [o for o in objects if rel != "supplies_weapons_to" or not names_thing(ctx, o)]
        if recipients:  # "Harpoon missiles were supplied by X": the missiles are what is given, not who gets it
            emit(ctx, subjects, rel, recipients, v, "verb")
        elif not sources and ctx.schema.relations[rel].symmetric and len(subjects) > 1:
            emit(ctx, subjects, rel, [], v, "pair", symmetric_pairs=True)


def unmodified_conjuncts(ctx: Context, v: Token) -> set[int]:
    """'the SAF, commanded by X, and the RSF': a participle set between two conjuncts modifies the one before
    it only; so does one after a name whose partners the parser hung on it ('X and Y's Z movement, led by W')."""
    head = v.head
    if v.dep_ != "acl" or not is_passive(v):
        return set()
    later = [c for c in head.children if c.dep_ == "conj" and c.i > v.i]
    if not later and not misparsed_coordinates(ctx, head):
        return set()
    alone = {a.actor for a in single_arg(ctx, head, 0)}
    return {a.actor for a in args(ctx, head)} - alone


def weapon_users(ctx: Context, v: Token) -> list[Arg]:
    """'X delivered drones, which Y has launched against Z', 'X supplied rockets that Y fired': whoever uses
    the weapons given (lexicon ``weapon_use_verbs``) got them, when no recipient is written on the verb."""
    out: list[Arg] = []
    for w in weapons_among(ctx, [c for c in v.children if c.dep_ == "dobj"]):
        for c in w.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in event_words("weapon_use_verbs") and not is_passive(c):
                out += [a for k in c.children if k.dep_ == "nsubj" and k.lower_ not in ctx.words.relative_pronouns
                        for a in args(ctx, k)]
    return out


def purpose_recipients(ctx: Context, v: Token) -> list[Arg]:
    """'X sent rifles to help Y (hold ground)', 'X shipped rockets to bolster Y': given for the one the purpose
    clause (lexicon ``aid_verbs``) helps, when no recipient is written on the verb."""
    out: list[Arg] = []
    for c in v.children:
        if c.dep_ not in ("advcl", "xcomp") or c.lemma_.lower() not in event_words("aid_verbs") or \
                not any(k.dep_ == "aux" and k.lower_ == "to" for k in c.children):
            continue
        for d in c.children:
            if d.dep_ == "dobj":
                # "help Y hold ground" misparsed with Y as a modifier of 'ground'
                out += args(ctx, d) or [ctx.arg_of(m) for k in d.children if k.dep_ == "compound" and k.i < d.i
                                        and (m := ctx.mention(k)) is not None]
            elif d.dep_ in ("ccomp", "xcomp"):
                out += [a for k in d.children if k.dep_ == "nsubj" for a in args(ctx, k)]  # "help Y to hold"
    return out


def typed(ctx: Context, frame: Frame, objects: list[Arg]) -> list[Arg]:
    """Objects of the types the frame admits ("seized X": a person or group, not a town)."""
    if not frame.object_types:
        return objects
    return [o for o in objects if ctx.actors[o.actor].type in frame.object_types and not bare_name(ctx, o)]


def bare_name(ctx: Context, o: Arg) -> bool:
    """A one-word 'person' the dictionary does not know: after 'seized' or 'captured' it is most often a town."""
    actor = ctx.actors[o.actor]
    return actor.type == "PERSON" and actor.entry is None and o.end - o.start == 1


def dispatched_forces(ctx: Context, v: Token) -> None:
    """'X sent Y troops': sending a force that belongs to another actor commands it ('Iran sent Quds Force
    troops to Syria'). Armed things (drones, jets) are weapons, handled by the theme; people are forces."""
    forces = [c for c in v.children if c.dep_ == "dobj" and c.lower_ in ctx.words.force_proxies
              and "weapons" not in word_themes(ctx, c) and ctx.mention(c) is None]  # not "supplied the X Army"
    if not forces or is_passive(v):
        return
    subjects = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    owners = [a for t in forces for a in args(ctx, t)]
    emit(ctx, subjects, "commands", owners, v, "verb")


def requested(v: Token) -> bool:
    """'X urged Y to meet Z', 'X asked Y to arm Z': a predicate asked for, not done (GUIDE: optional at most)."""
    t = v
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "xcomp" and t.head.lemma_.lower() in construction_words("request_verbs")


def reciprocal(ctx: Context, v: Token, relations: list[str]) -> None:
    """'X and Y traded strikes', 'X exchanged fire with Y': each side did it to the other."""
    subjects = [a for t in logical_subjects(v, ctx) for a in side_args(ctx, t)]
    others = [a for t in prep_objects(v, ["with"]) for a in args(ctx, t)]
    for rel in relations:
        if others:
            emit(ctx, subjects, rel, others, v, "verb")
            emit(ctx, others, rel, subjects, v, "verb")
        elif len(subjects) > 1:
            emit(ctx, subjects, rel, [], v, "pair", symmetric_pairs=True)
            emit(ctx, subjects[::-1], rel, [], v, "pair", symmetric_pairs=True)


def opposed(ctx: Context, v: Token, relations: list[str]) -> None:
    """'The war pits X against Y', 'the feud has pitted X against Y': the sides are the object and the
    'against' phrase when the subject is a conflict (a rival_of event noun); 'the final pits X against Y'
    is a match, not a conflict."""
    conflicts = [c for c in v.children if c.dep_ == "nsubj" and (frame := ctx.schema.nouns.get(c.lemma_.lower()))
                 is not None and frame.relation == "rival_of"]
    if not conflicts:
        return
    sides = [a for t in objects_of(v, ["dobj"]) for a in args(ctx, t)]
    others = [a for t in prep_objects(v, ["against"]) for a in args(ctx, t)]
    for rel in relations:
        emit(ctx, sides, rel, others, v, "verb")


def weapons_among(ctx: Context, tokens: list[Token]) -> list[Token]:
    return [w for t in tokens for w in conjuncts(t) if "weapons" in word_themes(ctx, w)]


def modifier_actors(ctx: Context, tok: Token) -> list[Arg]:
    """The actors named by a noun's modifiers: a mention ('Hamas', "Iran's") or a demonym ('Iranian')."""
    out: list[Arg] = []
    for c in tok.children:
        if c.dep_ not in ("poss", "compound", "amod", "nmod", "npadvmod") or c.i > tok.i:
            continue
        m = ctx.mention(c)
        if m is not None:
            out.append(ctx.arg_of(m))
            continue
        state = ctx.dictionary.state_for_demonym(c.text)
        if state is not None and state.type == "STATE":
            out.append(state_arg(ctx, state, c))
    return out


def suppliers_of(ctx: Context, weapon: Token, owners: bool) -> list[Arg]:
    """Who supplied a weapon noun: 'X-supplied', 'supplied by X', and with ``owners`` also 'X's', 'Iranian'."""
    out: list[Arg] = []
    for c in weapon.children:
        if c.lower_ in event_words("supply_participles"):
            out += modifier_actors(ctx, c) + [a for t in agents_of(c) for a in args(ctx, t)]
    if owners:
        out += [a for a in modifier_actors(ctx, weapon) if ctx.actors[a.actor].type != "PERSON"]
        out += [a for t in prep_objects(weapon, ["from"]) for a in args(ctx, t)]
    return out


def arriving_supplies(ctx: Context, v: Token) -> None:
    """'American weapons flowed to Y', 'arms poured from X to Y': the weapons' owner supplies the recipient."""
    weapons = weapons_among(ctx, [c for c in v.children if c.dep_ == "nsubj"])
    suppliers = [a for w in weapons for a in suppliers_of(ctx, w, owners=True)]
    suppliers += [a for t in prep_objects(v, ["from"]) for a in args(ctx, t)] if weapons else []
    recipients = [a for t in prep_objects(v, ["to"]) for a in args(ctx, t)]
    emit(ctx, suppliers, "supplies_weapons_to", recipients, v, "verb")


def used_supplies(ctx: Context, v: Token) -> None:
    """'X-supplied rockets used by Y', 'Y used drones supplied by X': the supplier supplies the user."""
    weapons = weapons_among(ctx, theme_tokens(ctx, v))
    suppliers = [a for w in weapons for a in suppliers_of(ctx, w, owners=False)]
    users = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    emit(ctx, suppliers, "supplies_weapons_to", users, v, "verb")
    if weapons:  # "rockets were used by X against Y"
        targets = prep_objects(v, ["against"]) + [p for t in agents_of(v) for p in prep_objects(t, ["against"])]
        emit(ctx, users, "attacked", [a for t in targets for a in args(ctx, t)], v, "verb")


def received_delegations(ctx: Context, v: Token) -> bool:
    """'X received a Y delegation headed by Z', 'X hosted Y's envoys': X negotiated with Y and Z."""
    guests: list[Arg] = []
    for d in [w for c in v.children if c.dep_ == "dobj" for w in conjuncts(c)]:
        if "delegations" not in word_themes(ctx, d):
            continue
        guests += args(ctx, d)
        guests += [a for c in d.children if c.dep_ == "acl" and c.lemma_.lower() in event_words("delegation_heads")
                   for t in agents_of(c) for a in args(ctx, t)]
    if not guests:
        return False
    hosts = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    emit(ctx, hosts, "negotiated_with", guests, v, "verb")
    return True
