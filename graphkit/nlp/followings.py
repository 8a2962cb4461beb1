"""A person's armed following as a mention of its own: "X's militia", "his followers", "fighters loyal to X",
"the group loyal to X", "followers of X".

Writers name a militia by its leader far more often than by its name. Each such noun becomes one actor
(named "<surname>'s <noun>", id ``<surname>-followers`` whatever the noun, see ``model.names``), or the
dictionary's group when the dictionary knows that name as an alias ("Sadr's militia" of the Mahdi Army):
data, never a rule per leader. The noun classes are lexicon.json ``led_forces`` plus actor_terms.json
``following_nouns`` (words that name a following only with a leader: "Zarqawi's group").

Per token this costs one set lookup; the rest runs only on those nouns.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graphkit.model.dictionary import ActorDictionary, Entry
from graphkit.model.lexicon import data_file
from graphkit.model.schema import load_schema

if TYPE_CHECKING:
    from graphkit.nlp.mentions import Mention

_CANONICAL_NOUNS = ("militia", "followers", "group")  # the forms an alias list most often gives


@lru_cache(maxsize=1)
def state_leader_titles() -> frozenset[str]:
    """Titles of those who command a state, whose 'forces' are the state's: 'President X's forces'."""
    return frozenset(data_file("actor_terms.json").get("state_leader_titles", []))


@lru_cache(maxsize=1)
def following_nouns() -> frozenset[str]:
    """Every noun that can name a person's following."""
    extra = data_file("actor_terms.json").get("following_nouns", [])
    return load_schema().lexicon.led_forces | frozenset(w.lower() for w in extra)


def surname(name: str) -> str:
    """The surname a writer uses on second mention: 'Muqtada al-Sadr' -> 'Sadr'."""
    last = name.split()[-1] if name.split() else name
    for p in load_schema().lexicon.name_prefixes:
        if last.lower().startswith(p) and len(last) > len(p) + 1:
            return last[len(p):]
    return last


def _person_at(people: list["Mention"], i: int) -> "Mention | None":
    return next((p for p in people if p.start <= i < p.end), None)


def _leader(doc: Doc, tok: Token, people: list["Mention"]) -> "Mention | None":
    """The person whose following ``tok`` names, or None."""
    schema = load_schema()
    for c in tok.children:
        if c.dep_ == "poss" and c.i < tok.i:
            if c.pos_ == "PRON":
                if c.lower_ not in ("his", "her"):
                    return None
                # "Sadr called on his followers": the person named last before the pronoun in the sentence
                before = [p for p in people if tok.sent.start <= p.start and p.end <= c.i]
                return before[-1] if before else None
            return _person_at(people, c.i)
    for c in tok.children:
        if c.dep_ == "compound" and c.i == tok.i - 1 and c.pos_ == "PROPN":
            return _person_at(people, c.i)  # "Sadr militia", "the Haftar forces"
        if c.dep_ == "amod" and schema.loyal_relation.get(c.lemma_.lower()) == "commands":
            return _after_to(doc, c, people)  # "militiamen loyal to X"
        if c.dep_ == "prep" and c.lower_ == "of" and tok.lower_ in load_schema().lexicon.led_forces:
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)  # "followers of X"
            return _person_at(people, obj.i) if obj is not None else None
    nxt = tok.i + 1
    if nxt < len(doc) and schema.loyal_relation.get(doc[nxt].lower_) == "commands" and doc[nxt].head.i != tok.i:
        return _after_to(doc, doc[nxt], people)  # the parse hung "loyal" elsewhere
    return None


def _after_to(doc: Doc, loyal: Token, people: list["Mention"]) -> "Mention | None":
    """The person named right after 'loyal to', past adjectives and title words."""
    k = loyal.i + 1
    if k >= len(doc) or doc[k].lower_ != "to":
        return None
    for j in range(k + 1, min(len(doc), k + 8)):
        p = _person_at(people, j)
        if p is not None:
            return p
        if (doc[j].pos_ not in ("ADJ", "NOUN", "DET", "PROPN", "PUNCT") and doc[j].tag_ != "VBN") or doc[j].is_sent_start:
            return None
    return None


def _entry_for(dictionary: ActorDictionary, owner: str, full: str, noun: str) -> Entry | None:
    """The dictionary's group named '<owner>'s <noun>' (or a canonical noun): 'Sadr's militia' -> Mahdi Army."""
    for who in dict.fromkeys((owner, full)):
        for n in dict.fromkeys((noun, *_CANONICAL_NOUNS)):
            hit = dictionary.lookup(f"{who}'s {n}")
            if hit is not None and hit.type in ("ORGANIZATION", "GROUP"):
                return hit
    return None


def following_mentions(doc: Doc, chosen: list["Mention"], dictionary: ActorDictionary) -> list["Mention"]:
    """The followings of the people among ``chosen`` (selected mentions), each spanning its noun and the
    modifiers before it; a plain collective over the same words ("Shiite militiamen loyal to X") gives way."""
    from graphkit.nlp.mentions import Mention
    people = [m for m in chosen if m.type == "PERSON"]
    if not people:
        return chosen
    nouns = following_nouns()
    covered = {k: m for m in chosen for k in range(m.start, m.end)}
    out: list[Mention] = []
    replaced: set[int] = set()
    for tok in doc:
        if tok.lower_ not in nouns or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        held = covered.get(tok.i)
        person = None
        if held is not None and held.end == tok.i + 1 and held.start < tok.i and \
                (held.entry is None or held.entry.type != "PERSON"):
            owner = dictionary.lookup(doc[held.start:tok.i].text.removesuffix("'s").strip())
            if owner is not None and owner.type == "PERSON":
                # "Sadr Militia" read as one name: the person, and his following
                person = Mention(held.start, tok.i, "PERSON", "dictionary", entry=owner)
                people.append(person)
                out.append(person)
                replaced.add(id(held))
                held = None
        if held is not None and not (held.type == "GROUP" and held.entry is None and held.forces is None
                                       and held.state is None and held.end == tok.i + 1):
            continue
        person = person or _leader(doc, tok, people)
        if person is None:
            continue
        if _state_titled(doc, person, dictionary):
            continue  # "Russian President X's forces" are his state's, not a following
        full = person.entry.name if person.entry is not None else doc[person.start:person.end].text
        owner = surname(full)
        start = held.start if held is not None else tok.i
        entry = _entry_for(dictionary, owner, full, tok.lower_)
        if entry is not None:
            m = Mention(start, tok.i + 1, entry.type, "following", entry=entry)
        else:
            m = Mention(start, tok.i + 1, "GROUP", "following", label=f"{owner}'s {tok.lower_}")
        m.leader = person.start
        out.append(m)
        if held is not None:
            replaced.add(id(held))
    if not out:
        return chosen
    return sorted([m for m in chosen if id(m) not in replaced] + out, key=lambda m: m.start)


def _state_titled(doc: Doc, person: "Mention", dictionary: ActorDictionary) -> bool:
    """A state's demonym or name, or a head of state's title, in the title run before this mention: 'Syrian
    commander X', 'President X'."""
    titles = load_schema().lexicon.leader_titles
    for k in range(person.start - 1, max(-1, person.start - 6), -1):
        tok = doc[k]
        if tok.tag_ == "POS" or tok.text in ("'s", "’s"):
            continue
        state = dictionary.state_for_demonym(tok.text)
        if state is not None and state.type == "STATE" or tok.lower_ in state_leader_titles():
            return True
        if not (tok.text[:1].isupper() or tok.lower_ in titles):
            return False
    return False
