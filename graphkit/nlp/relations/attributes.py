"""Membership stated by a possessive or an of-phrase between two names, with no role noun between them.

- "Pakistan's Inter-Services Intelligence", "Iran's Revolutionary Guards": a state's agency, army or ministry
  (its name carries one of ``state_agency_words``) is part of that state. "Iran's ally Hezbollah" has a role
  noun between and is read by the role pattern; "Lebanon's Hezbollah" names no agency and gives nothing.
- "the Quds Force of the Revolutionary Guards", "the Badr Organization of the Supreme Council": an
  organisation of an organisation is its member.
"""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.nlp.relations.context import Context
from graphkit.nlp.relations.arguments import single_arg
from graphkit.nlp.relations.emit import emit


def _organisation_root(ctx: Context, t: Token):
    m = ctx.mention(t)
    if m is None or ctx.actors[m.actor].type != "ORGANIZATION" or ctx.doc[m.start:m.end].root.i != t.i:
        return None
    return m


def state_agency(ctx: Context, t: Token) -> None:
    """'Pakistan's Inter-Services Intelligence': member_of(agency, state)."""
    m = _organisation_root(ctx, t)
    if m is None:
        return
    words = {w.lower_ for w in ctx.doc[m.start:m.end]} | {w.lemma_.lower() for w in ctx.doc[m.start:m.end]}
    if not words & ctx.schema.words_of("state_agency_words") or not ctx.doc[m.start].text[:1].isupper():
        return  # "South Korea's defence ministry" is a description, not a named agency
    for c in t.children:
        owner = ctx.mention(c) if c.dep_ == "poss" else None
        if owner is not None and owner.actor != m.actor and ctx.actors[owner.actor].type == "STATE":
            emit(ctx, [ctx.arg_of(m)], "member_of", [ctx.arg_of(owner)], c, "role")


def organisation_of_organisation(ctx: Context, t: Token) -> None:
    """'the Quds Force of the Revolutionary Guards': member_of(part, whole)."""
    m = _organisation_root(ctx, t)
    if m is None:
        return
    for c in t.children:
        if c.dep_ != "prep" or c.lower_ != "of" or c.i < m.end:
            continue
        for p in c.children:
            whole = _organisation_root(ctx, p) if p.dep_ == "pobj" else None
            if whole is not None and whole.actor != m.actor:
                emit(ctx, [ctx.arg_of(m)], "member_of", [ctx.arg_of(whole)], c, "role")


def person_of_body(ctx: Context, t: Token) -> None:
    """'foreign ministers X of Rwanda and Y of Congo': member_of(person, state or organisation) when no title
    before the name already makes the person its head; 'the militia of X', 'the government of President X':
    commands(X, body). Read off the words (name, 'of', name), as the parse of a run of names often errs."""
    m = ctx.mention(t)
    if m is None or t.i != m.end - 1 or m.end + 1 >= len(ctx.doc):
        return
    j = m.end
    if ctx.doc[j].text == "(":  # "the Rapid Support Forces (RSF) of X"
        close = next((k for k in range(j + 1, min(j + 5, len(ctx.doc))) if ctx.doc[k].text == ")"), None)
        j = close + 1 if close is not None and close + 2 < len(ctx.doc) else j
    of = ctx.doc[j]
    if of.lower_ != "of" or not (m.start <= of.head.i < j):
        return
    k = j + 1
    k += 1 if ctx.doc[k].lower_ == "the" and k + 1 < len(ctx.doc) else 0
    other = ctx.mention(ctx.doc[k])
    if other is None or other.start != k or other.actor == m.actor:
        return
    kind, other_kind = ctx.actors[m.actor].type, ctx.actors[other.actor].type
    if kind == "PERSON" and other_kind in ("STATE", "ORGANIZATION") and _titled_before(ctx, m.end - 1):
        if not any(a.subject.actor == m.actor and a.object.actor == other.actor for a in ctx.out):
            emit(ctx, [ctx.arg_of(m)], "member_of", [ctx.arg_of(other)], of, "role")
    elif kind in ("ORGANIZATION", "GROUP") and other_kind == "PERSON" and not other.bare:
        emit(ctx, [ctx.arg_of(other)], "commands", [ctx.arg_of(m)], of, "role")


def possessed_body(ctx: Context, t: Token) -> None:
    """'the army and its Danab commandos', 'the leader of its new West Africa province': a named
    organisation that a pronoun says belongs to another actor is its member ('its ally X' has a role noun
    between them and is read by the role pattern)."""
    m = _organisation_root(ctx, t)
    if m is None:
        return
    holder = t.head if t.dep_ == "compound" and t.head.lower_ in ctx.words.force_proxies else t  # "its X commandos"
    words = {w.lower_ for w in ctx.doc[m.start:m.end]} | {w.lemma_.lower() for w in ctx.doc[m.start:m.end]}
    if holder is t and not words & (ctx.schema.words_of("armed_body_words") | ctx.words.org_parts):
        return  # "its College Savings Plan" is a product; only an armed or political body is read
    for c in holder.children:
        if c.dep_ != "poss" or c.lower_ not in ("its", "their") or c.i >= m.start:
            continue
        if any(w.dep_ in ("amod", "compound") and ctx.schema.role(w.lower_) for w in ctx.doc[c.i + 1:m.start]):
            return
        owners = [a for a in single_arg(ctx, c, 0) if a.actor != m.actor
                  and ctx.actors[a.actor].type in ("ORGANIZATION", "STATE", "GROUP")]
        emit(ctx, [ctx.arg_of(m)], "member_of", owners, c, "role")


def _titled_before(ctx: Context, start: int) -> bool:
    """A role word shortly before the name, with no verb between ('foreign ministers X of Rwanda and
    Y of Congo'): 'X of Switzerland' alone is how sports pages name an athlete's country."""
    sent = ctx.doc[start].sent
    for k in range(start - 1, max(sent.start, start - 8) - 1, -1):
        tok = ctx.doc[k]
        if tok.pos_ in ("VERB", "AUX"):
            return False
        low = tok.lower_
        if ctx.schema.role(low) or ctx.schema.role(tok.lemma_.lower()) or low.endswith("s") and ctx.schema.role(low[:-1]):
            return True
    return False


def among_them(ctx: Context, among: Token) -> None:
    """'a delegation of Somali lawmakers, among them X', 'lawmakers, among whom X': each person named is a
    member of the collective the pronoun stands for (the noun the list hangs on, or its of-phrase)."""
    if not any(p.dep_ == "pobj" and p.lower_ in ("them", "whom", "those") for p in among.children):
        return
    named = among.head
    people = [a for a in single_arg(ctx, named, 0) if ctx.actors[a.actor].type == "PERSON"] \
        if ctx.mention(named) is not None and named.i > among.i else []
    if not people:
        return
    k = among.i - 1
    while k > among.sent.start and ctx.doc[k].is_punct:
        k -= 1
    before = ctx.doc[k]  # "lawmakers, among them X" however the parser hung the name
    group = named.head if named.dep_ == "appos" else before
    candidates = [group, before, *[p for c in group.children if c.dep_ == "prep" and c.lower_ == "of"
                                   for p in c.children if p.dep_ == "pobj"]]
    for g in candidates:
        m = ctx.mention(g)
        if m is not None and m.type != "PERSON" and g.tag_ in ("NNS", "NNPS"):
            emit(ctx, people, "member_of", [ctx.arg_of(m)], among, "role")
            return
