"""Typed relations between actors, read off the dependency parse.

Patterns (each named in the evidence it produces):
- ``verb``: a trigger verb with subject, object and prepositional object, in active or passive voice,
  subjects inherited through xcomp/conj/relative clauses ("X is believed to have armed Y").
- ``noun``: an event noun ("talks between X and Y", "arms shipments from X to Y", "X held talks with Y").
- ``role``: a role noun in apposition, before a name or as a predicate ("X, the head of Y", "Y commander X",
  "Y's rivals are X and Z").
- ``participle``: "X-backed Y"; ``loyal``: "fighters loyal to X".
- ``pair``: coordinated subjects of a symmetric trigger with no object ("X and Y signed a truce").
All trigger words come from the schema (data/relations.json).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from graphkit.model.dictionary import ActorDictionary
from graphkit.nlp.mentions import Mention
from graphkit.nlp.resolve import Actor
from graphkit.model.schema import Frame, Schema

_REL_PRONOUNS = {"which", "who", "that", "whom", "whose"}
_THING_PROXIES = {"figure", "figures", "uprising", "insurgency", "rebellion", "revolt", "position", "positions", "motorcade", "convoy", "base", "bases", "outpost", "outposts", "headquarters",
                  "stronghold", "strongholds", "camp", "camps", "territory", "offices", "office", "embassy", "embassies",
                  "member", "members", "ranks", "leadership", "delegation", "team", "representatives", "envoys",
                  "officials", "leaders", "commanders", "negotiators", "government", "regime", "administration"}
_FORCE_PROXIES = {"forces", "force", "troops", "fighters", "militia", "militias", "militiamen", "men", "army", "soldiers",
                  "followers", "supporters", "loyalists", "units", "fronts", "gunmen", "units", "drones", "aircraft",
                  "warplanes", "jets", "ships", "navy", "artillery", "missiles", "rockets", "contractors",
                  "mercenaries", "advisers", "advisors", "personnel", "instructors", "operators", "operatives", "commandos",
                  "airstrike", "airstrikes", "strike", "strikes", "air strike", "bombardment", "shelling", "raid", "raids",
                  "militants", "rebels", "insurgents", "guerrillas", "gunmen", "peacekeepers", "mission"}
_NON_STATE_LEADERS = {"insurgent", "rebel", "separatist", "militant", "opposition", "guerrilla", "militia", "tribal", "jihadist"}
_COLLECTIVE_BODIES = {"alliance", "coalition", "bloc", "axis", "league", "union", "federation", "front", "council", "mission", "force"}
_VOICES = {"spokesman", "spokeswoman", "spokesperson", "spokesmen"}
_RECEIVE_VERBS = {"have", "receive", "enjoy", "get", "win", "secure", "gain", "obtain", "seek", "lose"}
_COUNT_NOUNS = {"round", "series", "day", "week", "month", "year", "hour", "session", "set", "string", "wave", "spate", "campaign"}
_ORG_PARTS = {"branch", "wing", "faction", "affiliate", "unit", "cell", "offshoot", "splinter", "franchise", "chapter"}
# verbs whose object is the one described by an "as" phrase: "Hamas named X as its leader"
_APPOINT_VERBS = {"name", "appoint", "elect", "choose", "pick", "install", "designate", "nominate", "confirm", "select",
                  "regard", "see", "view", "consider", "describe", "recognize", "recognise", "identify", "know", "list",
                  "brand", "label", "treat", "portray", "present", "introduce", "replace", "succeed"}
# "dozens of Hamas fighters", "three of its commanders": the quantity stands for what it counts
_QUANTITY_WORDS = {"dozens", "scores", "hundreds", "thousands", "dozen", "score", "hundred", "thousand", "number",
                   "handful", "couple", "some", "several", "many", "most", "few", "all", "both", "one", "two", "three",
                   "four", "five", "six", "seven", "eight", "nine", "ten"}
_BASE_CONFIDENCE = {"role": 0.9, "participle": 0.85, "loyal": 0.8, "verb": 0.8, "noun": 0.7, "pair": 0.65, "mediator": 0.7}


@dataclass(frozen=True)
class Arg:
    actor: int
    start: int   # token span in the doc
    end: int
    indirect: bool = False  # reached through a pronoun or a proxy noun


@dataclass
class Assertion:
    subject: Arg
    relation: str
    object: Arg
    trigger: tuple[int, int]
    pattern: str
    hedged: bool = False
    reporter: int | None = None
    confidence: float = 0.0
    sentence: tuple[int, int] = (0, 0)


@dataclass
class _Ctx:
    doc: Doc
    mentions: list[Mention]
    actors: list[Actor]
    schema: Schema
    dictionary: ActorDictionary
    tok2m: list[int] = field(default_factory=list)
    out: list[Assertion] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tok2m = [-1] * len(self.doc)
        for i, m in enumerate(self.mentions):
            for k in range(m.start, m.end):
                self.tok2m[k] = i

    def mention(self, tok: Token) -> Mention | None:
        i = self.tok2m[tok.i]
        return self.mentions[i] if i >= 0 else None

    def arg_of(self, m: Mention, indirect: bool = False) -> Arg:
        return Arg(m.actor, m.start, m.end, indirect)

    def new_group(self, name: str, start: int, end: int) -> Arg:
        for i, a in enumerate(self.actors):
            if a.name == name:
                return Arg(i, start, end, True)
        self.actors.append(Actor(name=name, type="GROUP", aliases={name}))
        return Arg(len(self.actors) - 1, start, end, True)


# --- argument resolution ---------------------------------------------------------------------

def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


_ANAPHORIC_NOUNS = {"group", "organization", "organisation", "movement"}


def _bare_definite(tok: Token) -> bool:
    """'the group' alone: no name, modifier, possessor or of-phrase that says which group."""
    kids = list(tok.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and \
        not any(c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "appos", "acl", "relcl", "prep") for c in kids)


def _antecedent(ctx: _Ctx, tok: Token, person: bool, kinds: tuple[str, ...] = ()) -> Mention | None:
    """The nearest actor mention before a pronoun, of a compatible kind, within two sentences."""
    sent_start = tok.sent.start
    prev_sents = [s for s in ctx.doc.sents if s.end <= sent_start][-1:]
    floor = prev_sents[0].start if prev_sents else sent_start
    best = best_subject = None
    for m in ctx.mentions:
        if m.start >= tok.i or m.start < floor or m.bare:
            continue
        if person and m.type != "PERSON":
            continue
        if not person and m.type == "PERSON":
            continue
        if kinds and (m.type not in kinds or ctx.actors[m.actor].name.lower() in _ANAPHORIC_NOUNS):
            continue
        if kinds and ctx.doc[m.start:m.end].root.dep_ in ("compound", "amod"):
            continue  # "UN experts say ... the group": a name modifying another noun is not what "the group" means
        best = m
        # a subject is the more salient antecedent: "The EMC, the largest FARC network, ... Its commander"
        if ctx.doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass"):
            best_subject = m
    return best_subject or best


def _relative_head(tok: Token) -> Token | None:
    """For a relative pronoun, the noun its clause modifies."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in ("relcl", "acl"):
            return t.head
        t = t.head
    return None


