"""Actor mentions in a parsed Doc: named entities, dictionary aliases, acronyms and named collectives.

A mention is a token span that may name an actor; resolution into actors happens in ``resolve``.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graphkit.model.dictionary import ActorDictionary, Entry
from graphkit.model.names import fold
from graphkit.model.schema import Schema
from graphkit.nlp.collectives import coordinated_groups, held_things, is_place, people_word, qualified_collectives
from graphkit.nlp.dateline import dateline_places
from graphkit.nlp.followings import following_mentions, following_nouns
from graphkit.nlp.doctext import doc_text
from graphkit.nlp.titles import lowercase_org_heads, nameless_leaders, person_after_title, titled_names
from graphkit.nlp.organs import force_nouns, organ_actor, organ_terms, state_force_words

NER_TYPES = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "GPE": "STATE", "NORP": "GROUP"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,6}$|^(?:[A-Z]\.){2,4}$")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_SOURCE_PRIORITY = {"following": 4, "dictionary": 3, "collective": 2, "ner": 1, "chunk": 0}


@dataclass
class Mention:
    start: int          # token index, inclusive
    end: int            # token index, exclusive
    type: str           # PERSON | ORGANIZATION | STATE | GROUP
    source: str         # dictionary | ner | chunk | collective
    entry: Entry | None = None       # dictionary entry when the alias is known
    state: Entry | None = None       # a state collective ("Iranian officials") resolves to the state
    actor: int = -1                  # index into the doc's actor list, set by resolve
    bare: bool = False               # a bare collective ("the government")
    organ: str = ""                  # the class of a state organ ("government", "military", ...), see actor_terms.json
    label: str = ""                  # the actor name when the text does not spell it ("Sudan's army" -> "Sudanese army")
    leader: int = -1                 # token of the person whose government it is ("the government of Prime Minister X")
    forces: Entry | None = None      # the state whose armed forces these are ("U.S. troops"), see actor_terms.json
    partners: tuple[int, ...] = ()   # first tokens of the mentions sharing its head ("US and Iraqi troops")
    alias_only: bool = False         # a bare "rebel group": an actor only as the alias of a named one
    noun: str = ""                   # the armed noun of a bare holder ("insurgent-held police stations": insurgents)

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]




def _is_title_token(tok: Token, schema: Schema) -> bool:
    return fold(tok.text) in _title_words(schema.titles)


@lru_cache(maxsize=4)
def _title_words(titles: tuple[str, ...]) -> frozenset[str]:
    """The one-word titles, folded (built once, not per token)."""
    return frozenset(fold(t) for t in titles if " " not in t)


def _trim(doc: Doc, start: int, end: int, schema: Schema, person: bool) -> tuple[int, int]:
    """Drop determiners, possessive markers, punctuation and (for people) leading titles."""
    for k in range(end - 1, start - 1, -1):
        if "\n" in doc[k].text:  # a mention never runs across lines
            start = k + 1
            break
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if not person:
        # "civilian National Unity Government": a lower-case adjective is no part of the name
        while end - start > 1 and doc[start].is_lower and doc[start].pos_ in ("ADJ", "NOUN") and doc[start + 1].text[:1].isupper() \
                and not _ORDINAL.match(doc[start].text):  # "33rd Front" keeps its number
            start += 1
    if person:
        while end - start > 1 and _is_title_token(doc[start], schema):
            start += 1
    return start, end


def _leader_named(alias: str, dictionary: ActorDictionary) -> bool:
    """Whether the words before "'s" in a dictionary alias name a person ("Sadr's militia"), not a people or a
    state ("People's Defence Forces", "Ukraine's armed forces", which stay names of their own)."""
    owner = dictionary.lookup(alias.split("'s ")[0])
    return owner is not None and owner.type == "PERSON"


class MentionFinder:
    def __init__(self, nlp, dictionary: ActorDictionary, schema: Schema):
        self.schema = schema
        self.dictionary = dictionary
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.case_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._entries: dict[str, Entry] = {}
        lower_patterns, case_patterns = {}, {}
        for alias, entry in dictionary.surface_forms():
            if "'s " in alias and alias.split()[-1].lower() in following_nouns() and _leader_named(alias, dictionary):
                continue  # "Sadr's militia" is found as Sadr's following (graphkit.nlp.followings), Sadr kept
            if _ACRONYM.match(alias) or len(alias) <= 3:
                case_patterns.setdefault(alias, entry)
            else:
                lower_patterns.setdefault(alias.lower(), entry)
        for i, (alias, entry) in enumerate(lower_patterns.items()):
            self._entries[f"l{i}"] = entry
            self.lower_matcher.add(f"l{i}", [nlp.make_doc(alias)])
        for i, (alias, entry) in enumerate(case_patterns.items()):
            self._entries[f"c{i}"] = entry
            self.case_matcher.add(f"c{i}", [nlp.make_doc(alias)])
        self._title_words = {fold(t) for t in schema.titles if " " not in t}
        self._titles = {fold(t) for t in schema.titles if " " in t}

    def __call__(self, doc: Doc) -> list[Mention]:
        cands: list[Mention] = []
        datelines = dateline_places(doc)  # a place, not an actor
        cands += self._dictionary(doc)
        cands += self._ner(doc)
        cands += self._acronyms(doc)
        cands += self._chunks(doc)
        qualified = qualified_collectives(doc, self.dictionary)
        cands += [Mention(q.start, q.end, "GROUP", "collective", label="" if q.bare else q.label, bare=q.bare,
                          alias_only=q.bare) for q in qualified]
        cands += self._collectives(doc, {q.end - 1 for q in qualified})
        cands += [Mention(a, b, "STATE", "collective", state=state, organ="leader")
                  for a, b, state in nameless_leaders(doc, self.dictionary)]
        cands += [Mention(a, b, "ORGANIZATION", "chunk") for a, b in lowercase_org_heads(doc)]
        cands += [Mention(a, b, "PERSON", "chunk") for a, b in titled_names(doc, self._title_words, self.dictionary,
                                                                            self.schema.org_keywords)
                  if not _title_case(doc[a])]
        for a, b, noun, entry in held_things(doc, self.dictionary):
            cands.append(Mention(a, b, entry.type, "dictionary", entry=entry) if entry is not None
                         else Mention(a, b, "GROUP", "collective", bare=True, noun=noun))
        cands = [self._person_not_title(doc, m) for m in cands]
        return following_mentions(doc, _select([m for m in cands if not (m.end - m.start == 1 and m.start in datelines)
                        and not (m.type == "STATE" and is_place(doc, m.start, m.end, self.dictionary))
                        and doc[m.start].sent.start == doc[m.end - 1].sent.start]), self.dictionary)  # never across sentences

    def _person_not_title(self, doc: Doc, m: Mention) -> Mention:
        """'Parliament Speaker Nabih Berri' found as an organisation is the person after the title."""
        if m.type == "PERSON" or m.entry is not None or m.end - m.start < 3:
            return m
        k = person_after_title(doc, m.start, m.end, self._title_words)
        return m if k < 0 else Mention(k, m.end, "PERSON", "ner")

    def _dictionary(self, doc: Doc) -> list[Mention]:
        out = []
        for matcher in (self.lower_matcher, self.case_matcher):
            for match_id, start, end in matcher(doc):
                entry = self._entries[doc.vocab.strings[match_id]]
                span = doc[start:end]
                # the alias must look like a name in the text, not a common word
                if not any(t.text[:1].isupper() for t in span):
                    continue
                # demonym adjectives ("Iranian officials") are handled as collectives
                if entry.type == "STATE" and end - start == 1 and doc[start].pos_ == "ADJ":
                    continue
                out.append(Mention(start, end, entry.type, "dictionary", entry=entry))
        return out

    def _ner(self, doc: Doc) -> list[Mention]:
        out = []
        for ent in doc.ents:
            typ = NER_TYPES.get(ent.label_)
            if not typ:
                continue
            start, end = _trim(doc, ent.start, ent.end, self.schema, typ == "PERSON")
            # "Reuters - Libyan leader": a news agency's dateline is no part of a name
            while start < end - 1 and (doc[start].text in self.schema.not_actors or doc[start].text in ("-", "--", "—")):
                start += 1
            if start >= end or self._in_title(doc, start, end):
                continue
            if end - start == 1 and ent.label_ != "NORP":
                state = self.dictionary.state_for_demonym(doc[start].text)
                if state is not None and self.dictionary.lookup(doc[start].text) is None:
                    out.append(Mention(start, end, "STATE", "ner", state=state))  # "Libyan" left of a dateline
                    continue
            last = doc[end - 1].lower_
            if end - start >= 2 and last in self.schema.state_collectives:
                # "the Sudanese Government", "Iranian Officials" as tagged names are still the state
                state = self.dictionary.state_for_demonym(doc[start:end - 1].text)
                if state is not None:
                    out.append(Mention(start, end, "STATE", "collective", state=state))
                    continue
            span = doc[start:end]
            if typ == "PERSON" and all(fold(t.text) in self._title_words for t in span):
                continue
            if span.text in self.schema.not_actors:
                continue
            if typ != "STATE" and _title_case(span[0]) and self.dictionary.lookup(span.text) is None:
                continue
            if ent.label_ == "NORP":
                # a bare demonym adjective is no actor; a plural people-noun ("Iranians") is its state
                state = self.dictionary.state_for_demonym(span.text)
                if state and span.root.tag_ in ("NNPS", "NNS") and span.text.endswith("s"):
                    out.append(Mention(start, end, "STATE", "ner", state=state))
                continue
            if typ == "STATE":
                entry = self.dictionary.lookup(span.text)
                if entry and entry.type != "STATE":
                    typ = entry.type
            for a, b in (self._split_of(doc, start, end) if typ == "ORGANIZATION" else [(start, end)]):
                out.append(Mention(a, b, typ, "ner"))
        return out

    def _in_title(self, doc: Doc, start: int, end: int) -> bool:
        """'State' of 'Secretary of State Colin Powell' is part of a title, not a name."""
        return any(fold(doc[k:end].text) in self._titles for k in range(max(0, start - 3), start))

    def _acronyms(self, doc: Doc) -> list[Mention]:
        out = []
        for tok in doc:
            if _ACRONYM.match(tok.text) and tok.text not in self.schema.lexicon.not_actor_acronyms and tok.pos_ in ("PROPN", "NOUN", "X"):
                if tok.i > 0 and doc[tok.i - 1].text == "(" and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ")":
                    out.append(Mention(tok.i, tok.i + 1, "ORGANIZATION", "chunk"))
                elif len(tok.text) >= 3 and not _title_case(tok):
                    out.append(Mention(tok.i, tok.i + 1, "ORGANIZATION", "chunk"))
        return out

    def _chunks(self, doc: Doc) -> list[Mention]:
        """Capitalised proper-noun runs that carry an organisation word ("Badr Organization")."""
        out = []
        i = 0
        n = len(doc)
        while i < n:
            ordinal = bool(_ORDINAL.match(doc[i].text)) and i + 1 < n and doc[i + 1].text[:1].isupper()
            if (ordinal or doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()) and not _title_case(doc[i]):
                j = i + 1 if ordinal else i
                while j < n and (
                    (doc[j].text[:1].isupper() and doc[j].pos_ in ("PROPN", "NOUN", "ADJ"))
                    or (doc[j].lower_ in self.schema.lexicon.name_connectors and j + 1 < n and doc[j + 1].text[:1].isupper() and doc[j + 1].pos_ == "PROPN")
                ):
                    j += 1
                for a, b in self._split_of(doc, i, j):
                    if any(doc[k].lower_ in self.schema.org_keywords for k in range(a, b)):
                        start, end = _trim(doc, a, b, self.schema, False)
                        if end > start:
                            out.append(Mention(start, end, "ORGANIZATION", "chunk"))
                i = max(j, i + 1)
            else:
                i += 1
        return out

    def _split_of(self, doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
        """'Quds Force of Iran', 'Badr Organization of the Islamic Supreme Council': a known name glued to an
        of-phrase is two names; 'Democratic Forces for the Liberation of Rwanda' (no known part before 'of',
        and the whole unknown) stays one."""
        if j - i < 3 or self.dictionary.lookup(doc[i:j].text) is not None:
            return [(i, j)]
        for k in range(i + 1, j - 1):
            if doc[k].lower_ == "of":
                left = self.dictionary.lookup(doc[i:k].text)
                if left is not None and left.type != "STATE":
                    rest = k + 1 + (doc[k + 1].lower_ == "the")
                    return [(i, k), *([(rest, j)] if rest < j else [])]
        return [(i, j)]

    def _collectives(self, doc: Doc, handled: set[int] = frozenset()) -> list[Mention]:
        """'Iraqi lawmakers', 'U.S. troops', 'Shiite militants', 'Darfur rebels', and bare 'the government'
        (heads in ``handled`` are named by ``qualified_collectives``)."""
        out = []
        organs, _ = organ_terms()
        for tok in doc:
            if tok.i in handled or tok.pos_ not in ("NOUN", "PROPN"):  # the test below, done before the lookups
                continue
            phrase, first = tok.lower_, tok.i
            if tok.i > 0 and f"{doc[tok.i - 1].lower_} {phrase}" in organs:
                phrase, first = f"{doc[tok.i - 1].lower_} {phrase}", tok.i - 1  # "armed forces", "security forces"
            organ = organs.get(phrase, "")
            if tok.pos_ not in ("NOUN", "PROPN") or (tok.lower_ not in self.schema.collective_nouns and not organ):
                continue
            if organ and tok.dep_ in ("amod", "compound") and tok.head.lower_ in organs:
                continue  # "the military government": the government is the organ
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c.i < tok.i]
            named = [c for c in mods if c.ent_type_ in ("NORP", "GPE", "ORG", "LOC")
                     or self.dictionary.state_for_demonym(c.text) is not None
                     or (c.dep_ == "compound" and self.dictionary.lookup(c.text) is not None)  # "Two PKK Militants"
                     or (c.pos_ == "PROPN" and not c.is_sent_start and not _title_case(c))]
            if organ and not named and organ != "government":
                glued = self._glued_state(doc, doc[first])
                if glued is not None:  # "Congo Army Factions Clash": the parse lost the state's link to its army
                    out.append(self._state_mention(doc, first - 1, tok.i + 1, tok, phrase, organ, glued))
                    continue
            if organ and (not named or any(c.lower_ == "led" or c.lower_.endswith("-led") for c in mods)):
                out += self._organ(doc, tok, first, phrase, organ)
                continue
            if not named:
                if tok.lower_ in self.schema.bare_collectives and tok.tag_ != "NNP":
                    out.append(Mention(tok.i, tok.i + 1, "GROUP", "collective", bare=True))
                continue
            if all(c.ent_type_ == "ORG" and not people_word(c, self.dictionary)
                   and self.dictionary.state_for_demonym(c.text) is None  # "Ugandan rebels" tagged ORG
                   or self.dictionary.lookup(c.text) is not None and self.dictionary.lookup(c.text).type != "STATE"
                   for c in named):
                continue  # "JNIM fighters" are JNIM
            shared = self._coordinated_states(doc, named, tok)
            if shared:
                out += self._shared_head(doc, shared, tok, phrase, organ)
                continue
            groups = [Mention(a, b, "GROUP", "collective", label=label)
                      for a, b, label in coordinated_groups(doc, named, tok, self.dictionary)]
            for m in groups:  # "Sunni and Kurdish leaders": two collectives sharing one noun
                m.partners = tuple(g.start for g in groups if g is not m)
            if groups:
                out += groups
                continue
            first = min(c.left_edge.i if c.dep_ == "compound" else c.i for c in named)
            first = min(first, min(c.i for c in named))
            start, end = _trim(doc, first, tok.i + 1, self.schema, False)
            if start >= end:
                continue
            modifier = doc[start:tok.i].text
            state = self.dictionary.state_for_demonym(modifier) or self._state_in(doc, start, tok.i)
            while state is None and start > 0 and doc[start - 1].head.i in (tok.i, start) and doc[start - 1].text[:1].isupper():
                # "North Korean troops": the demonym runs over two modifiers of the noun
                state = self.dictionary.state_for_demonym(doc[start - 1:tok.i].text)
                start = start - 1 if state is not None else -1
            if start < 0:
                start = _trim(doc, first, tok.i + 1, self.schema, False)[0]
            out.append(self._state_mention(doc, start, end, tok, phrase, organ, state))
        return out

    def _glued_state(self, doc: Doc, tok: Token) -> Entry | None:
        """The state a capitalised name or demonym right before an organ noun names, when the parse hangs it
        elsewhere (headlines): 'Congo Army', 'Sudan Police'; ``tok`` is the organ phrase's first word."""
        if tok.i == 0:
            return None
        prev = doc[tok.i - 1]
        if not prev.text[:1].isupper() or prev.head.i == tok.i or prev.is_sent_start and prev.pos_ != "PROPN":
            return None
        state = self.dictionary.state_for_demonym(prev.text)
        return state if state is not None and state.type == "STATE" else None

    def _state_mention(self, doc: Doc, start: int, end: int, tok: Token, phrase: str, organ: str, state: Entry | None) -> Mention:
        """'<demonym> <noun>': the state's armed forces ('U.S. troops'), the state itself ('Iranian officials'),
        its police, or a named collective ('Shiite militants')."""
        of_state = any(t.lower_ in state_force_words() for t in doc[start:tok.i])
        if state is not None and state.type == "STATE" and (phrase in force_nouns() or organ == "military") and not of_state:
            # one actor for all of a state's soldiers, troops and forces; the dictionary's army of the state
            # when the text names it ("the Iraqi army"), and resolve merges the two when both are written
            entry = self.dictionary.lookup(doc[start:end].text)
            if entry is not None and entry.type != "STATE":
                return Mention(start, end, entry.type, "collective", entry=entry, organ="military")
            return Mention(start, end, "GROUP", "collective", forces=state, organ="military")
        if state and tok.lower_ in self.schema.state_collectives:
            return Mention(start, end, "STATE", "collective", state=state, organ=organ)
        if state and organ == "police":
            entry, _ = organ_actor(self.dictionary, state, phrase, organ)
            if entry is not None:
                return Mention(start, end, entry.type, "collective", entry=entry, organ=organ)
            return Mention(start, end, "GROUP", "collective", organ=organ)
        return Mention(start, end, "GROUP", "collective")

    def _coordinated_states(self, doc: Doc, named: list[Token], tok: Token) -> list[tuple[int, int, Entry]]:
        """'US and Iraqi troops', 'Russian and Ukrainian negotiators': each coordinated modifier that names
        a state, as (start, end, state); empty unless there are two or more and each names a state."""
        parts = sorted({t.i: t for c in named for t in (c, *c.conjuncts) if t.i < tok.i}.values(), key=lambda t: t.i)
        if len(parts) < 2 or not any(t.dep_ == "conj" for t in parts):
            return []
        out = []
        for t in parts:
            start = t.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == t.i:
                start -= 1
            state = self.dictionary.state_for_demonym(doc[start:t.i + 1].text)
            if state is None or state.type != "STATE":
                return []
            out.append((start, t.i + 1, state))
        return out

    def _shared_head(self, doc: Doc, parts: list[tuple[int, int, Entry]], tok: Token, phrase: str,
                     organ: str) -> list[Mention]:
        """One mention per state of a coordination; the last one carries the head noun."""
        out = []
        for k, (start, end, state) in enumerate(parts):
            last = k == len(parts) - 1
            m = self._state_mention(doc, start, tok.i + 1 if last else end, tok, phrase, organ, state)
            if m.forces is not None and not last:
                m.label = f"{doc[start:end].text} {doc[tok.i].text}"  # "US" of "US and Iraqi troops": "US troops"
            out.append(m)
        starts = tuple(m.start for m in out)
        for m in out:
            m.partners = tuple(s for s in starts if s != m.start)
        return out

    def _organ(self, doc: Doc, tok: Token, first: int, phrase: str, organ: str) -> list[Mention]:
        """A state organ with no demonym before it: 'Sudan's army', 'the government of Sudan', 'the Saudi-led
        coalition', or a bare 'the army' whose owner resolve_mentions looks for (and drops when none is found)."""
        det = [c for c in tok.children if c.dep_ == "det"]
        if det and det[0].lower_ in self.schema.lexicon.indefinite_determiners:
            return []  # "an alliance of ethnic armies" names no one
        for c in tok.children:
            if c.i < tok.i and (c.lower_.endswith("-led") and len(c.text) > 4 or
                                c.lower_ == "led" and c.i >= 2 and doc[c.i - 1].text in ("-", "–")):
                start = c.i if c.lower_ != "led" else c.left_edge.i
                label = doc[start:tok.i + 1].text
                if organ in ("coalition", "alliance"):
                    # "the Saudi-led coalition" is named by its leader; the leader stays a mention of its own
                    return [Mention(first, tok.i + 1, "GROUP", "collective", organ=organ, label=label)]
        owner: Entry | None = None
        leader = -1
        span_start = first
        written = ""
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                written = doc[c.left_edge.i:c.i + 1].text
                owner = self.dictionary.state_for_demonym(written)
                if owner is not None:
                    span_start = c.left_edge.i
                elif c.pos_ == "PROPN":
                    leader = c.i
            elif c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        written = doc[p.left_edge.i:p.i + 1].text
                        owner = self.dictionary.state_for_demonym(written) or self.dictionary.state_for_demonym(p.text)
                        if owner is None and p.pos_ == "PROPN":
                            leader = p.i
        if owner is not None and owner.type == "STATE":
            entry, label = organ_actor(self.dictionary, owner, phrase, organ, written)
            if organ == "government":
                return [Mention(span_start, tok.i + 1, "STATE", "collective", state=owner, organ=organ)]
            if entry is not None:
                return [Mention(span_start, tok.i + 1, entry.type, "collective", entry=entry, organ=organ)]
            return [Mention(span_start, tok.i + 1, "GROUP", "collective", organ=organ, label=label)]
        return [Mention(first, tok.i + 1, "GROUP", "collective", bare=True, organ=organ, leader=leader)]

    def _state_in(self, doc: Doc, start: int, end: int) -> Entry | None:
        for k in range(start, end):
            hit = self.dictionary.state_for_demonym(doc[k].text)
            rest = {t.lower_ for t in doc[k + 1:end]}
            if hit and (k == end - 1 or rest <= self.schema.lexicon.state_modifiers):
                return hit
        span = doc[start:end].text
        entry = self.dictionary.lookup(span)
        return entry if entry and entry.type == "STATE" else None


