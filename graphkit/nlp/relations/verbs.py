"""The ``verb`` and ``pair`` patterns: a trigger verb with its subject and objects, in either voice."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.model.schema import Frame
from graphkit.nlp.relations.context import Context
from graphkit.nlp.relations.arguments import args, is_passive, logical_subjects, objects_of, prep_objects
from graphkit.nlp.relations.emit import emit


def theme_classes(ctx: Context, v: Token) -> set[str]:
    """Noun classes of what is given: weapons, money, an agreement."""
    classes: set[str] = set()
    themes = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    themes += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
    if v.dep_ == "acl" and is_passive(v):
        themes.append(v.head)
    if v.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in ctx.words.relative_pronouns for c in v.children):
        themes.append(v.head)  # "an agreement that Cairo signed with Mogadishu"
    for t in list(themes):
        themes.extend(t.conjuncts)
    for t in themes:
        for w in [t, *[c for c in t.subtree if c.dep_ in ("compound", "amod", "nummod", "quantmod", "pobj", "nmod")]]:
            theme = ctx.schema.theme_of(w.lemma_) or ctx.schema.theme_of(w.lower_)
            if theme:
                classes.add(theme)
            if w.ent_type_ == "MONEY" or w.text == "$":
                classes.add("money")
    return classes


def verb_pattern(ctx: Context, v: Token, frame: Frame) -> None:
    relation = frame.relation
    relations = [relation]
    if frame.theme:
        classes = theme_classes(ctx, v)
        if frame.theme == "weapons":
            relations = [ctx.schema.theme_relations[c] for c in sorted(classes) if c in ctx.schema.theme_relations]
        elif frame.theme not in classes:
            relations = []
        if not relations:
            return
    if frame.needs_xcomp and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "to") for c in v.children):
        return
    subj_toks = logical_subjects(v, ctx)
    subjects = [a for t in subj_toks for a in args(ctx, t)]
    if not subjects:
        return
    if frame.mediator:
        sides = [a for t in prep_objects(v, ["between"]) for a in args(ctx, t)]
        sides += [a for c in v.children if c.dep_ == "dobj" for a in args(ctx, c)]
        emit(ctx, subjects, relation, sides, v, "mediator")
        emit(ctx, sides, relation, [], v, "mediator", symmetric_pairs=True)
        return
    obj_toks = objects_of(v, frame)
    objects = [a for t in obj_toks for a in args(ctx, t)]
    if frame.object_types:
        objects = [o for o in objects if ctx.actors[o.actor].type in frame.object_types]
    for rel in relations:
        if objects:
            emit(ctx, subjects, rel, objects, v, "verb")
        elif ctx.schema.relations[rel].symmetric and len(subjects) > 1:
            emit(ctx, subjects, rel, [], v, "pair", symmetric_pairs=True)
