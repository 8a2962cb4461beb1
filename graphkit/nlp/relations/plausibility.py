"""Whether a relation read off the parse is one an analyst drawing an actor map would draw at all.

The patterns read constructions ("X led Y to ...", "Y boss X", "X beat Y", "a battle between X and Y")
that also occur in text that is not about conflict. Three checks, all from data (``plausibility`` in
data/lexicon.json):

- a place is no actor: a state-typed name the dictionary does not know, modifying a common noun
  ("a San Francisco adviser", "the Palo Alto company"), is a city that locates it, never a subject or object;
- a sports sentence (a sports word, a sports competition's name, or a score such as "79-67") states no
  conflict relation: a player "leads" his team to a win, teams "beat" and "meet" each other, a coach or
  manager runs a team. Only a club executive (chairman, president, owner) heading his club stays
  ``commands``, as a company's head does under the GUIDE's "X heads Y";
- a commerce sentence (shares, a merger, a patent suit, a settlement, software) gives no attack, rivalry,
  funding or arms supply: a "legal battle" or a "rival bank" is competition, a payment is a price or a
  settlement. Talks, deals and a company's head stay.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from graphkit.model.lexicon import data_file
from graphkit.nlp.relations.context import Arg, Context

_SCORE = re.compile(r"(?<![\w./:-])\d{1,3}-\d{1,3}(?![\w./:-])")


@dataclass(frozen=True)
class OffTopicWords:
    sports_words: frozenset[str]
    sports_names: re.Pattern[str]
    sports_staff_roles: frozenset[str]
    commerce_words: frozenset[str]
    commerce_blocked_relations: frozenset[str]


@lru_cache(maxsize=1)
def off_topic_words() -> OffTopicWords:
    """The ``plausibility`` word lists of data/lexicon.json."""
    raw = data_file("lexicon.json")["plausibility"]
    names = "|".join(re.escape(n) for n in sorted(raw["sports_names"], key=len, reverse=True))
    return OffTopicWords(
        sports_words=frozenset(w.lower() for w in raw["sports_words"]),
        sports_names=re.compile(r"\b(?:%s)\b" % names),
        sports_staff_roles=frozenset(w.lower() for w in raw["sports_staff_roles"]),
        commerce_words=frozenset(w.lower() for w in raw["commerce_words"]),
        commerce_blocked_relations=frozenset(raw["commerce_blocked_relations"]),
    )


def _has_word(sent: Span, words: frozenset[str]) -> bool:
    return any(t.lower_ in words or t.lemma_.lower() in words for t in sent)


def is_sports(sent: Span) -> bool:
    """A sports word, a competition's name ("Davis Cup") or a score ("3-1", "79-67") in the sentence."""
    words = off_topic_words()
    return _has_word(sent, words.sports_words) or bool(words.sports_names.search(sent.text)) \
        or bool(_SCORE.search(sent.text))


def is_commerce(sent: Span) -> bool:
    """A word of markets, deals between firms, patents and settlements in the sentence."""
    return _has_word(sent, off_topic_words().commerce_words)


def is_place(ctx: Context, arg: Arg) -> bool:
    """A state-typed name the dictionary does not know, modifying a common noun, is a city that locates
    that noun ("a San Francisco investment adviser", "the Palo Alto company"), not an actor."""
    actor = ctx.actors[arg.actor]
    if actor.type != "STATE" or actor.entry is not None or ctx.dictionary.lookup(actor.name):
        return False
    root = ctx.doc[arg.start:arg.end].root
    return root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN"


def implausible(ctx: Context, subject: Arg, relation: str, obj: Arg, trigger: Token | Span, pattern: str,
                sent: Span) -> bool:
    """True when (subject, relation, obj) at ``trigger`` in ``sent`` is no relation of the actor map."""
    if is_place(ctx, subject) or is_place(ctx, obj):
        return True
    words = off_topic_words()
    if is_sports(sent):
        head = trigger if isinstance(trigger, Token) else trigger.root
        executive = relation == "commands" and pattern == "role" and head.lower_ not in words.sports_staff_roles \
            and head.lemma_.lower() not in words.sports_staff_roles
        return not executive
    return relation in words.commerce_blocked_relations and is_commerce(sent)