def args(ctx: _Ctx, tok: Token, depth: int = 0) -> list[Arg]:
    """The actors a token stands for, with its coordinated siblings."""
    out: list[Arg] = []
    for t in _conjuncts(tok):
        out.extend(_single_arg(ctx, t, depth))
    seen, uniq = set(), []
    for a in out:
        if a.actor not in seen:
            seen.add(a.actor)
            uniq.append(a)
    return uniq


def _single_arg(ctx: _Ctx, tok: Token, depth: int) -> list[Arg]:
    if depth > 4:
        return []
    m = ctx.mention(tok)
    if m is not None:
        return [ctx.arg_of(m)]
    low = tok.lower_
    if tok.pos_ == "PRON":
        if low in _REL_PRONOUNS:
            head = _relative_head(tok)
            return _single_arg(ctx, head, depth + 1) if head is not None else []
        if low in ctx.schema.person_pronouns or low in ctx.schema.group_pronouns:
            ante = _antecedent(ctx, tok, low in ctx.schema.person_pronouns)
            return [ctx.arg_of(ante, indirect=True)] if ante else []
        return []
    if (low in _QUANTITY_WORDS or tok.pos_ == "NUM") and tok.pos_ in ("NOUN", "NUM", "PRON", "ADJ", "DET"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return [a for p in c.children if p.dep_ == "pobj" for a in _single_arg(ctx, p, depth + 1)]
    if tok.pos_ not in ("NOUN", "PROPN"):
        return []
    if low in _ANAPHORIC_NOUNS and _bare_definite(tok):
        # "the group", "the organization": the organisation named last, as a pronoun would be
        ante = _antecedent(ctx, tok, False, kinds=("ORGANIZATION", "GROUP"))
        return [ctx.arg_of(ante, indirect=True)] if ante else []
    if low in _VOICES:
        # "Haftar's spokesman ... declared": the spokesman speaks for his principal
        holder = _holder(ctx, tok, depth)
        if holder is not None:
            return [holder]
    appos = [c for c in tok.children if c.dep_ == "appos"]
    for c in appos:
        got = args(ctx, c, depth + 1)
        if got:
            return got
    if tok.dep_ == "appos" and ctx.mention(tok.head) is not None:
        return [ctx.arg_of(ctx.mention(tok.head))]
    if low in _ORG_PARTS:
        poss = [c for c in tok.children if c.dep_ == "poss" and ctx.mention(c) is not None]
        if poss:
            # "the Islamic State's Somali branch" names a group of its own
            start = ctx.mention(poss[0]).start
            return [ctx.new_group(ctx.doc[start:tok.i + 1].text, start, tok.i + 1)]
    # "rival armed groups, chiefly the EMC and the Clan del Golfo"
    if low not in _THING_PROXIES and low not in _FORCE_PROXIES and ctx.schema.role(low) is not None and depth < 3:
        # "brokered by China's special envoy": the envoy's state acts
        holder = _holder(ctx, tok, depth)
        return [Arg(holder.actor, holder.start, holder.end, True)] if holder is not None else []
    if low in _THING_PROXIES or low in _FORCE_PROXIES:
        holder = _holder(ctx, tok, depth)
        if holder is None:
            return []
        hm = ctx.mentions[ctx.tok2m[holder.start]] if ctx.tok2m[holder.start] >= 0 else None
        if low in _FORCE_PROXIES and hm is not None and hm.type == "PERSON":
            # named the way writers do: "Sadr's men", "Haftar's forces"
            name = f"{_short_name(ctx.actors[holder.actor].name)}'s {low}"
            return [ctx.new_group(name, holder.start, tok.i + 1)]
        return [Arg(holder.actor, holder.start, holder.end, True)]
    return []


_NAME_PREFIXES = ("al-", "el-", "as-", "ad-", "ash-", "an-", "ar-", "at-", "az-")


def _short_name(name: str) -> str:
    """The surname a writer uses for a person on second mention: 'Muqtada al-Sadr' -> 'Sadr'."""
    last = name.split()[-1] if name.split() else name
    for p in _NAME_PREFIXES:
        if last.lower().startswith(p) and len(last) > len(p) + 1:
            return last[len(p):]
    return last


def _holder(ctx: _Ctx, tok: Token, depth: int) -> Arg | None:
    """The actor owning a proxy noun: 'X's forces', 'X positions', 'members of X', 'his militia'."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < tok.i:
            m = ctx.mention(c)
            if m is not None:
                return ctx.arg_of(m)
            if c.dep_ == "poss" and c.pos_ == "PRON":
                got = _single_arg(ctx, c, depth + 1)
                if got:
                    return got[0]
    for c in tok.children:
        # "an Israeli airstrike", "Turkish drones": a demonym adjective names the state that owns them
        if c.dep_ == "amod" and c.i < tok.i and tok.lower_ in _FORCE_PROXIES and ctx.mention(c) is None:
            state = ctx.dictionary.state_for_demonym(c.text)
            if state is not None and state.type == "STATE":
                return _state_arg(ctx, state, c)
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "from" and tok.lower_ in _FORCE_PROXIES)):
            for p in c.children:
                if p.dep_ == "pobj":
                    got = _single_arg(ctx, p, depth + 1)
                    if got:
                        return got[0]
    return None


# --- subjects and objects of a predicate -----------------------------------------------------

def _is_passive(v: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    # a participle modifying a noun: "the MNDAA, led by Peng", "a ceasefire brokered by China"
    if v.dep_ != "acl" or any(c.dep_ == "dobj" for c in v.children):
        return False
    return v.tag_ == "VBN" or any(c.dep_ == "agent" for c in v.children)


def _agents(v: Token) -> list[Token]:
    out = []
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def logical_subjects(v: Token, ctx: _Ctx, depth: int = 0) -> list[Token]:
    """Tokens acting as the subject of predicate ``v`` (the agent when passive), inherited if unstated."""
    if depth > 6:
        return []
    if _is_passive(v):
        return _agents(v)
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
        if _is_passive(h):
            return [c for c in h.children if c.dep_ == "nsubjpass"]
        return logical_subjects(h, ctx, depth + 1)
    if v.dep_ == "conj" and h.pos_ in ("VERB", "AUX"):
        if _is_passive(h) and h.dep_ != "acl":
            # "Peng was summoned to Kunming and met Deng there": the one summoned met him
            return [c for c in h.children if c.dep_ == "nsubjpass"]
        return logical_subjects(h, ctx, depth + 1)
    if v.dep_ in ("advcl", "pcomp") or (v.dep_ == "pobj"):
        gov = h.head if h.dep_ == "prep" else h
        if gov.pos_ in ("VERB", "AUX"):
            if _is_passive(gov) and not _agents(gov):
                # "Iran, which has been accused of arming X": the accused is the subject
                return [c for c in gov.children if c.dep_ == "nsubjpass"]
            return logical_subjects(gov, ctx, depth + 1)
    if v.dep_ in ("relcl", "acl"):
        return [h]
    return []


def _prep_objects(tok: Token, names: Iterable[str]) -> list[Token]:
    names = set(names)
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in names:
            out.extend(p for p in c.children if p.dep_ == "pobj")
            # "between X and Y" where Y attached to the preposition
        if c.dep_ == "dative" and "dative" in names and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out


def _objects(v: Token, frame: Frame) -> list[Token]:
    out = []
    passive = _is_passive(v)
    for slot in frame.obj:
        if slot == "dobj":
            if passive:
                out += [c for c in v.children if c.dep_ == "nsubjpass"]
            else:
                out += [c for c in v.children if c.dep_ in ("dobj", "attr") and c.pos_ != "PRON" or (c.dep_ == "dobj")]
                if v.dep_ in ("relcl", "acl") and not passive and not any(c.dep_ == "dobj" for c in v.children):
                    pass
        elif slot == "dative":
            out += [c for c in v.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
            out += _prep_objects(v, ["to"]) if "to" not in frame.obj else []
        else:
            out += _prep_objects(v, [slot])
            for d in v.children:
                if d.dep_ == "dobj":
                    out += _prep_objects(d, [slot])
    if passive and v.dep_ == "acl" and "dobj" in frame.obj:
        out.append(v.head)
    return out


# --- hedging, negation, attribution -----------------------------------------------------------

def _clause_chain(tok: Token) -> list[Token]:
    """The trigger and the predicates it hangs from within its own clause (xcomp, aux chain)."""
    chain = [tok]
    t = tok
    while t.dep_ in ("xcomp", "dobj", "pobj", "prep", "pcomp", "attr", "acomp", "conj") and t.head.i != t.i:
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "conj"):
            break
    return chain


def _negated(ctx: _Ctx, trigger: Token) -> bool:
    s = ctx.schema
    for t in _clause_chain(trigger):
        if any(c.dep_ == "neg" or (c.lower_ in s.negator_particles and c.dep_ in ("neg", "det", "advmod") and c.lower_ != "no")
               for c in t.children):
            if not any(c.lower_ == "longer" for c in t.children):
                return True
        if t.lemma_ in s.negator_lemmas and t.i != trigger.i:
            return not _governed_by(trigger, {"accuse", "allege", "suspect"})
        if any(c.lower_ == "no" and c.dep_ == "det" for c in t.children) and t.pos_ == "NOUN":
            return True
    # "denied arming", "refused to talk": a negator verb governing the trigger through a complement
    t = trigger
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"):
            break
        t = t.head
        if t.lemma_ in s.negator_lemmas:
            return not _governed_by(trigger, {"accuse", "allege", "suspect"})
    return False


def _governed_by(tok: Token, lemmas: set[str]) -> bool:
    return any(a.lemma_ in lemmas for a in tok.ancestors)


def _same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n\n" not in a.doc.text[lo:hi]


def _hedged(ctx: _Ctx, trigger: Token) -> bool:
    s = ctx.schema
    for t in [trigger, *trigger.ancestors]:
        if not _same_paragraph(t, trigger):
            break
        if t.i != trigger.i and t.lemma_ in s.hedge_lemmas:
            return True
        if any(c.lower_ in s.hedge_adverbs for c in t.children if c.dep_ == "advmod"):
            return True
        if t.dep_ == "ROOT":
            break
    return any(t.lower_ in s.hedge_adverbs for t in trigger.sent if t.dep_ == "advmod" and t.head.i == trigger.i)


def _reporter(ctx: _Ctx, trigger: Token) -> int | None:
    for a in trigger.ancestors:
        if not _same_paragraph(a, trigger):
            break
        if a.lemma_ in ctx.schema.reporting_verbs:
            for c in a.children:
                if c.dep_ == "nsubj":
                    m = ctx.mention(c)
                    if m is not None:
                        return m.actor
    for t in trigger.sent:
        if t.lower_ == "according" and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].lower_ == "to":
            for p in ctx.doc[t.i + 1].children:
                m = ctx.mention(p)
                if m is not None:
                    return m.actor
    return None


def _emit(ctx: _Ctx, subjects: list[Arg], relation: str, objects: list[Arg], trigger: Token | Span,
          pattern: str, anchor: Token | None = None, symmetric_pairs: bool = False) -> None:
    anchor = anchor if anchor is not None else (trigger if isinstance(trigger, Token) else trigger.root)
    if _negated(ctx, anchor):
        return
    hedged = _hedged(ctx, anchor)
    reporter = _reporter(ctx, anchor)
    span = (trigger.i, trigger.i + 1) if isinstance(trigger, Token) else (trigger.start, trigger.end)
    sent = anchor.sent
    base = _BASE_CONFIDENCE.get(pattern, 0.6)
    pairs = [(s, o) for s in subjects for o in objects]
    if symmetric_pairs:
        pairs += [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
    text = ctx.doc.text
    for s, o in pairs:
        if s.actor == o.actor:
            continue
        lo = min(s.start, o.start, span[0])
        hi = max(s.end, o.end, span[1])
        if "\n\n" in text[ctx.doc[lo].idx:ctx.doc[hi - 1].idx]:
            continue  # a headline and the story's first line are two statements
        if relation == "attacked" and ctx.actors[o.actor].type == "STATE" and ctx.actors[o.actor].entry is None \
                and not ctx.dictionary.lookup(ctx.actors[o.actor].name):
            continue  # a town that is struck is a place, not an actor
        conf = base - (0.15 if s.indirect or o.indirect else 0.0)
        conf *= 0.85 if hedged else 1.0
        ctx.out.append(Assertion(s, relation, o, span, pattern, hedged, reporter, round(conf, 3), (sent.start, sent.end)))


# --- the patterns ----------------------------------------------------------------------------

def _theme_classes(ctx: _Ctx, v: Token) -> set[str]:
    """Noun classes of what is given: weapons, money, an agreement."""
    classes: set[str] = set()
    themes = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    themes += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
    if v.dep_ == "acl" and _is_passive(v):
        themes.append(v.head)
    if v.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in _REL_PRONOUNS for c in v.children):
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


def _verb_pattern(ctx: _Ctx, v: Token, frame: Frame) -> None:
    relation = frame.relation
    relations = [relation]
    if frame.theme:
        classes = _theme_classes(ctx, v)
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
        sides = [a for t in _prep_objects(v, ["between"]) for a in args(ctx, t)]
        sides += [a for c in v.children if c.dep_ == "dobj" for a in args(ctx, c)]
        _emit(ctx, subjects, relation, sides, v, "mediator")
        _emit(ctx, sides, relation, [], v, "mediator", symmetric_pairs=True)
        return
    obj_toks = _objects(v, frame)
    objects = [a for t in obj_toks for a in args(ctx, t)]
    if frame.object_types:
        objects = [o for o in objects if ctx.actors[o.actor].type in frame.object_types]
    for rel in relations:
        if objects:
            _emit(ctx, subjects, rel, objects, v, "verb")
        elif ctx.schema.relations[rel].symmetric and len(subjects) > 1:
            _emit(ctx, subjects, rel, [], v, "pair", symmetric_pairs=True)


def _mentions_under(ctx: _Ctx, head: Token, prep: str) -> list[Arg]:
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


def _governing_predicate(n: Token) -> Token | None:
    """The verb a noun hangs from: 'held talks', 'agreed to a ceasefire', 'is at war'."""
    h = n.head
    if n.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and h.pos_ in ("VERB", "AUX"):
        return h
    if n.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX"):
        return h.head
    if n.dep_ == "conj":
        return _governing_predicate(n.head)
    if n.dep_ == "pobj" and h.lower_ == "of" and h.head.lemma_ in _COUNT_NOUNS:
        # "held several rounds of talks with X"
        return _governing_predicate(h.head)
    return None


def _noun_pattern(ctx: _Ctx, n: Token, frame: Frame) -> None:
    relation = frame.relation
    if frame.theme:
        classes = {ctx.schema.theme_of(c.lemma_) for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
        classes |= {ctx.schema.theme_of(p.lemma_) for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children}
        if frame.theme not in classes:
            return
    gov0 = _governing_predicate(n)
    if relation in ("supports", "funds") and gov0 is not None and gov0.lemma_ in _RECEIVE_VERBS:
        # "Haftar had the backing of Egypt and the UAE": the backers are in the of-phrase
        backers = [a for t in _prep_objects(n, ["of", "from"]) for a in args(ctx, t)]
        backed = [a for t in logical_subjects(gov0, ctx) for a in args(ctx, t)]
        if backers and backed:
            _emit(ctx, backers, relation, backed, n, "noun")
            return
    between = [a for t in _prep_objects(n, ["between"]) for a in args(ctx, t)]
    if len(between) == 1:
        between = _mentions_under(ctx, n, "between") or between
    if len(between) >= 2:
        _emit(ctx, between, relation, [], n, "noun", symmetric_pairs=True)
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
    subjects += [a for t in _prep_objects(n, ["by", "from"]) for a in args(ctx, t)]
    gov = _governing_predicate(n)
    instrument = n.dep_ == "pobj" and n.head.lower_ == "with" and relation == "attacked"
    if gov is not None and gov.lemma_ not in ctx.schema.light_verbs and gov.lemma_ not in ctx.schema.verbs \
            and not instrument:  # "the army responded with airstrikes on X": the means of the subject
        gov = None  # "Egypt condemned the attack on Israel": Egypt did not attack
    if not subjects and gov is not None:
        subjects = [a for t in logical_subjects(gov, ctx) for a in args(ctx, t)]
    if not subjects:
        return
    objects = [a for t in _prep_objects(n, frame.obj) for a in args(ctx, t)]
    if not objects and gov is not None:
        objects = [a for t in _prep_objects(gov, [p for p in frame.obj if p != "between"]) for a in args(ctx, t)]
    if objects:
        _emit(ctx, subjects, relation, objects, n, "noun")
    elif ctx.schema.relations[relation].symmetric and len(subjects) > 1:
        _emit(ctx, subjects, relation, [], n, "pair", symmetric_pairs=True)
    # a ceasefire or deal "brokered by"/"mediated by" X: X negotiated with each party
    for c in n.children:
        if c.dep_ == "acl" and c.lemma_ in ("broker", "mediate", "facilitate", "sponsor"):
            mediators = [a for t in _agents(c) for a in args(ctx, t)]
            _emit(ctx, mediators, "negotiated_with", subjects, c, "mediator")


def _role_phrase(ctx: _Ctx, r: Token) -> tuple[str, tuple[str, bool], Token] | None:
    """The longest role phrase ending at ``r`` ('chief negotiator', 'prime minister', 'arms supplier')."""
    words = [r.lower_]
    best = None
    if ctx.schema.role(r.lower_) or ctx.schema.role(r.lemma_.lower()):
        best = (r.lower_, ctx.schema.role(r.lower_) or ctx.schema.role(r.lemma_.lower()), r)
    k = r.i - 1
    while k >= 0 and len(words) < ctx.schema.max_role_words and ctx.doc[k].head.i in (r.i, k + 1) and ctx.tok2m[k] < 0:
        words.insert(0, ctx.doc[k].lower_)
        phrase = " ".join(words)
        hit = ctx.schema.role(phrase)
        if hit:
            best = (phrase, hit, r)
        k -= 1
    return best


def _role_pattern(ctx: _Ctx, r: Token) -> None:
    found = _role_phrase(ctx, r)
    if not found:
        return
    phrase, (relation, inverted), _ = found
    if ctx.tok2m[r.i] >= 0:
        return
    mods = {c.lower_ for c in r.children if c.dep_ in ("amod", "compound", "advmod")}
    if relation == "commands" and (mods & ctx.schema.member_role_modifiers or phrase.split()[0] in ctx.schema.member_role_modifiers):
        relation = "member_of"
    holders: list[Arg] = []
    if r.dep_ == "appos":
        holders += _single_arg(ctx, r.head, 0)
    for c in r.children:
        if c.dep_ == "appos":
            holders += args(ctx, c)
    if r.dep_ == "compound":
        h = r.head
        while ctx.mention(h) is None and h.dep_ == "compound" and h.head.i != h.i:
            h = h.head
        m = ctx.mention(h)
        if m is not None and not (m.start <= r.i < m.end):
            holders.append(ctx.arg_of(m))
    if r.dep_ == "pobj" and r.head.lower_ == "as" and r.head.head.pos_ in ("VERB", "AUX") and r.head.dep_ == "prep":
        # "X took office as Y's president", "X stayed on as chief of Y"; "Y named X as its leader"
        v = r.head.head
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if v.lemma_ in _APPOINT_VERBS and objs:
            holders += [a for c in objs for a in args(ctx, c)]
        elif v.lemma_ not in _APPOINT_VERBS:
            holders += [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    if r.dep_ in ("attr",) and r.head.lemma_ == "be":
        holders += [a for c in r.head.children if c.dep_ == "nsubj" for a in args(ctx, c)]
    if r.dep_ == "nsubj" and r.head.lemma_ == "be":
        holders += [a for c in r.head.children if c.dep_ == "attr" for a in args(ctx, c)]
    small_clause = [c for c in r.children if c.dep_ == "nsubj"]
    if small_clause and r.dep_ in ("ccomp", "oprd", "xcomp") and relation == "rival_of":
        # "X declared Turkey an enemy"
        declarers = [a for t in logical_subjects(r.head, ctx) for a in args(ctx, t)]
        enemies = [a for c in small_clause for a in args(ctx, c)]
        _emit(ctx, declarers, relation, enemies, r, "role")
        return
    if not holders:
        return
    orgs: list[Arg] = []
    for c in r.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "to" if relation == "supplies_weapons_to" else "of"):
            orgs += [a for p in c.children if p.dep_ == "pobj" for a in args(ctx, p)]
        elif c.dep_ == "poss":
            found = args(ctx, c)
            if relation == "commands" and (phrase not in ctx.schema.state_roles or mods & _NON_STATE_LEADERS):
                found = [a for a in found if ctx.actors[a.actor].type != "STATE"]
            orgs += found
        elif c.dep_ in ("compound", "nmod", "amod") and c.i < r.i:
            m = ctx.mention(c)
            if m is not None and m.type != "PERSON":
                if m.type == "STATE" and c.dep_ == "amod" and relation == "commands" and phrase not in ctx.schema.state_roles:
                    continue
                orgs.append(ctx.arg_of(m))
            elif c.ent_type_ in ("NORP", "GPE") or c.text[:1].isupper():
                state = ctx.dictionary.state_for_demonym(c.text)
                if state is not None and (relation != "commands" or (phrase in ctx.schema.state_roles
                                                                       and not mods & _NON_STATE_LEADERS)):
                    orgs.append(_state_arg(ctx, state, c))
    if relation == "commands" and not orgs and mods & _NON_STATE_LEADERS:
        group = _descriptor_group(ctx, r, sorted(mods & _NON_STATE_LEADERS)[0])
        if group is not None:
            orgs.append(group)
    holders = [h for h in holders if not (relation in ("commands", "member_of") and ctx.actors[h.actor].type == "STATE")]
    if relation == "member_of":
        orgs = [o for o in orgs if ctx.actors[o.actor].type != "PERSON"]
    if inverted:
        _emit(ctx, orgs, relation, holders, r, "role")
    else:
        _emit(ctx, holders, relation, orgs, r, "role")


def _descriptor_group(ctx: _Ctx, r: Token, descriptor: str) -> Arg | None:
    """'Kashmir separatist leader X', 'Iraq's insurgent leader X': X leads a named collective."""
    for c in r.children:
        if c.dep_ in ("compound", "poss", "amod", "nmod") and c.i < r.i and c.lower_ != descriptor:
            m = ctx.mention(c)
            place = None
            if m is not None and ctx.actors[m.actor].type == "STATE":
                entry = ctx.dictionary.lookup(ctx.actors[m.actor].name)
                adjectives = [d for d in (entry.demonyms if entry else ()) if not d.endswith("s")]
                place = adjectives[0] if adjectives else ctx.doc[m.start:m.end].text
            elif c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "LOC") or (c.text[:1].isupper() and c.is_alpha):
                place = c.text
            if place:
                name = f"{place} {descriptor}s"
                return ctx.new_group(name, c.i, r.i)
    return None


