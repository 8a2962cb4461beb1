"""The ``noun`` pattern: an event noun ('talks between X and Y', 'X held talks with Y', 'arms shipments from X')."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.model.schema import Frame
from graphkit.nlp.relations.context import Arg, Context, state_arg
from graphkit.nlp.relations.arguments import (agents_of, args, conjuncts, event_words, is_passive, listed_after,
                                               logical_subjects, misparsed_coordinates, prep_objects, single_arg)
from graphkit.nlp.relations.emit import emit
from graphkit.nlp.relations.implicit import implicit_parties
from graphkit.nlp.relations.roles import construction_words, modifier_state


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


def conjunct_sides(ctx: Context, n: Token) -> list[list[Arg]]:
    """The actors of each coordinated member of a 'between' phrase ('between US-Iraqi troops and the militia':
    the US and the Iraqi troops are one side); empty when the phrase has one member only."""
    members = [c for t in prep_objects(n, ["between"]) for c in conjuncts(t)]
    if len(members) == 1:
        members += dangling_partner(ctx, members[0])
    if len(members) < 2:
        return []
    sides = []
    for c in members:
        side = [a for t in misparsed_coordinates(ctx, c) for a in single_arg(ctx, t, 0)] + single_arg(ctx, c, 0)
        m = ctx.mention(c)
        side += [ctx.arg_of(ctx.mentions[ctx.tok2m[p]]) for p in (m.partners if m else ()) if ctx.tok2m[p] >= 0]
        sides.append(side)
    return sides


def dangling_partner(ctx: Context, t: Token) -> list[Token]:
    """The actor named right after 'between X and' when the parser left the 'and' without its conjunct and hung
    that actor elsewhere ('The conflict between Turkey and Hezbollah deepened', Hezbollah read as the subject)."""
    ands = [c for c in t.children if c.dep_ == "cc" and c.lower_ == "and"]
    if not ands or any(c.dep_ == "conj" for c in t.children):
        return []
    i = ands[-1].i + 1
    while i < len(t.doc) and t.doc[i].lower_ in ("the", "a", "an"):
        i += 1
    m = ctx.mention(t.doc[i]) if i < len(t.doc) else None
    if m is None or m.start != i:
        return []
    root = ctx.doc[m.start:m.end].root
    return [] if root.dep_ == "poss" else [root]  # "between Turkey and Hezbollah's allies": the allies


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


def compound_demonym(ctx: Context, x: Token):
    """'North Korean' inside 'North Korean and U.S. officials': the demonym read with its own left modifiers,
    even where the mention finder took the whole phrase as one actor."""
    left = [c for c in x.children if c.dep_ in ("amod", "compound") and c.i < x.i]
    if not left:
        return None
    return ctx.dictionary.state_for_demonym(ctx.doc[left[0].i:x.i + 1].text)


def coordinated_sides(ctx: Context, tok: Token) -> list[Arg]:
    """'Russian and Ukrainian negotiators', 'Israeli and Hamas delegations': the coordinated modifiers of a
    plural noun name two sides, even when the mention finder read the phrase as one actor."""
    own = ctx.mention(tok)
    for c in tok.children:
        if c.dep_ not in ("amod", "compound", "nmod") or c.i > tok.i or not c.conjuncts:
            continue
        sides: list[Arg] = []
        for x in [c, *c.conjuncts]:
            m = ctx.mention(x)
            if m is not None and m is not own:
                sides.append(ctx.arg_of(m))
                continue
            state = modifier_state(ctx, x) or compound_demonym(ctx, x) or ctx.dictionary.state_for_demonym(x.text)
            if state is not None:
                sides.append(state_arg(ctx, state, x))
        if len({a.actor for a in sides}) >= 2:
            return sides
    if tok.lower_ in ctx.words.thing_proxies or ctx.schema.role(tok.lemma_.lower()) is not None:
        # "the foreign ministers of India and Pakistan held talks"
        for p in prep_objects(tok, ["of"]):
            sides = args(ctx, p)
            if len(sides) >= 2:
                return sides
    return []


def side_args(ctx: Context, tok: Token) -> list[Arg]:
    """The actors a subject stands for, split into its coordinated sides where it names two."""
    return coordinated_sides(ctx, tok) or args(ctx, tok)


def purpose_verb(n: Token) -> Token | None:
    """'travelled to Cairo for talks', 'hosted X and Y for talks': the verb whose purpose the noun names."""
    h = n.head
    if n.dep_ == "pobj" and h.lower_ == "for" and h.dep_ == "prep" and h.head.pos_ == "VERB":
        return h.head
    return None


def purpose_talks(ctx: Context, n: Token, relation: str) -> bool:
    """'X travelled to Y for talks (with Z)', 'X hosted Y and Z for talks'. True when the noun is read."""
    v = purpose_verb(n)
    if v is None or relation != "negotiated_with":
        return False
    subjects = [a for t in logical_subjects(v, ctx) for a in side_args(ctx, t)]
    if v.lemma_ in construction_words("host_verbs"):
        guests = [a for c in v.children if c.dep_ == "dobj" for a in args(ctx, c)]
        if len(guests) >= 2:
            emit(ctx, guests, relation, [], n, "noun", symmetric_pairs=True)
        emit(ctx, subjects, relation, guests, v, "mediator")
        return True
    if v.lemma_ not in construction_words("travel_verbs"):
        return False
    objects = [a for t in prep_objects(n, ["with"]) for a in args(ctx, t)]
    if not objects:
        places = [c for c in v.children if c.dep_ == "dobj"] + prep_objects(v, ["to"])
        objects = [a for t in places for a in args(ctx, t)]
    emit(ctx, subjects, relation, objects, n, "noun")
    return True


def unrealised(ctx: Context, gov: Token | None) -> bool:
    """'X urged Y to hold talks': a predicate asked for, not done."""
    return gov is not None and gov.dep_ == "xcomp" and gov.head.lemma_ in construction_words("request_verbs")


def backing_with(ctx: Context, n: Token, relation: str) -> bool:
    """'With Iran's backing, the Houthis ...': the backed is the subject of the clause the phrase modifies."""
    h = n.head
    if relation not in ("supports", "funds") or n.dep_ != "pobj" or h.lower_ != "with" or h.head.pos_ not in ("VERB", "AUX"):
        return False
    backers = [a for c in n.children if c.dep_ == "poss" for a in args(ctx, c)]
    backers += [a for t in prep_objects(n, ["of", "from"]) for a in args(ctx, t)]
    backed = [a for t in logical_subjects(h.head, ctx) for a in args(ctx, t)]
    if not (backers and backed):
        return False
    emit(ctx, backers, relation, backed, n, "noun")
    return True