# Per Doc, the verdict of each line read (keyed by where the line starts).
_LINES: "weakref.WeakKeyDictionary[Doc, dict[int, bool]]" = weakref.WeakKeyDictionary()


def _title_case(tok: Token) -> bool:
    """True inside a headline-style line where capitals say nothing about names."""
    text = doc_text(tok.doc)
    lines = _LINES.setdefault(tok.doc, {})
    lo = text.rfind("\n", 0, tok.idx) + 1
    if lo not in lines:
        lines[lo] = _headline_line(text, lo)
    return lines[lo]


def _headline_line(text: str, lo: int) -> bool:
    hi = text.find("\n", lo)
    words = [w for w in re.findall(r"[A-Za-z]{4,}", text[lo:hi if hi >= 0 else len(text)])]
    line = text[lo:hi if hi >= 0 else len(text)].strip()
    if line.endswith(".") and len(line.split()) > 4:
        return False  # headlines carry no full stop; a sentence full of names does
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.7


def _select(cands: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first, then by source priority."""
    # a part of a coordination ("US" of "US and Iraqi troops") is the state's forces, not the bare name
    cands.sort(key=lambda m: (-(m.end - m.start), -bool(m.partners), -_SOURCE_PRIORITY[m.source], m.start))
    taken: set[int] = set()
    chosen = []
    for m in cands:
        if any(i in taken for i in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen



