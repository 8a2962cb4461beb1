"""Collectives named by a qualifier rather than a name, and places that only look like actors.

'NATO-led peacekeeping force', 'Iranian-backed militias', 'pro-Moscow regime': an actor of its own, labelled
as written (the leader or backer keeps its own mention; the relation between them is for the patterns).
'Darfur rebel group', "the Darfur region's rebel movements", 'militants in Fallujah': '<Place> <noun>'.
'in Kyiv', 'the Darfur region': a place, not an actor. The words live in data/actor_terms.json
``qualified_collectives``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from graphkit.model.dictionary import ActorDictionary
from graphkit.model.lexicon import data_file
from graphkit.model.names import fold

_PLACE_ENTS = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class Terms:
    qualifiers: frozenset[str]
    stance_prefixes: frozenset[str]
    heads: frozenset[str]
    armed: frozenset[str]
    member_words: dict[str, str]
    group_heads: frozenset[str]
    place_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    owned_heads: frozenset[str]


@lru_cache(maxsize=1)
def terms() -> Terms:
    raw = data_file("actor_terms.json")["qualified_collectives"]
    f = lambda k: frozenset(raw[k])  # noqa: E731
    return Terms(f("qualifiers"), f("stance_prefixes"), f("heads"), f("armed"), dict(raw["member_words"]),
                 f("group_heads"), f("place_nouns"), f("place_prepositions"), f("owned_heads"))


@dataclass
class Qualified:
    """A collective found here: its span (the head noun and the words between qualifier and head), the
    name it goes by, and whether it is still bare (a 'rebel group' no place names)."""
    start: int
    end: int
    label: str
    bare: bool = False


def armed_noun(text: str) -> str:
    """The plural armed noun a collective's text ends in: 'Darfur rebels' -> 'rebels', 'rebel group' ->
    'rebels'; '' when it names no armed collective."""
    t = terms()
    words = text.lower().split()
    if not words:
        return ""
    if words[-1] in t.armed:
        return words[-1]
    if words[-1] in t.group_heads and len(words) >= 2:
        return t.member_words.get(words[-2], "")
    return ""


def _qualifier(doc: Doc, head: Token) -> int | None:
    """The first token of a '<X>-led' / 'pro-<X>' qualifier of ``head``, or None. A government led or
    backed by someone ("Sudan's army-led government") is still its state's: only a stance names it."""
    t = terms()
    led_ok = head.lower_ not in t.owned_heads
    for c in head.children:
        if c.i >= head.i or c.dep_ not in ("amod", "compound", "nmod", "npadvmod", "dep"):
            continue
        low = c.lower_
        if "-" in low and len(low) > 4:
            pre, _, post = low.rpartition("-")
            if led_ok and post in t.qualifiers and pre or low.split("-")[0] in t.stance_prefixes and low.split("-")[1]:
                return c.i
        if led_ok and low in t.qualifiers and c.i >= 2 and doc[c.i - 1].text in ("-", "–"):
            return c.left_edge.i
        if low in t.stance_prefixes and c.i + 2 < head.i and doc[c.i + 1].text == "-":
            return c.i
    return None