def demonym_state(ctx: Context, c: Token) -> list[Arg]:
    state = ctx.dictionary.state_for_demonym(c.text) if ctx.mention(c) is None else None
    return [state_arg(ctx, state, c)] if state is not None and state.type == "STATE" else []


def called_off(gov: Token | None) -> bool:
    """'the meeting was cancelled', 'they called off the talks': an event that did not take place."""
    return gov is not None and (gov.lemma_.lower() in event_words("cancel_verbs")
                                or any(c.dep_ == "prt" and c.lower_ == "off" for c in gov.children))


def during_talks(n: Token, relation: str) -> bool:
    """'during talks with X, Y said ...': the clause's subject is the one who talked."""
    return relation == "negotiated_with" and n.dep_ == "pobj" and n.head.lower_ in ("during", "at")


def attackers_named_on(ctx: Context, n: Token) -> list[Arg]:
    """The attacker named on an attack noun: 'an Israeli airstrike', 'a Hamas raid', 'strikes by X'; not a city
    that stands for its state ('a Baghdad rocket attack' names where, not who)."""
    out = [a for c in n.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < n.i
           for a in (demonym_state(ctx, c) or args(ctx, c))
           if c.dep_ != "compound" or ctx.actors[a.actor].type != "STATE"
           or ctx.mention(c) is None or ctx.doc[ctx.mention(c).start:ctx.mention(c).end].text == ctx.actors[a.actor].name]
    return out + [a for t in prep_objects(n, ["by"]) for a in args(ctx, t)]


