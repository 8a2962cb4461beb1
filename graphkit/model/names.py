"""Deterministic name normalization: one actor, one key, whatever the spelling.

>>> fold("Muqtada al-Sadr's")
'muqtada al sadr'
>>> name_key("Brig. Gen. Qassem Suleimani") == name_key("Qassem Suleimani")
True
>>> loose_key("Qods Force") == loose_key("Quds Force")
True
>>> loose_key("al Sadr") == loose_key("al-Sadr") == loose_key("Sadr")
True
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from graphkit.model.lexicon import data_file
from graphkit.model.schema import load_schema

_POSSESSIVE = re.compile(r"['’`]s\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)  # pure, and called tens of times per text on the same few words
def fold(text: str) -> str:
    """ASCII, lower case, no possessive 's, punctuation and hyphens as single spaces."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = _POSSESSIVE.sub("", s)
    return _NON_ALNUM.sub(" ", s).strip()


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern[str]:
    titles = sorted({fold(t) for t in load_schema().titles if fold(t)}, key=len, reverse=True)
    return re.compile(r"^(?:(?:%s)\s+)+" % "|".join(re.escape(t) for t in titles))


def strip_titles(folded: str) -> str:
    """Drop leading titles from a folded name; never drop the whole name."""
    stripped = _title_re().sub("", folded + " ").strip()
    return stripped or folded


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Folded name without a leading article and titles."""
    s = fold(text)
    s = re.sub(r"^(the|a|an)\s+", "", s)
    return strip_titles(s)


_TRANSLIT = [
    (re.compile(r"ou"), "u"), (re.compile(r"oo"), "u"), (re.compile(r"ee"), "i"), (re.compile(r"q"), "k"),
    (re.compile(r"dh"), "d"), (re.compile(r"kh"), "k"), (re.compile(r"ph"), "f"), (re.compile(r"y"), "i"),
    (re.compile(r"o"), "u"), (re.compile(r"e"), "i"), (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """A key that equates common transliteration and particle variants (Qods/Quds, al-Sadr/Sadr)."""
    particles = load_schema().name_particles
    words = name_key(text).split()
    kept = [w for w in words if w not in particles] or words
    out = []
    for w in kept:
        for pattern, repl in _TRANSLIT:
            w = pattern.sub(repl, w)
        out.append(w)
    return " ".join(out)


MAX_ID_CHARS = 200  # ids are indexed; Neo4j refuses an index key past ~8 KB, and long ids help nobody


def bounded_id(text: str, limit: int = MAX_ID_CHARS) -> str:
    """``text`` when at most ``limit`` characters, else its head and a hash of the whole: stable, unique
    in practice, and small enough for any store's index.

    >>> bounded_id("a1")
    'a1'
    >>> len(bounded_id("x" * 9000))
    200
    """
    if len(text) <= limit:
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{text[:limit - len(digest) - 1]}~{digest}"


def slug(text: str) -> str:
    """A stable, readable id fragment: 'Qassem Suleimani' -> 'qassem-suleimani' (bounded: :func:`bounded_id`)."""
    return bounded_id(name_key(text).replace(" ", "-") or "unnamed")


_FOLLOWING = re.compile(r"^(.+?)['’]s ([A-Za-z]+)$")


def following_owner(name: str) -> str:
    """The person whose armed following ``name`` is: "Sadr's men" -> 'Sadr' (the nouns of a following are
    lexicon.json ``led_forces``); '' when the name is no following."""
    m = _FOLLOWING.match(name.strip())
    if m is None or m.group(2).lower() not in load_schema().lexicon.led_forces:
        return ""
    return m.group(1).strip()


def following_id(owner: str) -> str:
    """One id for every following of one person, whatever the noun: "Sadr's men", "Sadr's militia" and
    "Sadr's fighters" are 'sadr-followers'.

    >>> following_id("al-Sadr") == following_id("Sadr")
    True
    """
    return slug(f"{loose_owner(owner)} followers")


def loose_owner(owner: str) -> str:
    """A person's surname without an Arabic article prefix: 'al-Sadr' -> 'Sadr'."""
    last = owner.split()[-1] if owner.split() else owner
    for p in load_schema().lexicon.name_prefixes:
        if last.lower().startswith(p) and len(last) > len(p) + 1:
            return last[len(p):]
    return last


def forces_id(state_name: str) -> str:
    """The id of a state's armed forces, one actor whatever the text calls them ('U.S. troops', 'American
    military', 'US forces'): ``slug('<state> forces')``.

    >>> forces_id("United States")
    'united-states-forces'
    """
    return slug(f"{state_name} forces")


def _common_nouns() -> frozenset[str]:
    """Nouns that name no one on their own: collective and organ nouns, armed nouns, titles."""
    schema = load_schema()
    terms = data_file("actor_terms.json")
    words = set(schema.collective_nouns) | set(schema.bare_collectives) | set(schema.state_organs)
    words |= set(terms["qualified_collectives"]["armed"]) | set(terms["qualified_collectives"]["heads"])
    words |= set(terms["state_forces"]["nouns"]) | {t for t in schema.titles if " " not in t}
    return frozenset(w.split()[-1] for w in words if w and not w.startswith("_"))


@lru_cache(maxsize=65536)  # a writer asks it of every evidence row's two surface forms
def is_alias(text: str) -> bool:
    """Whether a surface form is worth keeping as an actor's alias: a name, never a pronoun phrase ('his
    followers', a clause about 'his former supporters'), a bare common noun ('government', 'the army',
    'security forces') or a held place ('rebel-held towns'). Anything else a text calls an actor is kept,
    however odd its characters.

    >>> [is_alias(s) for s in ("U.S. military", "al-Sadr's militia", "government", "the army", "his followers")]
    [True, True, False, False, False]
    """
    words = text.split()
    if not words:
        return False
    schema = load_schema()
    pronouns = schema.person_pronouns | schema.group_pronouns | schema.lexicon.relative_pronouns  # a clause
    if any(w.lower() in pronouns for w in words):
        return False
    held = data_file("actor_terms.json")["held_by"]["participles"]
    if any(w.lower().rpartition("-")[2] in held and "-" in w for w in words):
        return False  # "rebel-held towns" stands for the rebels but does not name them
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    lower = all(w.isalpha() and w.islower() for w in words)
    return not (words and lower and words[-1] in _common_nouns()) and bool(words)
