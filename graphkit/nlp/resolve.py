"""Resolve the mentions of one article into actors: aliases, short names, acronyms, spellings.

Across articles, the dictionary and the deterministic name key give one actor one id.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from graphkit.model.dictionary import ActorDictionary, Entry, load_dictionary
from graphkit.nlp.collectives import armed_noun
from graphkit.nlp.mentions import Mention, _ACRONYM
from graphkit.nlp.titles import has_title, title_of
from graphkit.nlp.organs import demonym_adjective, forces_actor, forces_name, leader_state, resolve_organs, story_state
from graphkit.model.names import following_id, following_owner, forces_id, loose_key, name_key, slug
from graphkit.model.schema import load_schema

_TYPE_RANK = {"PERSON": 0, "ORGANIZATION": 1, "STATE": 2, "GROUP": 3}


@dataclass
class Actor:
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    entry: Entry | None = None
    key: str = ""  # a stable id that is not the slug of the name: a state's forces ("united-states-forces")

    @property
    def id(self) -> str:
        """The slug of the name, except for one actor the text names in many ways: a state's forces
        (``key``) and a person's armed following ("Sadr's men", "al-Sadr's militia": 'sadr-followers')."""
        if self.key:
            return self.key
        if self.type == "GROUP" and self.entry is None:
            owner = following_owner(self.name)
            if owner and load_dictionary().state_for_demonym(owner) is None and \
                    (load_dictionary().lookup(owner) is None or load_dictionary().lookup(owner).type == "PERSON"):
                return following_id(owner)
        return slug(self.name)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep dictionary keys as roots so their canonical name wins
            if rb.startswith("d:") and not ra.startswith("d:"):
                ra, rb = rb, ra
            self.parent[rb] = ra


def _surface(doc: Doc, m: Mention) -> str:
    return doc[m.start:m.end].text


def _initials(text: str) -> str:
    words = [w for w in text.replace("-", " ").split() if w.lower() not in load_schema().lexicon.initial_skip]
    return "".join(w[0] for w in words if w[:1].isupper())


def resolve_mentions(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary) -> list[Actor]:
    """Group mentions into actors; sets ``Mention.actor`` and returns the actors of the doc."""
    _prefer_defined_acronyms(doc, mentions)
    resolve_organs(doc, mentions, dictionary)
    _name_bare_collectives(doc, mentions, dictionary)
    _name_nameless_leaders(doc, mentions, dictionary)
    uf = _Union()
    keys: list[str] = []
    for m in mentions:
        text = _surface(doc, m)
        if m.entry is None and m.state is None and m.forces is None and m.source not in ("defined", "following"):
            hit = dictionary.lookup(text)
            if hit and (m.type != "GROUP" or hit.type == "STATE"):
                m.entry = hit
                m.type = hit.type
        ref = m.entry or m.state
        if ref is not None:
            key = "d:" + ref.id
        elif m.forces is not None:
            key = "f:" + m.forces.id
        elif m.label:
            key = "n:" + loose_key(m.label)
        elif m.bare:
            key = "b:" + name_key(m.noun or text)
        else:
            key = "n:" + loose_key(text)
        keys.append(key)
        uf.find(key)

    _link_forces(mentions, keys, uf, dictionary)
    _link_acronyms(doc, mentions, keys, uf)
    _link_aliases(doc, mentions, keys, uf)
    _link_short_names(doc, mentions, keys, uf)

    actors: dict[str, Actor] = {}
    order: list[str] = []
    labels: dict[str, str] = {}
    forces: dict[str, Entry] = {}
    for m, key in zip(mentions, keys):
        if m.label or m.noun:
            labels.setdefault(uf.find(key), m.label or m.noun)  # "insurgent-held towns" are "insurgents"
        if m.forces is not None:
            forces.setdefault(uf.find(key), m.forces)
        root = uf.find(key)
        if root not in actors:
            actors[root] = Actor(name="", type=m.type)
            order.append(root)
        a = actors[root]
        text = _surface(doc, m)
        a.aliases.add(text)
        ref = m.entry or m.state
        if ref is not None and a.entry is None:
            a.entry = ref
        if _TYPE_RANK.get(m.type, 9) < _TYPE_RANK.get(a.type, 9) and a.entry is None:
            a.type = m.type
    for root, a in actors.items():
        if a.entry is not None:
            a.name, a.type = a.entry.name, a.entry.type
        elif root in forces:
            a.name = forces_name(forces[root], sorted(a.aliases | ({labels[root]} if root in labels else set())))
            # one actor across articles, whatever the text calls it: the dictionary's army of the state
            # when it knows one ("Russian troops" and "Russian Armed Forces" are one node), else <state>-forces
            army = forces_actor(dictionary, forces[root], "army")
            a.key = army.id if army is not None else forces_id(forces[root].name)
        else:
            a.name = labels.get(root) or _display_name(a.aliases)
    index = {root: i for i, root in enumerate(order)}
    for m, key in zip(mentions, keys):
        m.actor = index[uf.find(key)]
    return [actors[r] for r in order]


def _display_name(aliases: set[str]) -> str:
    def score(s: str) -> tuple[int, int, int, int, str]:
        # the last two break ties the same way in every run (a set's order changes with the hash seed): the
        # spelling of running text over a headline's capitals ("Shi'ite leaders", not "Shi'ite Leaders")
        words = name_key(s).split()
        return (0 if _ACRONYM.match(s) else 1, len(words), len(s), -sum(c.isupper() for c in s), s)

    best = max(aliases, key=score)
    words = best.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    best = " ".join(words) or best
    if best.endswith("'s") or best.endswith("’s"):
        best = best[:-2]
    return best


def _prefer_defined_acronyms(doc: Doc, mentions: list[Mention]) -> None:
    """An acronym the article defines ("the Popular Resistance Council (PRC)") beats the dictionary's reading."""
    defined: dict[str, Mention] = {}
    for i, m in enumerate(mentions[:-1]):
        inner = mentions[i + 1]
        if inner.start == m.end + 1 and doc[m.end].text == "(" and inner.end < len(doc) and doc[inner.end].text == ")":
            acr = _surface(doc, inner)
            if _ACRONYM.match(acr):
                defined[acr] = m
    for m in mentions:
        outer = defined.get(_surface(doc, m))
        if outer is not None and m.entry is not None and outer.entry is not m.entry:
            m.entry = None
            m.type = outer.type
            m.source = "defined"


