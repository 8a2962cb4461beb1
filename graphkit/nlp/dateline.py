"""Wire datelines ("NAJAF, Iraq (Reuters) - ", "AFP - "), all in one place: where the story starts after
one, which token is its place (no actor), and which state it names.

The dashes come from data/lexicon.json, the news agencies from actor_terms.json ``not_actors``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from graphkit.model.dictionary import ActorDictionary, Entry
from graphkit.model.schema import load_schema

_AGENCY_PARENS = re.compile(r"\([^)]*\)")


def _dashes() -> tuple[str, ...]:
    return load_schema().lexicon.dateline_dashes


@lru_cache(maxsize=4)
def _dash_re(dashes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\s(?:%s)\s" % "|".join(re.escape(d) for d in dashes))


def mark_story_starts(doc: Doc) -> None:
    """Sentence starts the parser must respect: the first token of each paragraph (after a blank line, so
    a headline is never glued onto the story's first sentence), and around each line's dateline: the
    dateline starts a sentence of its own and the story starts again after its dash."""
    line_start = True
    paragraph_start = True
    n = len(doc)
    dashes, agencies = set(_dashes()), load_schema().not_actors
    for tok in doc:
        if line_start and not tok.is_space:
            if paragraph_start and tok.i > 0:
                tok.is_sent_start = True
            _mark_after_dash(doc, tok.i, n, dashes, agencies)
            line_start = paragraph_start = False
        if "\n" in tok.text_with_ws:
            paragraph_start = paragraph_start or line_start or tok.text_with_ws.count("\n") > 1
            line_start = True


def _mark_after_dash(doc: Doc, start: int, n: int, dashes: set[str], agencies: frozenset[str]) -> None:
    """The line opens with a place in capitals or a news agency ("BAGHDAD, Iraq -", "AFP -"), then the dash
    comes before any lower-case word."""
    first = doc[start]
    if not ((first.is_upper and len(first) > 1 and first.is_alpha) or first.text in agencies):
        return
    for k in range(start, min(n - 1, start + 12)):
        t = doc[k]
        if t.text in dashes and t.whitespace_ and k > start and doc[k - 1].whitespace_:
            if start > 0:
                first.is_sent_start = True  # the dateline is not the tail of a headline
            nxt = k + 1
            while nxt < n - 1 and doc[nxt].is_space:
                nxt += 1
            doc[nxt].is_sent_start = True
            return
        if "\n" in t.text_with_ws or not (t.text[:1].isupper() or t.is_punct or t.like_num):
            return


def dateline_places(doc: Doc) -> set[int]:
    """Tokens that are a dateline's place ("BAGHDAD (Reuters) -"): a capitalised word opening a line or a
    sentence, followed by a comma, a parenthesis or a dash."""
    followers = {",", "(", *_dashes()}
    return {t.i for t in doc if t.is_upper and len(t) > 3 and t.pos_ == "PROPN"
            and (t.i == 0 or "\n" in doc[t.i - 1].text or t.is_sent_start)
            and t.i + 1 < len(doc) and doc[t.i + 1].text in followers
            and not (t.i + 2 < len(doc) and doc[t.i + 2].text[:1].islower())}


def dateline_state(doc: Doc, dictionary: ActorDictionary) -> Entry | None:
    """The state of a wire dateline ("BAGHDAD, July 2008 -", "CORCHA CAMP, Sudan (Reuters) -"), if the story has one."""
    text = doc.text[:1200]
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:3]
    dash = _dash_re(_dashes())
    for line in lines:
        m = dash.search(line[:100])
        if not m:
            continue
        head = _AGENCY_PARENS.sub(" ", line[:m.start()])
        parts = [p.strip() for p in head.split(",") if p.strip()]
        if not parts or not parts[0].replace(" ", "").replace("-", "").replace(".", "").isupper():
            continue  # the place comes first, in capitals; "AP -" or a headline is no dateline
        places = [p for p in parts if not re.search(r"\d", p)]
        for place in [*reversed(places[1:]), *places[:1], *places[:1][0].split()[-1:]] if places else []:
            entry = dictionary.lookup(place)
            if entry is not None and entry.type == "STATE":
                return entry
        return None
    return None