def _state_arg(ctx: _Ctx, state, tok: Token) -> Arg:
    for i, a in enumerate(ctx.actors):
        if a.name == state.name:
            return Arg(i, tok.i, tok.i + 1)
    ctx.actors.append(Actor(name=state.name, type=state.type, aliases={tok.text}, entry=state))
    return Arg(len(ctx.actors) - 1, tok.i, tok.i + 1)


def _participle_pattern(ctx: _Ctx, t: Token) -> None:
    """'Iran-backed militias', 'U.S.-trained commandos'."""
    relation = None
    text = t.lower_
    if "-" in text and text.rsplit("-", 1)[1] in ctx.schema.participles:
        relation = ctx.schema.participles[text.rsplit("-", 1)[1]]
        agents = [ctx.mention(t)] if ctx.mention(t) else []
        entry = ctx.dictionary.lookup(t.text.rsplit("-", 1)[0]) if not agents else None
        if entry is not None:
            # "U.S.-led coalition" is one token
            _emit(ctx, [_state_arg(ctx, entry, t)], relation, args(ctx, t.head), t, "participle")
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
            _emit(ctx, [_state_arg(ctx, state, agent_tok)], relation, objects, t, "participle")
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
    _emit(ctx, [ctx.arg_of(a) for a in agents], relation, objects, t, "participle")


