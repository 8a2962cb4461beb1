"""State organs: 'the government', 'Sudan's army', 'the Saudi-led coalition' and whose organ each one is.

The organ vocabulary (noun -> class) lives in data/actor_terms.json; ``resolve_organs`` gives a bare organ
its owner or drops it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from graphkit.model.dictionary import ActorDictionary, Entry
from graphkit.model.lexicon import data_file
from graphkit.model.names import fold, loose_key
from graphkit.model.schema import load_schema
from graphkit.nlp.dateline import dateline_places, dateline_state

if TYPE_CHECKING:
    from graphkit.nlp.mentions import Mention


def _text(doc: Doc, m: Mention) -> str:
    return doc[m.start:m.end].text


def organ_terms() -> tuple[dict[str, str], frozenset[str]]:
    """The state organs of data/actor_terms.json (noun -> class) and the words of a state army's name."""
    schema = load_schema()
    return schema.state_organs, schema.state_military_words


@lru_cache(maxsize=1)
def force_nouns() -> tuple[str, ...]:
    """The nouns that make '<demonym> <noun>' a state's armed forces, in order of preference for its name."""
    return tuple(data_file("actor_terms.json")["state_forces"]["nouns"])


@lru_cache(maxsize=1)
def state_force_words() -> frozenset[str]:
    """Words that make a state's forces the state itself: 'Sudanese government forces'."""
    return frozenset(data_file("actor_terms.json")["state_forces"]["of_the_state"])


def forces_actor(dictionary: ActorDictionary, state: Entry, noun: str) -> Entry | None:
    """The dictionary's army of a state when it has one ('Pakistani soldiers' -> Pakistan Army), else None:
    the mention is then the state's forces (``Mention.forces``)."""
    entry, _ = organ_actor(dictionary, state, noun, "military")
    return entry


def forces_name(state: Entry, written: list[str]) -> str:
    """The name of a state's forces: the text's own '<demonym> <noun>' with the most preferred noun
    ('U.S. forces' over 'U.S. troops'), else '<demonym> forces'."""
    nouns = force_nouns()
    best, rank = "", len(nouns)
    for text in written:
        words = text.split()
        if len(words) < 2 or "'s" in text or "’s" in text or " and " in text:
            continue
        for k, n in enumerate(nouns):
            if text.lower().endswith(" " + n) and k < rank:
                best, rank = text, k
    return best or f"{demonym_adjective(state)} forces"


def demonym_adjective(state: Entry) -> str:
    """The attributive form of a state: 'Sudanese', 'Iraqi'; its name when the dictionary has none."""
    dems = set(state.demonyms)
    for d in state.demonyms:
        if not (d.endswith("s") and d[:-1] in dems):
            return d
    return state.name


def organ_actor(dictionary: ActorDictionary, state: Entry, noun: str, organ: str,
                as_written: str = "") -> tuple[Entry | None, str]:
    """The actor a state's organ names: the state for a government, else the dictionary entry of
    '<demonym> <noun>' ('Sudanese army' -> Sudanese Armed Forces), trying the synonyms of its class, else a
    name: '<demonym> <noun>', or the state's name as the text writes it ("Guinea-Bissau's armed forces")."""
    if organ == "government":
        return state, state.name
    adj = demonym_adjective(state)
    if as_written and fold(as_written) == fold(state.name):
        adj, as_written = as_written, adj
    else:
        as_written = state.name
    organs, _ = organ_terms()
    nouns = [noun] + [n for n, c in organs.items() if c == organ and n != noun]
    for n in nouns:
        for owner in dict.fromkeys((adj, as_written)):
            hit = dictionary.lookup(f"{owner} {n}")
            if hit is not None and hit.type != "STATE":
                return hit, hit.name
    return None, f"{adj} {noun}"


_MAX_FORWARD_SENTENCES = 3


def _organ_class(doc: Doc, m: Mention, dictionary: ActorDictionary) -> str:
    """The organ class a mention can stand for as the antecedent of a bare organ: its own, or, for a
    named organisation, 'military' when its name is a state's army ("Sudanese Armed Forces",
    "Somali National Army") and the class of its head noun for a coalition or an alliance."""
    if m.organ and not m.bare:
        return m.organ
    if m.bare or m.type not in ("ORGANIZATION", "GROUP"):
        return ""
    organs, army_words = organ_terms()
    words = [t.lower_ for t in doc[m.start:m.end] if not t.is_punct]
    if len(words) < 2:
        return ""
    head = organs.get(" ".join(words[-2:])) or organs.get(words[-1], "")
    if head in ("coalition", "alliance"):
        return head
    state = dictionary.state_for_demonym(doc[m.start].text)
    if head == "military" and state is not None and all(w in army_words for w in words[1:]):
        return "military"
    return ""


def leader_state(doc: Doc, mentions: list[Mention], leader: Mention, dictionary: ActorDictionary):
    """The state a person leads, as the article says it: 'Iraqi Prime Minister X', 'Sudan's President X'."""
    words = loose_key(_text(doc, leader)).split()
    if not words:
        return None
    for m in mentions:
        if m.type != "PERSON" or loose_key(_text(doc, m)).split()[-1:] != words[-1:]:
            continue
        k = m.start - 1
        steps = 0
        while k >= 0 and steps < 5:
            tok = doc[k]
            if tok.tag_ == "POS" or tok.text in ("'s", "’s"):
                k -= 1
                continue
            state = dictionary.state_for_demonym(tok.text)
            if state is not None and state.type == "STATE":
                return state
            if not (tok.text[:1].isupper() or tok.lower_ in load_schema().lexicon.leader_titles):
                break
            k -= 1
            steps += 1
    return None


