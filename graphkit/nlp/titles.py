"""Titles around names: a state's leader named by title alone, a title glued to a person's name, and a
proper name before a lower-case organisation noun.

'the former Serbian president' (no name after the title) is the state, as 'Iranian officials' is;
'Parliament Speaker Nabih Berri' is the person Nabih Berri, never an organisation called so;
'the opposition Labour party' is the organisation 'Labour party'. The words live in data/actor_terms.json
(``nameless_leaders``, ``lowercase_org_heads``, ``titles``).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from graphkit.model.dictionary import ActorDictionary, Entry
from graphkit.model.lexicon import data_file
from graphkit.model.names import fold


@lru_cache(maxsize=1)
def _leader_titles() -> tuple[frozenset[str], frozenset[str]]:
    titles = data_file("actor_terms.json")["nameless_leaders"]["titles"]
    return frozenset(t for t in titles if " " not in t), frozenset(t for t in titles if " " in t)


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(data_file("actor_terms.json")["lowercase_org_heads"]["nouns"])


def nameless_leaders(doc: Doc, dictionary: ActorDictionary) -> list[tuple[int, int, Entry]]:
    """'<demonym> <title>' with no name after it, as (start, end, state): 'the Serbian president said'."""
    single, double = _leader_titles()
    out = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        start = tok.i
        if tok.i > 0 and f"{doc[tok.i - 1].lower_} {tok.lower_}" in double:
            start = tok.i - 1
        elif tok.lower_ not in single:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" or nxt.ent_type_ == "PERSON" or nxt.text[:1].isupper()):
            continue  # "Kenyan President Mwai Kibaki": the title of a named person
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
            continue  # "the Serbian president, Boris Tadic,"
        k = start - 1  # the demonym right before the title, one word or two ("North Korean leader")
        if k < 0 or doc[k].head.i != tok.i or doc[k].dep_ not in ("amod", "compound", "nmod"):
            continue
        first, state = k, dictionary.state_for_demonym(doc[k].text)
        if state is None and k > 0:
            first, state = k - 1, dictionary.state_for_demonym(doc[k - 1:k + 1].text)
        if tok.dep_ in ("attr", "appos") or fold(doc[first:k + 1].text) == fold(state.name if state else ""):
            continue  # "X is the Serbian president", "Musharraf Can Be Pakistan President": X's title
        if state is not None and state.type == "STATE":
            out.append((first, tok.i + 1, state))
    return out


def title_of(text: str) -> str:
    """The leader title a text ends in, synonyms made one ('premier' is 'prime minister'); '' if none."""
    single, double = _leader_titles()
    words = fold(text).split()
    found = " ".join(words[-2:]) if " ".join(words[-2:]) in double else (words[-1] if words and words[-1] in single else "")
    return data_file("actor_terms.json")["nameless_leaders"]["same_title"].get(found, found)


def has_title(text: str, title: str) -> bool:
    """Whether ``text`` (the words before a person's name) holds the leader title ``title``."""
    same = data_file("actor_terms.json")["nameless_leaders"]["same_title"]
    words = [same.get(w, w) for w in fold(text).split()]
    return bool(title) and f" {title} " in f" {' '.join(words)} "


def person_after_title(doc: Doc, start: int, end: int, titles: frozenset[str]) -> int:
    """The first token of a person's name inside ``doc[start:end]`` right after a title word
    ('Parliament Speaker [Nabih Berri]'), or -1 when the span holds no such name."""
    for k in range(end - 2, start - 1, -1):
        if fold(doc[k].text) in titles and all(t.ent_type_ == "PERSON" for t in doc[k + 1:end]):
            return k + 1
    return -1


def lowercase_org_heads(doc: Doc) -> list[tuple[int, int]]:
    """'the opposition Labour party': a proper name and the lower-case organisation noun after it."""
    heads = _org_heads()
    out = []
    for tok in doc:
        if tok.lower_ not in heads or not tok.is_lower or tok.i == 0:
            continue
        k = tok.i - 1
        while k >= 0 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k].head.i in (tok.i, k + 1):
            k -= 1
        if k + 1 < tok.i:
            out.append((k + 1, tok.i + 1))
    return out


_NOT_PERSON_ENTS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC", "DATE", "TIME", "EVENT", "PRODUCT", "LAW"})


def titled_names(doc: Doc, titles: frozenset[str], dictionary: ActorDictionary,
                 org_words: frozenset[str]) -> list[tuple[int, int]]:
    """Two to four capitalised names right after a title noun, which the NER left untagged: 'Kandahar
    Governor [Yousuf Pashtun]', 'warlord [Ismail Sherzad]', as (start, end) spans of a person."""
    out = []
    n = len(doc)
    for tok in doc:
        if tok.lower_ not in titles or tok.pos_ not in ("NOUN", "PROPN"):  # the titles are plain lower-case words
            continue
        j = tok.i + 1
        while j < n and j - tok.i <= 4 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and \
                doc[j].ent_type_ not in _NOT_PERSON_ENTS and doc[j].lower_ not in titles and \
                doc[j].lower_ not in org_words and not doc[j].is_sent_start:
            known = dictionary.lookup(doc[j].text)
            if known is not None and known.type != "PERSON":
                break
            j += 1
        if 2 <= j - tok.i - 1 <= 4 and (j == n or not (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper())):
            out.append((tok.i + 1, j))
    return out