def _loyal_pattern(ctx: _Ctx, t: Token) -> None:
    """'militants loyal to X': X commands (or backs) the group."""
    relation = ctx.schema.loyal_relation.get(t.lower_)
    if not relation:
        return
    leaders = [a for tok in _prep_objects(t, ["to", "with"]) for a in args(ctx, tok)]
    if not leaders:
        leaders = _mention_after_preposition(ctx, t, ("to",))
    group = t.head if t.dep_ in ("amod", "acomp") else None
    if t.dep_ == "oprd":  # "troops battled militiamen loyal to X"
        group = next((c for c in t.head.children if c.dep_ == "dobj"), None)
    if group is None or not leaders:
        return
    members = args(ctx, group)
    if relation == "commands":
        leaders = [a for a in leaders if ctx.actors[a.actor].type == "PERSON"]
        members = [a for a in members if ctx.actors[a.actor].type != "PERSON"]
        if not members and leaders and group.lower_ in _LED_FORCES:
            # "Fighters loyal to X seized the town": X's fighters
            name = f"{_short_name(ctx.actors[leaders[0].actor].name)}'s {group.lower_}"
            members = [ctx.new_group(name, group.i, group.i + 1)]
        _emit(ctx, leaders, relation, members, t, "loyal")
    else:
        _emit(ctx, members, relation, leaders, t, "loyal")


