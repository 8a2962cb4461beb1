"""The state a state-level title leaves unwritten: 'interim President X', 'the Prime Minister, X',
'the government of President X', 'Prime Minister X's government'.

A head of state or government commands a state; when the title phrase names none (no demonym, no
possessor), the state is, in turn: one written on the person ('President X of Chad', 'Chad's X'), the
government the title sits in ('the government of President X' when that government is an actor), the
state the same person is titled with elsewhere in the article, the story's dateline state when the
paragraph names no other state, and the single state the paragraph names. The counterpart of talks ("held
talks with President X") takes none of the story's states: only the capital he receives in ("in Tehran"). States inside the person's own
phrase that are no demonym of the title ('U.S.-backed President X') are foreign backers, never his state.
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.dateline import dateline_state
from graphkit.nlp.doctext import doc_text
from graphkit.nlp.relations.context import Arg, Context, state_arg


def implicit_state(ctx: Context, r: Token, holders: list[Arg]) -> list[Arg]:
    """What the state title ``r`` of ``holders`` commands when its phrase names no state."""
    people = [h for h in holders if ctx.actors[h.actor].type == "PERSON"]
    if not people:
        return []
    person = ctx.doc[people[0].start:people[0].end].root
    own = _written_on_person(ctx, person)
    if own:
        return own
    government = _government_of(ctx, person)
    if government:
        return government
    titled = _titled_elsewhere(ctx, people[0].actor)
    if titled is not None:
        return [Arg(titled, r.i, r.i + 1, True)]
    if _counterpart(ctx, person):
        return _hosting_state(ctx, person)
    return _story_state(ctx, r, person)


def _counterpart(ctx: Context, person: Token) -> bool:
    """'held talks with President X', 'met President X': the other side of the story's talks, so the story's
    state is his counterpart's, not his."""
    if person.dep_ == "pobj" and person.head.lower_ == "with":
        gov = person.head.head
    elif person.dep_ in ("dobj", "conj"):
        gov = person.head if person.dep_ == "dobj" else None
    else:
        return False
    if gov is None:
        return False
    frame = ctx.schema.nouns.get(gov.lemma_.lower()) if gov.pos_ == "NOUN" else ctx.schema.verbs.get(gov.lemma_.lower())
    return frame is not None and frame.relation == "negotiated_with"


def _hosting_state(ctx: Context, person: Token) -> list[Arg]:
    """'talks with President X in Tehran': the capital he receives his guest in names his state."""
    for c in person.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                m = ctx.mention(p)
                if p.dep_ == "pobj" and m is not None and ctx.actors[m.actor].type == "STATE" and \
                        ctx.actors[m.actor].entry is not None:
                    return [ctx.arg_of(m, indirect=True)]
    return []


def _written_on_person(ctx: Context, person: Token) -> list[Arg]:
    """'President X of Chad', "Chad's President X" parsed onto the name."""
    for c in person.children:
        if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of"):
            toks = [c] if c.dep_ == "poss" else [p for p in c.children if p.dep_ == "pobj"]
            for t in toks:
                m = ctx.mention(t)
                if m is not None and ctx.actors[m.actor].type == "STATE":
                    return [ctx.arg_of(m)]
    return []


def _government_of(ctx: Context, person: Token) -> list[Arg]:
    """'the government of President X', "President X's government": that government, when it is an actor."""
    gov = None
    if person.dep_ == "poss":
        gov = person.head
    elif person.dep_ == "pobj" and person.head.lower_ == "of" and person.head.dep_ == "prep":
        gov = person.head.head
    if gov is None or ctx.schema.state_organs.get(gov.lower_) != "government":
        return []
    m = ctx.mention(gov)
    # a bare 'government' took its owner by a guess (organs.py); only a named government is taken as is
    return [ctx.arg_of(m)] if m is not None and not m.bare and ctx.actors[m.actor].type == "ORGANIZATION" else []


def _titled_elsewhere(ctx: Context, person: int) -> int | None:
    """The state this person commands by a title that names it elsewhere in the article."""
    states = {a.object.actor for a in ctx.out if a.subject.actor == person and a.relation == "commands"
              and a.pattern == "role" and ctx.actors[a.object.actor].type == "STATE"}
    return next(iter(states)) if len(states) == 1 else None


def _paragraph(ctx: Context, tok: Token) -> tuple[int, int]:
    text = doc_text(ctx.doc)
    lo = text.rfind("\n\n", 0, tok.idx)
    hi = text.find("\n\n", tok.idx)
    return (0 if lo < 0 else lo, len(text) if hi < 0 else hi)


def _story_state(ctx: Context, r: Token, person: Token) -> list[Arg]:
    """The dateline state, or the one state the paragraph names as a topic (a subject, a possessor, a
    modifier: 'Israel's opposition', 'Afghans voted') before the title, when no other state competes. A
    state named only after the title ('President X urged Chad's neighbours') may be the one he deals with."""
    lo, hi = _paragraph(ctx, r)
    phrase = range(person.left_edge.i, person.right_edge.i + 1)
    named: dict[int, None] = {}
    for m in ctx.mentions:
        if m.type != "STATE" or m.start in phrase or m.bare or m.organ or m.start > r.i:
            continue
        if ctx.doc[m.start:m.end].root.dep_ not in ctx.schema.words_of("topic_dependencies"):
            continue  # 'the claim by India', 'talks with Iran': a state the story deals with, not its topic
        tok = ctx.doc[m.start]
        actor = ctx.actors[m.actor]
        if lo <= tok.idx < hi and (actor.entry is not None or ctx.dictionary.lookup(actor.name)):
            named[m.actor] = None
    dateline = dateline_state(ctx.doc, ctx.dictionary)
    if dateline is not None:
        if all(ctx.actors[a].name == dateline.name for a in named):
            return [state_arg(ctx, dateline, r)]
        return []
    if len(named) == 1:
        return [Arg(next(iter(named)), r.i, r.i + 1, True)]
    return []
