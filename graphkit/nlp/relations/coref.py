"""In-article coreference: what a pronoun, a bare definite description ("the group", "the country") or a
plural description ("the two sides") stands for, and the recipient a supply verb leaves unstated when the
paragraph's topic names it.

Each antecedent is the most salient compatible actor mention before the word: of a compatible type, in the
same paragraph, at most ``sentences_back`` sentences back (data/coreference.json); a subject beats a nearer
non-subject. What these resolve to is ``indirect`` and so carries a lower confidence (see ``emit``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from graphkit.model.lexicon import data_path, read_json
from graphkit.nlp.mentions import Mention
from graphkit.nlp.relations.context import Arg, Context

ACTOR_KINDS = ("ORGANIZATION", "GROUP")


@dataclass(frozen=True)
class CorefWords:
    descriptions: dict[str, tuple[str, ...]]   # bare "the X" -> actor types it can stand for
    pair_nouns: frozenset[str]                  # "the two sides"
    pair_determiners: frozenset[str]
    plural_pronouns: frozenset[str]
    sentences_back: int
    topic_holders: frozenset[str]               # "Ukraine's arsenal": its owner is a recipient topic
    implicit_confidence_factor: float
    implicit_recipient_relations: frozenset[str]   # supply relations whose unstated recipient is the topic
    agreement_nouns: frozenset[str]                 # "the deal was brokered by X": the deal just told


@lru_cache(maxsize=1)
def coref_words() -> CorefWords:
    raw = read_json(data_path("coreference.json"))
    return CorefWords(
        descriptions={k: tuple(v) for k, v in raw["descriptions"].items()},
        pair_nouns=frozenset(raw["pair_nouns"]),
        pair_determiners=frozenset(raw["pair_determiners"]),
        plural_pronouns=frozenset(raw["plural_pronouns"]),
        sentences_back=int(raw["sentences_back"]),
        topic_holders=frozenset(raw["topic_holders"]),
        implicit_confidence_factor=float(raw["implicit_confidence_factor"]),
        implicit_recipient_relations=frozenset(raw["implicit_recipient_relations"]),
        agreement_nouns=frozenset(raw["agreement_nouns"]),
    )


def bare_definite(tok: Token) -> bool:
    """'the group' alone: no name, modifier, possessor or of-phrase that says which group."""
    kids = list(tok.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and \
        not any(c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "appos", "acl", "relcl", "prep") for c in kids)


def same_paragraph(doc, lo_char: int, hi_char: int) -> bool:
    return "\n\n" not in doc.text[lo_char:hi_char]


def window(ctx: Context, tok: Token) -> list[Span]:
    """The sentence of ``tok`` and up to ``sentences_back`` sentences before it in the same paragraph,
    nearest first."""
    out = [tok.sent]
    for s in reversed([s for s in ctx.doc.sents if s.end <= tok.sent.start]):
        if len(out) > coref_words().sentences_back or not same_paragraph(ctx.doc, s.start_char, tok.idx):
            break
        out.append(s)
    return out


def _compatible(ctx: Context, m: Mention, person: bool, kinds: tuple[str, ...]) -> bool:
    if m.bare:
        return False
    if kinds:
        if m.type not in kinds or ctx.actors[m.actor].name.lower() in ctx.words.anaphoric_nouns:
            return False
        # "UN experts say ... the group": a name modifying another noun is not what "the group" means
        return ctx.doc[m.start:m.end].root.dep_ not in ("compound", "amod")
    return (m.type == "PERSON") == person


def _is_subject(ctx: Context, m: Mention) -> bool:
    return ctx.doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass")


def antecedent(ctx: Context, tok: Token, person: bool, kinds: tuple[str, ...] = (),
               titled: str | None = None) -> Mention | None:
    """The most salient compatible actor mention before ``tok``: within the current and the previous
    sentence a subject beats a nearer non-subject; failing those, the same in the sentences further back.
    With ``titled`` only a person the article has called by that title ("President X") qualifies."""
    sents = window(ctx, tok)
    clause = _clause_of(tok) if tok.dep_ != "poss" else set()  # "X overran its base": its may be X's
    tiers = [sents[:2], sents[2:]]
    for tier in tiers:
        if not tier:
            continue
        lo, hi = min(s.start for s in tier), max(s.end for s in tier)
        best = best_subject = None
        for m in ctx.mentions:
            if m.start < lo or m.start >= min(hi, tok.i) or not _compatible(ctx, m, person, kinds):
                continue
            if _clause_mate(ctx, m, clause):
                continue  # "Russia shipped rockets to the country": not Russia itself
            if titled is not None and m.actor not in titled_actors(ctx, titled):
                continue
            best = m
            # a subject is the more salient antecedent: "The EMC, the largest FARC network, ... Its commander"
            if _is_subject(ctx, m):
                best_subject = m
        if best_subject or best:
            return best_subject or best
    return None


def _clause_of(tok: Token) -> set[int]:
    """The predicates of the clause ``tok`` is an argument in, up to its first finite verb."""
    out = set()
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            out.add(a.i)
            if a.dep_ not in ("xcomp", "conj"):
                break
    return out


def _clause_mate(ctx: Context, m: Mention, clause: set[int]) -> bool:
    """A subject or object of the clause the anaphor sits in: a pronoun or description cannot mean it."""
    root = ctx.doc[m.start:m.end].root
    return root.head.i in clause and root.dep_ in ("nsubj", "nsubjpass", "dobj")


def titled_actors(ctx: Context, title: str) -> set[int]:
    """Actors some mention of which follows the title word: 'President Gustavo Petro'."""
    return {m.actor for m in ctx.mentions if m.start > 0 and ctx.doc[m.start - 1].lower_ == title}


def coordinated_with(ctx: Context, m: Mention, person: bool | None = None) -> list[Mention]:
    """The mentions coordinated with ``m`` ("Qatar and Egypt"), ``m`` included, in text order."""
    root = ctx.doc[m.start:m.end].root
    out = []
    for t in [root, *root.conjuncts]:
        other = ctx.mention(t)
        if other is not None and not other.bare and (person is None or (other.type == "PERSON") == person):
            out.append(other)
    uniq = {o.actor: o for o in out}
    return sorted(uniq.values(), key=lambda o: o.start) if len(uniq) >= 2 else []


def last_pair(ctx: Context, tok: Token, person: bool | None) -> list[Mention]:
    """'the two sides': the last two actors named together in an earlier sentence of the window,
    coordinated or as the two sides of 'between X and Y'."""
    for sent in window(ctx, tok)[1:]:
        found: list[Mention] = []
        for m in ctx.mentions:
            if sent.start <= m.start < sent.end:
                pair = coordinated_with(ctx, m, person)
                if len(pair) == 2:
                    found = pair
        if found:
            return found
    return []


def pair_description(tok: Token) -> bool:
    """'the two sides', 'both parties', 'the two generals'."""
    w = coref_words()
    return tok.lower_ in w.pair_nouns and any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in w.pair_determiners
                                              for c in tok.children)


def resolve_pronoun(ctx: Context, tok: Token) -> list[Arg]:
    """A personal or group pronoun: its antecedent; 'they'/'their' after a coordinated pair: both."""
    low = tok.lower_
    person = low in ctx.schema.person_pronouns
    ante = antecedent(ctx, tok, person)
    if ante is None:
        return []
    if low in coref_words().plural_pronouns:
        pair = coordinated_with(ctx, ante, False)
        if pair and all(p.start < tok.i for p in pair):
            return [ctx.arg_of(p, indirect=True) for p in pair]
    return [ctx.arg_of(ante, indirect=True)]


def resolve_description(ctx: Context, tok: Token) -> list[Arg] | None:
    """A bare definite description or a plural pair description; None when ``tok`` is neither."""
    low = tok.lower_
    if pair_description(tok):
        person = True if low in ("generals", "leaders") else None
        return [ctx.arg_of(m, indirect=True) for m in last_pair(ctx, tok, person)]
    kinds = coref_words().descriptions.get(low) or (ACTOR_KINDS if low in ctx.words.anaphoric_nouns else ())
    if not kinds or not bare_definite(tok):
        return None
    if kinds == ("PERSON",):
        ante = antecedent(ctx, tok, True, titled=low)  # "the president": one the article titles so
    else:
        ante = antecedent(ctx, tok, False, kinds=kinds)
    return [ctx.arg_of(ante, indirect=True)] if ante else []