_COMMAND_NOUNS = {"command", "leadership", "control", "rule", "orders"}


def _under_pattern(ctx: _Ctx, t: Token) -> None:
    """'a government under X', 'troops under the command of X': X leads the body named before 'under'."""
    if t.dep_ != "prep" or t.head.pos_ not in ("NOUN", "PROPN"):
        return
    body = t.head
    if ctx.mention(body) is None and body.lower_ not in _FORCE_PROXIES:
        return
    leaders: list[Arg] = []
    for p in t.children:
        if p.dep_ != "pobj":
            continue
        if p.lemma_ in _COMMAND_NOUNS:
            leaders += [a for q in _prep_objects(p, ["of"]) for a in args(ctx, q)]
            leaders += [ctx.arg_of(ctx.mention(c)) for c in p.children if c.dep_ == "poss" and ctx.mention(c)]
        elif ctx.mention(p) is not None:
            leaders += args(ctx, p)
    leaders = [a for a in leaders if ctx.actors[a.actor].type == "PERSON"]
    if not leaders:
        return
    members = [a for a in args(ctx, body) if ctx.actors[a.actor].type != "PERSON"]
    _emit(ctx, leaders, "commands", members, t, "role")


def _mention_after_preposition(ctx: _Ctx, t: Token, preps: tuple[str, ...]) -> list[Arg]:
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