def target_of_attack(ctx: Context, n: Token, relation: str) -> bool:
    """'X has been the target of a Y offensive', 'X, the target of Israeli strikes': Y attacked X."""
    of = n.head
    target = of.head
    if relation != "attacked" or n.dep_ != "pobj" or of.lower_ != "of" or target.lemma_.lower() not in event_words("target_nouns"):
        return False
    if target.dep_ == "attr":  # a named subject only: a pronoun here is too often resolved to the clause's object
        victims = [a for c in target.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"
                   for a in args(ctx, c)]
    elif target.dep_ == "appos":
        victims = args(ctx, target.head)
    else:
        return False
    attackers = attackers_named_on(ctx, n)
    if not (victims and attackers):
        return False
    emit(ctx, attackers, "attacked", victims, n, "noun")
    return True


def casualty_event(ctx: Context, n: Token, relation: str) -> bool:
    """'X died in an Israeli airstrike', 'soldiers were killed in clashes with the rebels': the casualties'
    side is the one struck (and, in a clash, one of the sides). True when the noun is read."""
    h = n.head
    if n.dep_ != "pobj" or h.lower_ not in ("in", "during") or relation not in ("attacked", "rival_of"):
        return False
    v = h.head
    if v.lemma_.lower() not in event_words("casualty_verbs") or (v.lemma_.lower() == "kill" and not is_passive(v)):
        return False
    victims = [a for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for a in args(ctx, c)]
    if relation == "attacked":
        attackers = attackers_named_on(ctx, n)
        if not (victims and attackers):
            return False
        emit(ctx, attackers, "attacked", victims, n, "noun")
        return True
    others = [a for t in prep_objects(n, ["with", "against"]) for a in args(ctx, t)]
    if not (victims and others):
        return False
    emit(ctx, victims, "rival_of", others, n, "noun")
    emit(ctx, others, "attacked", victims, n, "noun")
    return True


