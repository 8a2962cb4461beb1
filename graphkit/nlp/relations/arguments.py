"""The actors a token stands for: mentions, pronouns, proxy nouns, conjuncts, antecedents; and the
subjects and objects of a predicate."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from spacy.tokens import Token

from graphkit.model.lexicon import data_file
from graphkit.nlp.relations.attribution import not_the_speaker
from graphkit.nlp.relations.context import Arg, Context, state_arg
from graphkit.nlp.relations.coref import resolve_description, resolve_pronoun


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the conjuncts after it; a bare possessive standing for an elided noun ('the Kenyan
    delegation was led by X, and Somalia's by Y') is another thing, not a conjunct of ``tok``."""
    if gapped_possessive(tok):
        return [tok]
    possessor = any(c.dep_ == "case" for c in tok.children)  # "Iran's and Syria's support": both possess it
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i and (possessor or not gapped_possessive(c))]]


def gapped_possessive(tok: Token) -> bool:
    """A conjunct that is only a possessor, its noun left out: "..., and Somalia's by its minister"."""
    return tok.dep_ == "conj" and any(c.dep_ == "case" and c.lower_ in ("'s", "’s", "'") for c in tok.children)


def relative_head(tok: Token) -> Token | None:
    """For a relative pronoun, the noun its clause modifies."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in ("relcl", "acl"):
            return t.head
        t = t.head
    return None


def first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def plural_clause(pron: Token) -> bool:
    """A relative clause whose verb agrees with a plural ('which have', 'who were'): it modifies the whole
    coordination it hangs on, not its last conjunct."""
    v = pron.head
    forms = [v, *[c for c in v.children if c.dep_ in ("aux", "auxpass")]]
    finite = next((f for f in forms if f.tag_ in ("VBP", "VBZ", "VBD")), None)
    if finite is None or finite.tag_ != "VBP" and finite.lower_ != "were":
        return False
    head = relative_head(pron)
    return head is not None and bool(head.conjuncts)


def misparsed_coordinates(ctx: Context, tok: Token) -> list[Token]:
    """'X and North Korean leader Y signed' parsed with 'X and ... leader' as a modifier of Y: a named modifier
    carrying its own 'and' + conjunct is a coordinated subject, not a modifier."""
    return [c for c in tok.children if c.dep_ in ("nmod", "compound") and c.i < tok.i and ctx.mention(c) is not None
            and ctx.mention(c) is not ctx.mention(tok) and any(k.dep_ == "cc" and k.lower_ == "and" for k in c.children)
            and any(k.dep_ == "conj" for k in c.children)]


def exemplars(tok: Token) -> list[Token]:
    """'cartels such as X', 'militias including X and Y', 'groups like X': the named members a plural
    common noun is exemplified by."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ == "including" or (c.lower_ == "as" and any(
                k.lower_ == "such" for k in c.children)) or (c.lower_ == "like" and c.i == tok.i + 1)):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def args(ctx: Context, tok: Token, depth: int = 0) -> list[Arg]:
    """The actors a token stands for, with its coordinated siblings."""
    out: list[Arg] = []
    for t in misparsed_coordinates(ctx, tok):
        out.extend(single_arg(ctx, t, depth))
    for t in conjuncts(tok):
        out.extend(single_arg(ctx, t, depth))
        m = ctx.mention(t)
        if depth < 3:
            out.extend(mission_heads(ctx, t, depth))  # "a U.S. team headed by X": the state and X
        # "US and Iraqi troops": the states coordinated before one head noun act together
        out.extend(ctx.arg_of(ctx.mentions[ctx.tok2m[p]]) for p in (m.partners if m else ()) if ctx.tok2m[p] >= 0)
    if tok.tag_ == "NNS":
        # named members only: "including the security chief of X" exemplifies by X's man, not by X
        out.extend(ctx.arg_of(ctx.mention(t)) for e in exemplars(tok) for t in conjuncts(e) if ctx.mention(t) is not None)
    seen, uniq = set(), []
    for a in out:
        if a.actor not in seen:
            seen.add(a.actor)
            uniq.append(a)
    return uniq