_LED_FORCES = {"fighters", "militia", "militiamen", "men", "followers", "loyalists", "gunmen", "forces", "guerrillas",
               "militants", "bodyguards"}


def _followers_pattern(ctx: _Ctx, t: Token) -> None:
    """'followers of X', 'X's fighters', 'his men': a person's armed following is his to command."""
    if t.lower_ not in _LED_FORCES or ctx.mention(t) is not None:
        return
    pron = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if pron is not None:
        # "to ask Sadr to stand down his militia": the person named last before the pronoun
        people = [m for m in ctx.mentions if m.type == "PERSON" and t.sent.start <= m.start and m.end <= pron.i]
        if not people:
            return
        holder = ctx.arg_of(people[-1], indirect=True)
        name = f"{_short_name(ctx.actors[holder.actor].name)}'s {t.lower_}"
        group = [ctx.new_group(name, pron.i, t.i + 1)]
    else:
        holder = _holder(ctx, t, 0)
        if holder is None or ctx.actors[holder.actor].type != "PERSON":
            return
        group = _single_arg(ctx, t, 0)
    _emit(ctx, [holder], "commands", group, t, "role")


def _followings_to_their_groups(ctx: _Ctx) -> None:
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
            if len(groups) == 1 and ctx.actors[person].type == "PERSON" and _short_name(ctx.actors[person].name) == owner:
                remap[i] = next(iter(groups))
    if not remap:
        return
    for a in ctx.out:
        if a.subject.actor in remap:
            a.subject = Arg(remap[a.subject.actor], a.subject.start, a.subject.end, True)
        if a.object.actor in remap:
            a.object = Arg(remap[a.object.actor], a.object.start, a.object.end, True)