def their_event(ctx: Context, n: Token, relation: str) -> bool:
    """'X shook hands with Y before their meeting', 'X greeted Y ahead of their talks': 'their' is the clause's
    subject and its partner (a with-object or a direct object). True when the noun is read."""
    if not ctx.schema.relations[relation].symmetric or not any(c.dep_ == "poss" and c.lower_ == "their" for c in n.children):
        return False
    if n.dep_ != "pobj" or n.head.lower_ not in event_words("event_time_prepositions"):
        return False
    v = n.head
    while v.pos_ not in ("VERB", "AUX") and v.dep_ in ("pobj", "prep", "pcomp", "advmod") and v.head.i != v.i:
        v = v.head
    if v.pos_ not in ("VERB", "AUX") or v.i > n.i:
        return False
    partners = [c for c in v.children if c.dep_ == "dobj" and c.i < n.i] + \
        [t for p in ("with",) for t in prep_objects(v, [p]) if t.i < n.i]
    subjects = [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    others = [a for t in partners for a in args(ctx, t)]
    if not (subjects and others):
        return False
    emit(ctx, subjects, relation, others, n, "noun")
    return True


def noun_pattern(ctx: Context, n: Token, frame: Frame) -> None:
    relation = frame.relation
    if frame.theme:
        classes = {ctx.schema.theme_of(c.lemma_) for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
        classes |= {ctx.schema.theme_of(p.lemma_) for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children}
        if frame.theme not in classes:
            return
    gov0 = governing_predicate(ctx, n)
    # an uprising or a war that is abandoned or called off was fought: a rivalry that ended still counts
    if (unrealised(ctx, gov0) and relation != "rival_of") or (called_off(gov0) and relation != "rival_of") or purpose_talks(ctx, n, relation) or backing_with(ctx, n, relation) \
            or casualty_event(ctx, n, relation) or target_of_attack(ctx, n, relation):
        return
    if relation in ("supports", "funds") and gov0 is not None and gov0.lemma_ in ctx.words.receive_verbs:
        # "Haftar had the backing of Egypt and the UAE": the backers are in the of-phrase
        backers = [a for t in prep_objects(n, ["of", "from"]) for a in args(ctx, t)]
        backers = backers or [a for t in prep_objects(gov0, ["from"]) for a in args(ctx, t)]  # "got money from X"
        backed = [a for t in logical_subjects(gov0, ctx) for a in args(ctx, t)]
        if backers and backed:
            emit(ctx, backers, relation, backed, n, "noun")
            return
    if their_event(ctx, n, relation):
        return
    between = [a for t in prep_objects(n, ["between"]) for a in args(ctx, t)]
    if not between:
        # "a deal brokered between X and Y", "a truce signed between X and Y": the sides on the participle
        between = [a for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN" and not agents_of(c)
                   for t in prep_objects(c, ["between"]) for a in args(ctx, t)]
    if len(between) == 1:
        between = mentions_under(ctx, n, "between") or between
    if len(between) == 1:
        between += [a for t in prep_objects(n, ["between"]) for d in dangling_partner(ctx, t) for a in args(ctx, d)]
    if len(between) >= 2:
        sides = conjunct_sides(ctx, n)
        if sides:  # "fighting between US-Iraqi troops and the militia": partners of one conjunct are one side
            for k, side in enumerate(sides):
                emit(ctx, side, relation, [a for other in sides[k + 1:] for a in other], n, "noun")
        else:
            emit(ctx, between, relation, [], n, "noun", symmetric_pairs=True)
        if relation == "negotiated_with" and gov0 is not None and gov0.lemma_ in construction_words("host_verbs"):
            # "Qatar hosted talks between Rwanda and Congo": the host with each side
            hosts = [a for t in logical_subjects(gov0, ctx) for a in args(ctx, t)]
            emit(ctx, hosts, relation, between, gov0, "mediator")
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
            elif c.dep_ == "amod" and relation in ("attacked", "supports", "funds"):
                subjects += demonym_state(ctx, c)  # "an Israeli airstrike on X", "Syrian backing for X"
    subjects += [a for t in prep_objects(n, ["by", "from"]) for a in args(ctx, t)]
    gov = governing_predicate(ctx, n)
    instrument = n.dep_ == "pobj" and n.head.lower_ == "with" and relation == "attacked"
    if gov is not None and gov.lemma_ not in ctx.schema.light_verbs and gov.lemma_ not in ctx.schema.verbs \
            and not instrument and not during_talks(n, relation):  # "the army responded with airstrikes on X": the means of the subject
        gov = None  # "Egypt condemned the attack on Israel": Egypt did not attack
    if not subjects and gov is not None:
        subjects = [a for t in logical_subjects(gov, ctx) for a in side_args(ctx, t)]
    if not subjects:
        implicit_parties(ctx, n, relation)
        return
    objects = [a for t in prep_objects(n, frame.obj) for a in args(ctx, t) or listed_after(ctx, t)]
    if not objects and gov is not None:
        objects = [a for t in prep_objects(gov, [p for p in frame.obj if p != "between"]) for a in args(ctx, t)]
    if objects:
        emit(ctx, subjects, relation, objects, n, "noun")
    elif ctx.schema.relations[relation].symmetric and len(subjects) > 1 and \
            not (gov is not None and gov.lemma_ in ctx.words.mediation_participles):
        # "the deal was brokered by Qatar and Egypt": co-mediators are not parties to each other
        emit(ctx, subjects, relation, [], n, "pair", symmetric_pairs=True)
    # a ceasefire or deal "brokered by"/"mediated by" X: X negotiated with each party
    for c in n.children:
        if c.dep_ == "acl" and c.lemma_ in ctx.words.mediation_participles:
            mediators = [a for t in agents_of(c) for a in args(ctx, t)]
            emit(ctx, mediators, "negotiated_with", subjects, c, "mediator")