def single_arg(ctx: Context, tok: Token, depth: int) -> list[Arg]:
    if depth > 4:
        return []
    m = ctx.mention(tok)
    if m is not None:
        return [ctx.arg_of(m)]
    low = tok.lower_
    if tok.pos_ == "PRON" or tok.tag_ == "WP$":  # "whose" is tagged a determiner
        if low in ctx.words.relative_pronouns:
            head = relative_head(tok)
            if head is not None and plural_clause(tok):
                return args(ctx, first_conjunct(head), depth + 1)  # "X and Y, which have sent ...": both
            return single_arg(ctx, head, depth + 1) if head is not None else []
        if low in ctx.schema.person_pronouns or low in ctx.schema.group_pronouns:
            return not_the_speaker(ctx, tok, resolve_pronoun(ctx, tok))
        return []
    if (low in ctx.words.quantity_words or tok.pos_ == "NUM") and tok.pos_ in ("NOUN", "NUM", "PRON", "ADJ", "DET"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return [a for p in c.children if p.dep_ == "pobj" for a in single_arg(ctx, p, depth + 1)]
    if tok.pos_ not in ("NOUN", "PROPN"):
        return []
    described = resolve_description(ctx, tok)  # "the group", "the country", "the two sides"
    if described is not None:
        return not_the_speaker(ctx, tok, described)
    if low in ctx.words.voices:
        # "Haftar's spokesman ... declared": the spokesman speaks for his principal
        holder = holder_of(ctx, tok, depth)
        if holder is not None:
            return [holder]
    appos = [c for c in tok.children if c.dep_ == "appos"]
    for c in appos:
        got = args(ctx, c, depth + 1)
        if got:
            return got
    if tok.dep_ == "appos" and ctx.mention(tok.head) is not None:
        return [ctx.arg_of(ctx.mention(tok.head))]
    if low in ctx.words.org_parts:
        poss = [c for c in tok.children if c.dep_ == "poss" and ctx.mention(c) is not None]
        if poss:
            # "the Islamic State's Somali branch" names a group of its own
            start = ctx.mention(poss[0]).start
            return [ctx.new_group(ctx.doc[start:tok.i + 1].text, start, tok.i + 1)]
    # "rival armed groups, chiefly the EMC and the Clan del Golfo"
    if low not in ctx.words.thing_proxies and low not in ctx.words.force_proxies and ctx.schema.role(low) is not None and depth < 3:
        # "brokered by China's special envoy": the envoy's state acts
        holder = holder_of(ctx, tok, depth)
        return [Arg(holder.actor, holder.start, holder.end, True)] if holder is not None else sent_by(ctx, tok, depth)
    if low in ctx.words.thing_proxies or low in ctx.words.force_proxies:
        holder = holder_of(ctx, tok, depth) or collective_of(ctx, tok)
        if holder is None:
            return sent_by(ctx, tok, depth)
        hm = ctx.mentions[ctx.tok2m[holder.start]] if ctx.tok2m[holder.start] >= 0 else None
        if low in ctx.words.force_proxies and hm is not None and hm.type == "PERSON":
            # named the way writers do: "Sadr's men", "Haftar's forces"
            name = f"{ctx.short_name(ctx.actors[holder.actor].name)}'s {low}"
            return [ctx.new_group(name, holder.start, tok.i + 1)]
        return [Arg(holder.actor, holder.start, holder.end, True)]
    return sent_by(ctx, tok, depth) or held_by(ctx, tok)


def held_by(ctx: Context, tok: Token) -> list[Arg]:
    """'Houthi-held areas', 'M23-controlled villages' as an object: the places stand for the actor holding
    them (struck, shelled, supplied), named on the control participle (lexicon ``control_participles``)."""
    if tok.dep_ not in ("dobj", "pobj", "nsubjpass", "conj"):
        return []
    for c in tok.children:
        if c.dep_ == "amod" and c.i < tok.i and c.lower_ in event_words("control_participles"):
            for k in c.children:
                m = ctx.mention(k)
                if k.dep_ in ("npadvmod", "compound", "nmod", "amod") and k.i < c.i and m is not None \
                        and m.type in ("ORGANIZATION", "GROUP"):
                    return [ctx.arg_of(m, indirect=True)]
    return []


def sent_by(ctx: Context, tok: Token, depth: int) -> list[Arg]:
    """'delegations from the two sides', 'negotiators of both governments': people sent to talk stand for
    the actors that sent them (each of them, when the phrase names several)."""
    forms = {tok.lower_, tok.lemma_.lower()}
    heads = mission_heads(ctx, tok, depth)
    if heads:
        return heads
    if not (forms & ctx.schema.themes.get("delegations", frozenset()) or forms & event_words("state_voices")):
        return []
    return [a for p in prep_objects(tok, ["from", "of"]) for a in args(ctx, p, depth + 1)]


def mission_heads(ctx: Context, tok: Token, depth: int) -> list[Arg]:
    """'a team headed by X and Y held talks': those heading a mission noun (lexicon ``mission_nouns``)."""
    if not {tok.lower_, tok.lemma_.lower()} & event_words("mission_nouns"):
        return []
    return [a for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in event_words("delegation_heads")
            for t in agents_of(c) for a in args(ctx, t, depth + 1)]


def collective_of(ctx: Context, tok: Token) -> Arg | None:
    """'X, a coalition of militias fighting Y': the militias are the named collective they make up."""
    of = tok.head
    body = of.head
    if tok.dep_ != "pobj" or of.lower_ != "of" or body.lower_ not in ctx.words.collective_bodies | ctx.words.anaphoric_nouns:
        return None
    if body.dep_ == "appos" and ctx.mention(body.head) is not None:
        return ctx.arg_of(ctx.mention(body.head))
    return None


def holder_of(ctx: Context, tok: Token, depth: int) -> Arg | None:
    """The actor owning a proxy noun: 'X's forces', 'X positions', 'members of X', 'his militia'."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < tok.i:
            m = ctx.mention(c)
            if m is not None:
                return ctx.arg_of(m)
            if c.dep_ == "poss" and (c.pos_ == "PRON" or c.tag_ == "WP$"):  # "his militia", "whose troops"
                got = single_arg(ctx, c, depth + 1)
                if got:
                    return got[0]
    for c in tok.children:
        # "an Israeli airstrike", "Turkish drones": a demonym adjective names the state that owns them
        # ... and so do "Sudanese envoys", "Chinese officials" (people speaking for a state, not a team it sends)
        # ... and "Ukrainian positions", "Russian territory", "a Turkish convoy" (what a state holds, struck)
        if c.dep_ == "amod" and c.i < tok.i and (tok.lower_ in ctx.words.force_proxies or tok.lower_ in
                                                 event_words("state_voices") | event_words("state_holdings")) \
                and ctx.mention(c) is None:
            state = ctx.dictionary.state_for_demonym(c.text)
            if state is not None and state.type == "STATE":
                return state_arg(ctx, state, c)
    for c in tok.children:
        if c.dep_ == "amod" and tok.lower_ in ctx.words.force_proxies and \
                ctx.schema.loyal_relation.get(c.lemma_.lower()) == "commands":
            # "fighters loyal to X": X's fighters
            for p in prep_objects(c, ["to"]):
                got = single_arg(ctx, p, depth + 1)
                if got:
                    return got[0]
    for c in tok.children:
        # "soldiers serving with the SADC mission": the force they serve in
        if c.dep_ == "acl" and c.lemma_ == "serve" and tok.lower_ in ctx.words.force_proxies:
            for p in prep_objects(c, ["with", "in"]):
                got = single_arg(ctx, p, depth + 1)
                if got:
                    return got[0]
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "from" and tok.lower_ in ctx.words.force_proxies)):
            for p in c.children:
                if p.dep_ == "pobj":
                    got = single_arg(ctx, p, depth + 1)
                    if got:
                        return got[0]
    return None


def is_passive(v: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    if participle_conjunct(v):
        return True  # "rebels supplied and trained by X": 'trained' is as passive as 'supplied'
    # a participle modifying a noun: "the MNDAA, led by Peng", "a ceasefire brokered by China"
    if v.dep_ != "acl" or any(c.dep_ == "dobj" for c in v.children):
        return False
    return v.tag_ == "VBN" or any(c.dep_ == "agent" for c in v.children)


def participle_conjunct(v: Token) -> bool:
    """'supplied and trained': a past participle coordinated with a participle modifying a noun, with no
    subject or object of its own."""
    return v.dep_ == "conj" and v.tag_ == "VBN" and v.head.tag_ == "VBN" and v.head.dep_ == "acl" and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in v.children)


def own_agents(v: Token) -> list[Token]:
    out = []
    gaps = [t.i for t in v.subtree if gapped_possessive(t)]
    for c in v.children:
        if gaps and c.i > min(gaps):
            continue  # "led by X, and Somalia's by Y": Y led the elided delegation, not this one
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def agents_of(v: Token) -> list[Token]:
    """The by-phrase of a passive, shared by coordinated participles: 'supplied and trained by X' (X did
    both). A by-phrase on the first ('backed by X and accused of Y') is that participle's alone."""
    out = own_agents(v)
    if out or v.tag_ != "VBN":
        return out
    for c in v.children:
        if participle_conjunct(c):
            out.extend(own_agents(c))
    return out


def perfect_misread(v: Token) -> Token | None:
    """'It has overrun army bases' parsed as 'has' + an adjective 'overrun' on 'bases': the auxiliary read as
    the main verb. Returns that 'have' when ``v`` is such a past participle."""
    h = v.head
    if v.dep_ != "amod" or v.tag_ != "VBN" or h.dep_ != "dobj" or h.head.lemma_ != "have" or h.head.i > v.i:
        return None
    between = v.doc[h.head.i + 1:v.i]
    return h.head if all(t.pos_ in ("ADV", "PART") for t in between) else None


def logical_subjects(v: Token, ctx: Context, depth: int = 0) -> list[Token]:
    """Tokens acting as the subject of predicate ``v`` (the agent when passive), inherited if unstated."""
    if depth > 6:
        return []
    have = perfect_misread(v)
    if have is not None:
        return [c for c in have.children if c.dep_ == "nsubj"]
    if is_passive(v):
        if not agents_of(v) and v.lemma_.lower() in event_words("stative_participles"):
            # "X is locked in a confrontation with Y", "X was engaged in talks with Y": X is in it
            held = [c for c in v.children if c.dep_ in ("nsubjpass", "nsubj")]
            return held or [k for a in v.children if a.dep_ == "auxpass" for k in a.children if k.dep_ == "nsubj"]
        return agents_of(v)
    subj = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
    if subj:
        return subj
    h = v.head
    if h.i == v.i:
        return []
    if v.dep_ == "xcomp":
        objs = [c for c in h.children if c.dep_ in ("dobj", "iobj")]
        if h.lemma_ in ctx.schema.object_control_verbs and objs:
            return objs
        if is_passive(h):
            return [c for c in h.children if c.dep_ == "nsubjpass"]
        return logical_subjects(h, ctx, depth + 1)
    if v.dep_ == "conj" and h.dep_ == "ROOT" and h.pos_ in ("NOUN", "PROPN") and h.i < v.i and v.tag_ in ("VBD", "VBZ", "VBP"):
        # "Israeli troops on Sunday shot and killed X" misparsed as a verbless noun phrase: the noun acts
        return [h]
    if v.dep_ == "conj" and h.pos_ in ("VERB", "AUX"):
        if is_passive(h) and h.dep_ != "acl":
            # "Peng was summoned to Kunming and met Deng there": the one summoned met him
            return [c for c in h.children if c.dep_ == "nsubjpass"]
        return logical_subjects(h, ctx, depth + 1)
    if v.dep_ == "pcomp" and h.dep_ == "prep" and h.head.dep_ == "dobj" and \
            h.head.head.lemma_ in ctx.words.accusation_verbs:
        return [h.head]  # "accuses X and Y of arming Z" with the of-phrase hung on the accused
    if v.dep_ in ("advcl", "pcomp") or (v.dep_ == "pobj"):
        gov = h.head if h.dep_ == "prep" else h
        if gov.pos_ in ("VERB", "AUX"):
            if is_passive(gov) and not agents_of(gov):
                # "Iran, which has been accused of arming X": the accused is the subject
                return [c for c in gov.children if c.dep_ == "nsubjpass"]
            accused = [c for c in gov.children if c.dep_ == "dobj" and c.i < h.i]
            if gov.lemma_ in ctx.words.accusation_verbs and accused:
                return accused  # "the US accuses Iran of arming X": the accused is the subject
            return logical_subjects(gov, ctx, depth + 1)
    if v.dep_ in ("relcl", "acl"):
        return [h]
    return []


def prep_objects(tok: Token, names: Iterable[str]) -> list[Token]:
    names = set(names)
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in names:
            out.extend(p for p in c.children if p.dep_ == "pobj")
            # "to the FDLR and to the militias": a coordinated preposition hangs under the first one's object
            out.extend(p for k in [*c.children, *(g for o in c.children for g in o.children)]
                       if k.dep_ == "conj" and k.lower_ == c.lower_ for p in k.children if p.dep_ == "pobj")
            # "between X and Y" where Y attached to the preposition
        if c.dep_ == "dative" and "dative" in names and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out


def shared_objects(v: Token, depth: int = 0) -> list[Token]:
    """The object a verb shares with the verbs coordinated after it: "stormed and overran the camp",
    "trained, equipped and funded X" (a listed verb the parser hung on as a clause after a comma too)."""
    doc = v.doc
    for c in v.children:
        listed = c.dep_ == "advcl" and c.i == v.i + 2 and doc[v.i + 1].text == "," and c.tag_ == v.tag_
        if (c.dep_ == "conj" or listed) and c.pos_ == "VERB" and \
                not any(k.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for k in c.children):
            objs = [k for k in c.children if k.dep_ == "dobj"]
            if objs:
                return objs
            if depth < 3 and not any(k.dep_ in ("prep", "xcomp", "ccomp") for k in c.children):
                objs = shared_objects(c, depth + 1)
                if objs:
                    return objs
    return []


def objects_of(v: Token, slots: Iterable[str]) -> list[Token]:
    """Tokens filling the object slots of predicate ``v``: 'dobj' (the passive subject), 'dative', prepositions."""
    slots = tuple(slots)
    out = []
    passive = is_passive(v)
    for slot in slots:
        if slot == "dobj":
            if passive:
                out += [c for c in v.children if c.dep_ == "nsubjpass"]
            else:
                direct = [c for c in v.children if c.dep_ in ("dobj", "attr") and c.pos_ != "PRON" or (c.dep_ == "dobj")]
                out += direct or shared_objects(v) or free_relative_objects(v) or misparsed_name_objects(v)
                if perfect_misread(v) is not None:
                    out.append(v.head)  # "has overrun army bases": the noun the participle was hung on
        elif slot == "dative":
            out += [c for c in v.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
            out += prep_objects(v, ["to"]) if "to" not in slots else []
        else:
            out += prep_objects(v, [slot])
            for d in v.children:
                if d.dep_ in ("dobj", "agent"):
                    # "launched rockets at X", "supplied by Iran to Hezbollah" (parsed under the agent)
                    out += prep_objects(d, [slot])
                    if d.dep_ == "agent":
                        out += [q for p in d.children if p.dep_ == "pobj" for q in prep_objects(p, [slot])]
    if passive and v.dep_ == "acl" and "dobj" in slots:
        out.append(v.head)
    elif passive and participle_conjunct(v) and "dobj" in slots:
        out.append(v.head.head)  # "rebels supplied and trained by X": X trained the rebels
    return out


def free_relative_objects(v: Token) -> list[Token]:
    """'struck what officials described as hideouts of X': the thing a free relative names is the object."""
    out = []
    for c in v.children:
        if c.dep_ in ("ccomp", "xcomp", "advcl") and any(k.lower_ == "what" and k.dep_ in ("dobj", "nsubj", "nsubjpass")
                                                         for k in c.children):
            out += [k for k in c.children if k.dep_ in ("oprd", "attr")]
            out += prep_objects(c, ["as"])
    return out


def misparsed_name_objects(v: Token) -> list[Token]:
    """A name right after the verb that the parser read as a clause ('met Rashad in Cairo', 'Rashad' an advcl)."""
    return [c for c in v.children if c.i == v.i + 1 and c.dep_ in ("advcl", "ccomp", "xcomp") and c.ent_type_
            in ("PERSON", "ORG", "GPE", "NORP") and not any(k.dep_ in ("nsubj", "dobj", "aux") for k in c.children)]


@lru_cache(maxsize=1)
def _event_words() -> dict[str, frozenset[str]]:
    raw = data_file("lexicon.json").get("events", {})
    return {k: frozenset(w.lower() for w in v) for k, v in raw.items() if not k.startswith("_")}


def event_words(key: str) -> frozenset[str]:
    """A word class of lexicon.json's ``events`` (reciprocal verbs, casualty verbs, supply participles, ...)."""
    return _event_words().get(key, frozenset())


def listed_after(ctx: Context, tok: Token) -> list[Arg]:
    """'rival armed groups, chiefly X and Y': the named members listed after a general noun, read off the
    token sequence since parsers scatter such lists."""
    doc, k = ctx.doc, tok.i + 1
    if k + 1 >= tok.sent.end or doc[k].text != "," or doc[k + 1].lower_ not in event_words("list_markers"):
        return []
    k += 2
    out: list[Arg] = []
    while k < tok.sent.end:
        m = ctx.mention(doc[k])
        if m is not None:
            if m.actor not in {a.actor for a in out}:
                out.append(ctx.arg_of(m))
            k = max(m.end, k + 1)
        elif doc[k].lower_ in ("the", "and", "or", ",", "(", ")", "as") or doc[k].pos_ == "PROPN":
            k += 1
        else:
            break
    return out