def _listed_members(ctx: _Ctx, t: Token) -> None:
    """'The Three Brotherhood Alliance — the MNDAA, the TNLA and the AA — ...': each listed group is a member."""
    m = ctx.mention(t)
    if m is None or t.lower_ not in _COLLECTIVE_BODIES or ctx.doc[m.start:m.end].root.i != t.i:
        return
    members: list[Arg] = []
    for c in t.children:
        if c.dep_ == "appos":
            for x in _conjuncts(c):
                members += [a for a in _single_arg(ctx, x, 0) if a.actor != m.actor]
    if len({a.actor for a in members}) >= 2:
        _emit(ctx, members, "member_of", [ctx.arg_of(m)], t, "role")


def _rivalries_from_attacks(ctx: _Ctx) -> None:
    """An attack between two armed actors states that they are in conflict (GUIDE: fighting, clashing)."""
    for a in list(ctx.out):
        if a.relation == "attacked" and not a.hedged and \
                "PERSON" not in (ctx.actors[a.subject.actor].type, ctx.actors[a.object.actor].type):
            ctx.out.append(Assertion(a.subject, "rival_of", a.object, a.trigger, a.pattern + "+attack", a.hedged,
                                     a.reporter, round(a.confidence * 0.9, 3), a.sentence))


def extract_assertions(doc: Doc, mentions: list[Mention], actors: list[Actor], schema: Schema,
                       dictionary: ActorDictionary) -> list[Assertion]:
    """All assertions of one parsed, resolved doc. ``actors`` may grow (derived groups)."""
    ctx = _Ctx(doc, mentions, actors, schema, dictionary)
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.dep_ in ("ROOT", "relcl", "acl") and lemma in schema.verbs and t.tag_.startswith("VB")):
            frame = schema.verbs.get(lemma)
            if frame:
                _verb_pattern(ctx, t, frame)
        if t.pos_ in ("NOUN", "PROPN"):
            frame = schema.nouns.get(lemma) or schema.nouns.get(t.lower_)
            if frame and ctx.tok2m[t.i] < 0:
                _noun_pattern(ctx, t, frame)
            _role_pattern(ctx, t)
            _followers_pattern(ctx, t)
        if t.pos_ in ("VERB", "ADJ", "NOUN", "PROPN") and (t.dep_ in ("amod", "compound") or "-" in t.text):
            _participle_pattern(ctx, t)
        if t.pos_ == "ADJ":
            _loyal_pattern(ctx, t)
        if t.pos_ == "PROPN":
            _listed_members(ctx, t)
        if t.lower_ == "under":
            _under_pattern(ctx, t)
    _followings_to_their_groups(ctx)
    _rivalries_from_attacks(ctx)
    return ctx.out