def _link_acronyms(doc: Doc, mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    by_start = {m.start: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        # "Long Name (ACR)": the mention after the parenthesis is an alias of the one before it
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and m.end + 1 in by_start:
            j = by_start[m.end + 1]
            inner = mentions[j]
            if inner.end < len(doc) and doc[inner.end].text == ")" and _ACRONYM.match(_surface(doc, inner)):
                uf.union(keys[i], keys[j])
    long_forms = {}
    for i, m in enumerate(mentions):
        if m.type in ("ORGANIZATION", "GROUP", "STATE") and m.end - m.start >= 2:
            long_forms.setdefault(_initials(_surface(doc, m)), i)
    for j, m in enumerate(mentions):
        text = _surface(doc, m)
        if _ACRONYM.match(text) and text.replace(".", "") in long_forms:
            uf.union(keys[long_forms[text.replace('.', '')]], keys[j])


def _link_forces(mentions: list[Mention], keys: list[str], uf: _Union, dictionary: ActorDictionary) -> None:
    """'Pakistani soldiers' and 'Pakistan's army' in one article are the army the dictionary knows."""
    present = set(keys)
    for m, key in zip(mentions, keys):
        if m.forces is not None:
            army = forces_actor(dictionary, m.forces, "army")
            if army is not None and "d:" + army.id in present:
                uf.union("d:" + army.id, key)


def _link_aliases(doc: Doc, mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    """'Néstor Gregorio Vera, better known as Iván Mordisco' and 'X, alias Y' name one person."""
    for i, m in enumerate(mentions[:-1]):
        nxt = mentions[i + 1]
        if m.type != "PERSON" or nxt.type not in ("PERSON", "ORGANIZATION", "STATE") or nxt.start - m.end > 8:
            continue
        between = doc[m.end:nxt.start].text.strip(" ,").lower()
        markers = load_schema().lexicon.alias_markers
        if between in markers or any(between.endswith(" " + k) or between == k for k in markers):
            nxt.type = "PERSON"
            uf.union(keys[i], keys[i + 1])


def _name_bare_collectives(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary) -> None:
    """'Darfur rebels ... the rebels', 'Kashmiri insurgents ... a rebel group': a bare armed collective is the
    one qualified collective of the same noun the article names (none when it names two). The unnamed
    holder of a place ('rebel-held towns' in a story datelined in, or naming only, Ivory Coast) is the
    story's state's: 'Ivorian rebels', else no actor (a bare 'the militants' is not: in a story on Israel they are not
    Israeli). A bare member-word group ('a rebel group',
    ``Mention.alias_only``) that names none is no actor."""
    qualified: dict[str, dict[str, str]] = {}  # armed noun -> name key -> name
    for m in mentions:
        if m.bare or m.type != "GROUP" or m.entry is not None or m.state is not None or m.forces is not None:
            continue
        name = m.label or _surface(doc, m)
        noun = armed_noun(name)
        if noun and len(name.split()) >= 2:
            qualified.setdefault(noun, {}).setdefault(loose_key(name), name)
    drop = set()
    story: list = []
    for m in mentions:
        if not m.bare or m.organ:
            continue
        noun = m.noun or armed_noun(_surface(doc, m))
        names = qualified.get(noun, {})
        if len(names) == 1:
            m.label, m.bare = next(iter(names.values())), False
        elif m.noun and not names:  # a held place's holder ("rebel-held towns"): the story's state's rebels
            if not story:
                story.append(story_state(doc, mentions, dictionary))
            if story[0] is not None:
                m.label, m.bare = f"{demonym_adjective(story[0])} {noun}", False
            else:
                drop.add(id(m))  # no one says whose: no actor
        elif m.alias_only or m.noun:
            drop.add(id(m))
    if drop:
        mentions[:] = [m for m in mentions if id(m) not in drop]


def _name_nameless_leaders(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary) -> None:
    """'the Qatari premier' is the person the article names with that state's title ('Qatari Prime Minister
    X'), the nearest one before it, else the first after it; the state itself when the article names none."""
    nameless = [m for m in mentions if m.organ == "leader" and m.state is not None]
    if not nameless:
        return
    people = [(p, leader_state(doc, mentions, p, dictionary)) for p in mentions if p.type == "PERSON"]
    for m in nameless:
        title = title_of(doc[m.start:m.end].text)
        same = [p for p, state in people if state is not None and state.id == m.state.id
                and has_title(doc[max(0, p.start - 5):p.start].text, title)]
        if not same:
            continue
        before = [p for p in same if p.end <= m.start]
        p = before[-1] if before else same[0]
        m.type, m.state, m.entry, m.organ = "PERSON", None, p.entry, ""
        m.label = "" if p.entry else (p.label or _surface(doc, p))


def _link_short_names(doc: Doc, mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    """'Suleimani' and 'General Suleimani' are the 'Qassem Suleimani' named earlier or later."""
    people = [(i, loose_key(_surface(doc, m)).split()) for i, m in enumerate(mentions) if m.type == "PERSON"]
    full = [(i, w) for i, w in people if len(w) >= 2]
    for j, m in enumerate(mentions):
        if m.entry is not None or m.state is not None or m.bare:
            continue
        words = loose_key(_surface(doc, m)).split()
        if not words or _ACRONYM.match(_surface(doc, m)):
            continue
        if m.type in ("PERSON", "ORGANIZATION", "STATE") and len(words) <= 2:
            matches = [i for i, w in full if i != j and len(w) > len(words) and (w[-len(words):] == words or w[:len(words)] == words)]
            if matches:
                before = [i for i in matches if mentions[i].start < m.start]
                target = before[-1] if before else matches[0]
                uf.union(keys[target], keys[j])
                continue
        if m.type in ("ORGANIZATION", "GROUP") and len(words) == 1 and m.type != "GROUP":
            orgs = {uf.find(keys[i]) for i, o in enumerate(mentions)
                    if i != j and o.type == "ORGANIZATION" and words[0] in loose_key(_surface(doc, o)).split()
                    and len(loose_key(_surface(doc, o)).split()) > 1}
            if len(orgs) == 1:
                uf.union(orgs.pop(), keys[j])


# --- state organs: "Sudan's army", "the government", "the Saudi-led coalition" ---------------------