def qualified_collectives(doc: Doc, dictionary: ActorDictionary) -> list[Qualified]:
    """'-led/-backed' and 'pro-/anti-' collectives and place-qualified armed collectives of a doc."""
    t = terms()
    out: list[Qualified] = []
    for tok in doc:
        low = tok.lower_
        if tok.pos_ not in ("NOUN", "PROPN") or not tok.is_lower:
            continue
        if low in t.heads:
            first = _qualifier(doc, tok)
            # "the Houthis, an Iran-backed militia": a description of an actor named beside it
            if first is not None and tok.dep_ not in ("appos", "attr"):
                # the head and the plain words before it: "NATO-led [peacekeeping force]"
                span_start = tok.i
                while span_start - 1 > first and doc[span_start - 1].is_lower and doc[span_start - 1].head.i == tok.i \
                        and doc[span_start - 1].pos_ in ("NOUN", "ADJ"):
                    span_start -= 1
                out.append(Qualified(span_start, tok.i + 1, doc[first:tok.i + 1].text))
                continue
        noun = low if low in t.armed else ""
        member = None
        if not noun and low in t.group_heads:
            member = next((c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")
                           and c.lower_ in t.member_words), None)
            noun = t.member_words[member.lower_] if member is not None else ""
        if not noun:
            continue
        place, first = _place_of(doc, tok, member, dictionary)
        if place:
            start = first if first is not None else (tok.i if member is None else member.i)
            out.append(Qualified(start, tok.i + 1, f"{place} {noun}"))
        elif member is not None:
            out.append(Qualified(member.i, tok.i + 1, f"{member.text} {tok.text}", bare=True))
    return out


def _proper_start(tok: Token) -> int:
    """The first token of a place's name: the token with its compound proper nouns ('South Kordofan')."""
    parts = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.pos_ == "PROPN"]
    return min([tok.i, *(c.left_edge.i for c in parts)])


def _proper(tok: Token) -> str:
    return tok.doc[_proper_start(tok):tok.i + 1].text


def _place_name(tok: Token) -> str:
    """The name of a place token: 'Fallujah', or the name of a place noun: 'the Darfur region' -> 'Darfur'."""
    t = terms()
    if tok.pos_ == "PROPN" and (tok.ent_type_ in _PLACE_ENTS or tok.ent_type_ == ""):
        return _proper(tok)
    if tok.lower_ in t.place_nouns:
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
        if names:
            return _proper(names[-1])
    return ""


def _place_of(doc: Doc, head: Token, member: Token | None, dictionary: ActorDictionary) -> tuple[str, int | None]:
    """The place qualifying an armed collective, and the first token of its name when it is written before
    the noun: a modifier ('Darfur rebel group'; 'Fallujah insurgents', untagged at a sentence start), a
    possessive place noun ("the Darfur region's rebel movements"), or 'in <place>' ('militants in Fallujah')."""
    t = terms()
    mods = [c for c in (*head.children, *(member.children if member is not None else ()))
            if c.i < head.i and c is not member and c.dep_ not in ("det", "punct", "nummod")]
    for c in mods:
        adjacent = c.i == head.i - 1 - (member is not None)
        # a tagged place before a member-word group ("Darfur rebel group"; an unknown name the NER calls an
        # organisation too), an untagged capitalised word opening the sentence ("Ramadi insurgents")
        unknown = dictionary.lookup(c.text) is None and dictionary.lookup(c.text + "s") is None  # not "Houthi"
        tagged = c.ent_type_ in _PLACE_ENTS or c.ent_type_ == "ORG" and unknown
        if c.dep_ == "compound" and c.text.istitle() and adjacent and (c.pos_ == "PROPN" or c.is_sent_start) and \
                (tagged and member is not None or c.ent_type_ == "" and c.is_sent_start and unknown):
            return _proper(c), _proper_start(c)
        if c.dep_ == "poss" and c.lower_ in t.place_nouns:
            name = _place_name(c)
            if name:
                return name, None
    if member is None:
        # "Shiite militants in Iraq": the finder names it by its modifier; "the rebels in South Kivu" are
        # the rebels the article is about
        return "", None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if p.dep_ == "pobj" and (p.ent_type_ in _PLACE_ENTS or p.lower_ in t.place_nouns):
                    name = _place_name(p)
                    if name:
                        return name, None
    return "", None


def is_place(doc: Doc, start: int, end: int, dictionary: ActorDictionary) -> bool:
    """A state's capital after a locative preposition ('in Kyiv', 'from Damascus') or a name before a place
    noun ('the Darfur region'): a place, not an actor. The capital stays an actor as a subject or object."""
    t = terms()
    last = doc[end - 1]
    if last.dep_ == "compound" and last.head.lower_ in t.place_nouns and last.head.i >= end:
        return True
    if last.dep_ != "pobj" or last.head.lower_ not in t.place_prepositions:
        return False
    text = doc[start:end].text
    entry = dictionary.lookup(text)
    if entry is None or entry.type != "STATE" or fold(text) == fold(entry.name):
        return False
    return text.replace(".", "").isalpha() and not text.isupper() and " of " not in text


