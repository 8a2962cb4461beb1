"""The ``noun`` pattern: an event noun ('talks between X and Y', 'X held talks with Y', 'arms shipments from X')."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.model.schema import Frame
from graphkit.nlp.relations.context import Arg, Context
from graphkit.nlp.relations.arguments import agents_of, args, logical_subjects, prep_objects
from graphkit.nlp.relations.emit import emit


def mentions_under(ctx: Context, head: Token, prep: str) -> list[Arg]:
    """Every actor named inside a prepositional phrase, for parses that scatter 'between X and Y's Z'."""
    out: list[Arg] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            skip = {t.i for k in c.subtree if k.dep_ in ("acl", "relcl", "appos") for t in k.subtree}
            seen = set()
            for t in c.subtree:
                m = ctx.mention(t)
                if m is not None and t.i not in skip and m.actor not in seen and \
                        ctx.doc[m.start:m.end].root.dep_ != "poss":
                    seen.add(m.actor)
                    out.append(ctx.arg_of(m))
    return out if len(out) >= 2 else []


def governing_predicate(ctx: Context, n: Token) -> Token | None:
    """The verb a noun hangs from: 'held talks', 'agreed to a ceasefire', 'is at war'."""
    h = n.head
    if n.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and h.pos_ in ("VERB", "AUX"):
        return h
    if n.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX"):
        return h.head
    if n.dep_ == "conj":
        return governing_predicate(ctx, n.head)
    if n.dep_ == "pobj" and h.lower_ == "of" and h.head.lemma_ in ctx.words.count_nouns:
        # "held several rounds of talks with X"
        return governing_predicate(ctx, h.head)
    return None


def noun_pattern(ctx: Context, n: Token, frame: Frame) -> None:
    relation = frame.relation
    if frame.theme:
        classes = {ctx.schema.theme_of(c.lemma_) for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
        classes |= {ctx.schema.theme_of(p.lemma_) for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children}
        if frame.theme not in classes:
            return
    gov0 = governing_predicate(ctx, n)
    if relation in ("supports", "funds") and gov0 is not None and gov0.lemma_ in ctx.words.receive_verbs:
        # "Haftar had the backing of Egypt and the UAE": the backers are in the of-phrase
        backers = [a for t in prep_objects(n, ["of", "from"]) for a in args(ctx, t)]
        backed = [a for t in logical_subjects(gov0, ctx) for a in args(ctx, t)]
        if backers and backed:
            emit(ctx, backers, relation, backed, n, "noun")
            return
    between = [a for t in prep_objects(n, ["between"]) for a in args(ctx, t)]
    if len(between) == 1:
        between = mentions_under(ctx, n, "between") or between
    if len(between) >= 2:
        emit(ctx, between, relation, [], n, "noun", symmetric_pairs=True)
        return
    subjects: list[Arg] = []
    for c in n.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < n.i:
            m = ctx.mention(c)
            if m is not None and not (m.type == "STATE" and c.dep_ == "amod" and frame.relation == "rival_of"):
                known = m.type in ("STATE", "PERSON") or ctx.actors[m.actor].entry is not None or m.end - m.start > 1
                if c.dep_ == "poss" or known:  # "the Haigeng ceasefire" is named, not made, by Haigeng
                    subjects.append(ctx.arg_of(m))
            elif c.dep_ == "poss":
                subjects += args(ctx, c)
    subjects += [a for t in prep_objects(n, ["by", "from"]) for a in args(ctx, t)]
    gov = governing_predicate(ctx, n)
    instrument = n.dep_ == "pobj" and n.head.lower_ == "with" and relation == "attacked"
    if gov is not None and gov.lemma_ not in ctx.schema.light_verbs and gov.lemma_ not in ctx.schema.verbs \
            and not instrument:  # "the army responded with airstrikes on X": the means of the subject
        gov = None  # "Egypt condemned the attack on Israel": Egypt did not attack
    if not subjects and gov is not None:
        subjects = [a for t in logical_subjects(gov, ctx) for a in args(ctx, t)]
    if not subjects:
        return
    objects = [a for t in prep_objects(n, frame.obj) for a in args(ctx, t)]
    if not objects and gov is not None:
        objects = [a for t in prep_objects(gov, [p for p in frame.obj if p != "between"]) for a in args(ctx, t)]
    if objects:
        emit(ctx, subjects, relation, objects, n, "noun")
    elif ctx.schema.relations[relation].symmetric and len(subjects) > 1:
        emit(ctx, subjects, relation, [], n, "pair", symmetric_pairs=True)
    # a ceasefire or deal "brokered by"/"mediated by" X: X negotiated with each party
    for c in n.children:
        if c.dep_ == "acl" and c.lemma_ in ctx.words.mediation_participles:
            mediators = [a for t in agents_of(c) for a in args(ctx, t)]
            emit(ctx, mediators, "negotiated_with", subjects, c, "mediator")