def _only_state(mentions: list[Mention]):
    """The story's state when it names exactly one ('Pakistani President X ... the army')."""
    states = {id(ref): ref for m in mentions if m.type == "STATE" and (ref := m.entry or m.state) is not None
              and ref.type == "STATE"}
    return next(iter(states.values())) if len(states) == 1 else None


def story_state(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary):
    """The state a story is about: its dateline's when the story names it too or names no state, else the
    one state it names ('CAIRO -' over a story on Sudan is Sudan's); None when it names several."""
    dateline = dateline_state(doc, dictionary)
    places = dateline_places(doc)
    # "NAIROBI, Kenya -": the dateline's own country is no state the story names
    after = min((k + 2 for k in places if k + 12 < len(doc)), default=0)
    while after and after < min(len(doc), min(places) + 12) and doc[after - 1].text not in ("-", "--", "—", "–"):
        after += 1
    named = {id(ref): ref for m in mentions if m.type == "STATE" and (ref := m.entry or m.state) is not None
             and ref.type == "STATE" and m.start >= after}
    if dateline is not None and (not named or any(ref.id == dateline.id for ref in named.values())):
        return dateline
    if not named:
        return _demonym_state(doc, mentions, dictionary)
    return next(iter(named.values())) if len(named) == 1 else None


def _demonym_state(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary):
    """The one state whose demonym qualifies the story's collectives ('Sudanese rebels ... the government'),
    for a story that names no state; None when they name none or several."""
    states = {}
    for m in mentions:
        if m.type == "GROUP" and m.source == "collective" and m.end - m.start >= 2:
            ref = dictionary.state_for_demonym(doc[m.start].text)
            if ref is not None and ref.type == "STATE":
                states[ref.id] = ref
    return next(iter(states.values())) if len(states) == 1 else None


def _give_owner(m: Mention, state, dictionary: ActorDictionary, doc: Doc) -> bool:
    if m.organ in ("coalition", "alliance"):
        return False  # a coalition is no organ of the story's state
    noun = " ".join(t.lower_ for t in doc[m.start:m.end])
    entry, label = organ_actor(dictionary, state, noun, m.organ)
    if m.organ == "government":
        m.type, m.state = "STATE", state
    elif entry is not None:
        m.type, m.entry = entry.type, entry
    elif m.organ == "military":
        m.type, m.forces = "GROUP", state
    else:
        m.type, m.label = "GROUP", label
    return True


def resolve_organs(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary) -> None:
    """Give a bare state organ its owner, or drop it: a generic 'the government' is nobody's actor.

    The owner is, in turn: the state the leader named with it leads ('the government of Prime Minister X'),
    the nearest earlier mention of the same class that names its state ('Sudan's army' ... 'the army'), a
    mention of that class in the next sentences (a headline's 'the junta' before 'Myanmar's military'), and
    the state of the story's dateline.
    """
    bare = [m for m in mentions if m.bare and m.organ]
    if not bare:
        return
    owned = [(m, c) for m in mentions if (c := _organ_class(doc, m, dictionary))]
    sent_of = {}
    for k, sent in enumerate(doc.sents):
        sent_of[sent.start] = k
    starts = sorted(sent_of)

    def sentence(i: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= i:
                lo = mid
            else:
                hi = mid - 1
        return lo

    dateline = home = None
    dateline_done = False
    drop: set[int] = set()
    for m in bare:
        resolved = False
        if m.leader >= 0:
            lm = next((x for x in mentions if x.start <= m.leader < x.end and x.type == "PERSON"), None)
            state = leader_state(doc, mentions, lm, dictionary) if lm is not None else None
            if state is not None:
                resolved = _give_owner(m, state, dictionary, doc)
        if not resolved:
            same = [a for a, c in owned if c == m.organ]
            before = [a for a in same if a.end <= m.start]
            after = [a for a in same if a.start >= m.end and sentence(a.start) - sentence(m.start) <= _MAX_FORWARD_SENTENCES]
            ante = before[-1] if before else (after[0] if after else None)
            if ante is not None:
                m.type, m.entry, m.state, m.forces = ante.type, ante.entry, ante.state, ante.forces
                m.label = ante.label or ("" if ante.entry or ante.state or ante.forces else _text(doc, ante))
                resolved = True
        if not resolved:
            if not dateline_done:
                home = dateline_state(doc, dictionary) or _only_state(mentions)
                dateline, dateline_done = story_state(doc, mentions, dictionary), True
            # the government of a named leader whose state is not said is the dateline's; an unnamed one
            # the story's ('CAIRO -' over a story on Sudan's war: Sudan's)
            owner = home if m.leader >= 0 else dateline
            if owner is not None:
                resolved = _give_owner(m, owner, dictionary, doc)
        if resolved:
            m.bare = False
        else:
            drop.add(id(m))
    if drop:
        mentions[:] = [m for m in mentions if id(m) not in drop]