def people_word(tok: Token, dictionary: ActorDictionary) -> bool:
    """A people's or a region's adjective the NER took for an organisation ('Kashmiri rebels'), not a name."""
    return (tok.text.istitle() and dictionary.lookup(tok.text) is None and dictionary.lookup(tok.text + "s") is None
            and tok.lower_.endswith(("i", "ese", "ian", "ist")) and len(tok.text) > 4)


@lru_cache(maxsize=1)
def _held_terms() -> tuple[frozenset[str], frozenset[str]]:
    raw = data_file("actor_terms.json")["held_by"]
    return frozenset(raw["participles"]), frozenset(raw["not_things"])


def held_things(doc: Doc, dictionary: ActorDictionary) -> list[tuple[int, int, str, object]]:
    """'insurgent-held police stations' -> (start, end, 'insurgents', None); 'Taliban-held areas' ->
    (start, end, '', <Taliban entry>): the thing's span from the holder to the head noun, with the armed
    noun of a bare holder or the dictionary entry of a named one (never a state: 'Russian-held' is a place
    the state holds, which the patterns read as the state's)."""
    t = terms()
    participles, not_things = _held_terms()
    out = []
    for tok in doc:
        if tok.lower_ not in participles or tok.i < 2 or doc[tok.i - 1].text not in ("-", "–"):
            continue
        head = tok.head
        if head.i <= tok.i or head.pos_ not in ("NOUN", "PROPN") or head.lower_ in not_things:
            continue
        holder = doc[tok.i - 2]
        low = holder.lower_
        noun = t.member_words.get(low) or (low if low in t.armed else "")
        if noun:
            out.append((holder.i, head.i + 1, noun, None))
            continue
        entry = dictionary.lookup(holder.text)
        if entry is not None and entry.type in ("ORGANIZATION", "GROUP") and holder.text[:1].isupper():
            out.append((holder.i, head.i + 1, "", entry))
    return out


def held_words() -> frozenset[str]:
    """The participles of ``held_things`` ('held', 'controlled', ...)."""
    return _held_terms()[0]


@lru_cache(maxsize=1)
def _community_voices() -> frozenset[str]:
    """The plural nouns of people who speak for a community (lexicon.json events.community_voices)."""
    return frozenset(data_file("lexicon.json")["events"]["community_voices"])


def coordinated_groups(doc: Doc, named: list[Token], tok: Token, dictionary: ActorDictionary) -> list[tuple[int, int, str]]:
    """'Hutu and Tutsi leaders', 'Sunni and Kurdish politicians': coordinated one-word modifiers, none a
    state, before one noun of community voices name as many collectives: (start, end, label) each, the
    first ones labelled with the shared noun ('Hutu leaders')."""
    if tok.lower_ not in _community_voices():
        return []  # "Sunni and Shiite militants" stay one armed collective; their leaders speak for two
    parts = sorted({t.i: t for c in named for t in (c, *c.conjuncts) if t.i < tok.i}.values(), key=lambda t: t.i)
    if len(parts) < 2 or not any(t.dep_ == "conj" for t in parts) or not all(t.head.i in (tok.i, *(p.i for p in parts)) for t in parts):
        return []
    if any(dictionary.state_for_demonym(t.text) is not None or not t.text[:1].isupper() for t in parts):
        return []  # states are _coordinated_states'; a lower-case word is no group name
    last = len(parts) - 1
    return [(t.i, tok.i + 1 if k == last else t.i + 1, "" if k == last else f"{t.text} {tok.text}")
            for k, t in enumerate(parts)]
