"""The ``verb`` and ``pair`` patterns: a trigger verb with its subject and objects, in either voice.

Which tokens are the logical subject and objects (through passives, coordination, relative and participial
clauses, control verbs) is :mod:`arguments`' job; this module maps them onto the frame's relation:

- a themed frame ("supply", "ship", "launch") fires only when what is given or fired is of the theme's class
  ("supplied rockets", "launched drones at"); a weapons theme names the relation by the class given
  (weapons -> supplies_weapons_to, money -> funds);
- a ``from`` slot names the source, so the roles turn round: "Y received weapons from X", "Y bought drones
  from X" state that X supplies Y.
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.model.schema import Frame
from graphkit.nlp.relations.context import Arg, Context
from graphkit.nlp.relations.arguments import args, is_passive, logical_subjects, objects_of, prep_objects
from graphkit.nlp.relations.emit import emit
from graphkit.nlp.relations.implicit import implicit_recipients, implicit_sides

SOURCE_SLOT = "from"


def word_themes(ctx: Context, w: Token) -> set[str]:
    """Every theme class a word belongs to ('rocket' is a weapon and a projectile), plurals and capitals too."""
    forms = {w.lemma_.lower(), w.lower_}
    forms |= {f[:-1] for f in forms if f.endswith("s") and len(f) > 3}  # 'Rockets' opening a sentence
    return {theme for theme, words in ctx.schema.themes.items() if forms & words}


def theme_tokens(ctx: Context, v: Token) -> list[Token]:
    """What the verb gives, fires or ships: its object, the passive subject, a 'with' phrase, the head noun."""
    themes = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
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


def theme_classes(ctx: Context, v: Token) -> set[str]:
    """Noun classes of what is given: weapons, money, an agreement, projectiles."""
    classes: set[str] = set()
    for t in theme_tokens(ctx, v):
        for w in [t, *[c for c in t.subtree if c.dep_ in ("compound", "amod", "nummod", "quantmod", "pobj", "nmod")]]:
            classes |= word_themes(ctx, w)
            if w.ent_type_ == "MONEY" or w.text == "$":
                classes.add("money")
    return classes


def frame_relations(ctx: Context, v: Token, frame: Frame) -> list[str]:
    """The relations the trigger states, given what its theme is; empty when the theme is missing."""
    if not frame.theme:
        return [frame.relation]
    classes = theme_classes(ctx, v)
    if frame.theme == "weapons":
        return [ctx.schema.theme_relations[c] for c in sorted(classes) if c in ctx.schema.theme_relations]
    return [frame.relation] if frame.theme in classes else []


def verb_pattern(ctx: Context, v: Token, frame: Frame) -> None:
    relations = frame_relations(ctx, v, frame)
    if not relations:
        if frame.theme == "weapons":
            dispatched_forces(ctx, v)
        return
    if frame.needs_xcomp and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "to") for c in v.children):
        return
    subjects = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    if not subjects:
        return
    if frame.mediator:
        sides = [a for t in prep_objects(v, ["between"]) for a in args(ctx, t)]
        sides += [a for c in v.children if c.dep_ == "dobj" for a in args(ctx, c)]
        emit(ctx, subjects, frame.relation, sides, v, "mediator")
        emit(ctx, sides, frame.relation, [], v, "mediator", symmetric_pairs=True)
        if not sides:
            implicit_sides(ctx, v, subjects)
        return
    goal_slots = tuple(s for s in frame.obj if s != SOURCE_SLOT)
    objects = typed(ctx, frame, [a for t in objects_of(v, goal_slots) for a in args(ctx, t)])
    sources = [a for t in prep_objects(v, [SOURCE_SLOT]) for a in args(ctx, t)] if SOURCE_SLOT in frame.obj else []
    for rel in relations:
        if not sources:
            implicit_recipients(ctx, v, rel, subjects, objects)
        if sources:
            emit(ctx, sources, rel, subjects, v, "verb")  # "Y received weapons from X"
        if objects:
            emit(ctx, subjects, rel, objects, v, "verb")
        elif not sources and ctx.schema.relations[rel].symmetric and len(subjects) > 1:
            emit(ctx, subjects, rel, [], v, "pair", symmetric_pairs=True)


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
              and "weapons" not in word_themes(ctx, c)]
    if not forces or is_passive(v):
        return
    subjects = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    owners = [a for t in forces for a in args(ctx, t)]
    emit(ctx, subjects, "commands", owners, v, "verb")
