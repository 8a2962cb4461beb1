"""In-article coreference: what a pronoun, a bare definite description ("the group", "the country") or a
plural description ("the two sides") stands for, and the recipient a supply verb leaves unstated when the
paragraph's topic names it.

Each antecedent is the most salient compatible actor mention before the word: of a compatible type, in the
same paragraph, at most ``sentences_back`` sentences back (data/coreference.json); a subject beats a nearer
non-subject. What these resolve to is ``indirect`` and so carries a lower confidence (see ``emit``).
"""
from __future__ import annotations

from dataclasses import dataclass
from collections import Counter
from functools import lru_cache
from typing import Callable

from spacy.tokens import Span, Token

from graphkit.model.lexicon import data_file
from graphkit.nlp.doctext import doc_text
from graphkit.nlp.mentions import Mention
from graphkit.nlp.relations.context import Arg, Context

ACTOR_KINDS = ("ORGANIZATION", "GROUP")


@dataclass(frozen=True)
class CorefWords:
    descriptions: dict[str, tuple[str, ...]]   # bare "the X" -> actor types it can stand for
    pair_nouns: frozenset[str]                  # "the two sides"
    pair_determiners: frozenset[str]
    group_counts: dict[str, int]                # "the three smaller groups": how many were named together
    descriptive_modifiers: frozenset[str]       # "the Islamist group": says what kind, not which one
    plural_pronouns: frozenset[str]
    sentences_back: int
    topic_holders: frozenset[str]               # "Ukraine's arsenal": its owner is a recipient topic
    implicit_confidence_factor: float
    implicit_recipient_relations: frozenset[str]   # supply relations whose unstated recipient is the topic
    agreement_nouns: frozenset[str]                 # "the deal was brokered by X": the deal just told
    person_descriptions: dict[str, frozenset[str]]  # "the governor" -> the titles a person it stands for bears
    evaluative_modifiers: frozenset[str]            # "the embattled governor": says nothing about which one


@lru_cache(maxsize=1)
def coref_words() -> CorefWords:
    raw = data_file("coreference.json")
    return CorefWords(
        descriptions={k: tuple(v) for k, v in raw["descriptions"].items()},
        pair_nouns=frozenset(raw["pair_nouns"]),
        pair_determiners=frozenset(raw["pair_determiners"]),
        group_counts={k: int(v) for k, v in raw["group_counts"].items()},
        descriptive_modifiers=frozenset(raw["descriptive_modifiers"]),
        plural_pronouns=frozenset(raw["plural_pronouns"]),
        sentences_back=int(raw["sentences_back"]),
        topic_holders=frozenset(raw["topic_holders"]),
        implicit_confidence_factor=float(raw["implicit_confidence_factor"]),
        implicit_recipient_relations=frozenset(raw["implicit_recipient_relations"]),
        agreement_nouns=frozenset(raw["agreement_nouns"]),
        person_descriptions={k: frozenset(v) for k, v in raw.get("person_descriptions", {}).items()},
        evaluative_modifiers=frozenset(raw.get("evaluative_modifiers", ())),
    )


def bare_definite(tok: Token) -> bool:
    """'the group' alone: no name, modifier, possessor or of-phrase that says which group."""
    kids = list(tok.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and \
        not any(c.dep_ in ("compound", "amod", "poss", "nmod", "nummod", "appos", "acl", "relcl", "prep") for c in kids)


def same_paragraph(doc, lo_char: int, hi_char: int) -> bool:
    return "\n\n" not in doc_text(doc)[lo_char:hi_char]


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


def plural_mention(ctx: Context, m: Mention) -> bool:
    """A mention 'they' can stand for: a plural name ('the Houthis'), a group, or one of a coordinated pair."""
    root = ctx.doc[m.start:m.end].root
    return root.tag_ in ("NNS", "NNPS") or ctx.actors[m.actor].type == "GROUP" or bool(coordinated_with(ctx, m, False))


def antecedent(ctx: Context, tok: Token, person: bool, kinds: tuple[str, ...] = (),
               titled: str | None = None, plural: bool = False, singular: bool = False,
               fits: Callable[[Mention], bool] | None = None) -> Mention | None:
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
            if (plural and not plural_mention(ctx, m)) or (fits is not None and not fits(m)):
                continue
            if singular and (coordinated_with(ctx, m, False) or ctx.doc[m.start:m.end].root.tag_ == "NNS"):
                continue  # one of "X and Y", or a plural collective ("African leaders"), is not what "it" stands for
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
    if root.dep_ == "appos" and ctx.mention(root.head) is not None:
        root = root.head  # "the Shan State Progressive Party (SSPP)": the acronym shares the name's place
    out = [*listed_with(ctx, m)]
    for t in [root, *root.conjuncts]:
        other = ctx.mention(t)
        if other is not None:
            out.append(other)
    uniq = {o.actor: o for o in out if not o.bare and (person is None or (o.type == "PERSON") == person)}
    return sorted(uniq.values(), key=lambda o: o.start) if len(uniq) >= 2 else []


LIST_GLUE = frozenset({",", "and", "the", "(", ")"})


def listed_with(ctx: Context, m: Mention) -> list[Mention]:
    """The mentions written as one list with ``m`` ("the TNLA, the MNDAA and the SSPP"), read off the
    surface: the parser often hangs a long list wrongly. Only a list with 'and' before its last item counts."""
    ordered = sorted(ctx.mentions, key=lambda k: k.start)
    i = ordered.index(m)
    lo = hi = i
    while lo > 0 and _glued(ctx, ordered[lo - 1], ordered[lo]):
        lo -= 1
    while hi + 1 < len(ordered) and _glued(ctx, ordered[hi], ordered[hi + 1]):
        hi += 1
    items = ordered[lo:hi + 1]
    joined = any(t.lower_ == "and" for a, b in zip(items, items[1:]) for t in ctx.doc[a.end:b.start])
    return items if hi > lo and joined else []


def _glued(ctx: Context, a: Mention, b: Mention) -> bool:
    gap = ctx.doc[a.end:b.start]
    if (a.type == "PERSON") != (b.type == "PERSON"):
        return False  # "an aide to President X, and Ukraine's ...": a list holds one kind of actor
    return 0 < b.start - a.end <= 4 and all(t.lower_ in LIST_GLUE for t in gap) and \
        (any(t.lower_ in (",", "and") for t in gap) or a.actor == b.actor)


def last_pair(ctx: Context, tok: Token, person: bool | None, size: int = 2) -> list[Mention]:
    """'the two sides', 'the three groups': the last ``size`` actors named together in an earlier sentence
    of the window, coordinated or as the two sides of 'between X and Y'."""
    for sent in window(ctx, tok)[1:] + previous_paragraph(ctx, tok):
        found: list[Mention] = []
        for m in ctx.mentions:
            if sent.start <= m.start < sent.end:
                pair = coordinated_with(ctx, m, person)
                if len(pair) == size:
                    found = pair
        if found:
            return found
    return []


def previous_paragraph(ctx: Context, tok: Token) -> list[Span]:
    """For an anaphor in a paragraph's first sentence, the previous paragraph's sentences, nearest first
    (at most ``sentences_back`` + 1): 'the two sides' opening a paragraph points back to the pair just told."""
    before = [s for s in ctx.doc.sents if s.end <= tok.sent.start]
    if not before or same_paragraph(ctx.doc, before[-1].start_char, tok.idx):
        return []
    out: list[Span] = []
    for s in reversed(before):
        if out and not same_paragraph(ctx.doc, s.start_char, out[-1].start_char):
            break
        out.append(s)
    return out[:coref_words().sentences_back + 1]


def pair_description(tok: Token) -> int:
    """'the two sides', 'both parties', 'the three groups': how many actors it names (0: not one)."""
    w = coref_words()
    if tok.lower_ not in w.pair_nouns:
        return 0
    for c in tok.children:
        if c.dep_ in ("nummod", "det", "predet") and c.lower_ in w.pair_determiners:
            return 2
        if c.dep_ == "nummod" and c.lower_ in w.group_counts:
            return w.group_counts[c.lower_]
    return 0


def resolve_pronoun(ctx: Context, tok: Token) -> list[Arg]:
    """A personal or group pronoun: its antecedent; 'they'/'their' after a coordinated pair: both."""
    low = tok.lower_
    person = low in ctx.schema.person_pronouns
    plural = low in coref_words().plural_pronouns
    ante = antecedent(ctx, tok, person, plural=plural, singular=not person and not plural)
    if ante is None:
        topic = None if person or plural else paragraph_topic(ctx, tok)
        return [topic_arg(topic, tok)] if topic is not None else []
    if plural:
        pair = coordinated_with(ctx, ante, False)
        if pair and all(p.start < tok.i for p in pair):
            return [ctx.arg_of(p, indirect=True) for p in pair]
    return [ctx.arg_of(ante, indirect=True)]


def resolve_description(ctx: Context, tok: Token) -> list[Arg] | None:
    """A bare definite description or a plural pair description; None when ``tok`` is neither."""
    low = tok.lower_
    if low in coref_words().person_descriptions and low not in coref_words().descriptions:
        from graphkit.nlp.relations.descriptions import person_description  # it reads this module's helpers
        return person_description(ctx, tok)
    size = pair_description(tok)
    if size:
        person = True if low in ("generals", "leaders") else None
        return [anaphor_arg(ctx, m, tok) for m in last_pair(ctx, tok, person, size)]
    kinds = coref_words().descriptions.get(low) or (ACTOR_KINDS if low in ctx.words.anaphoric_nouns else ())
    if not kinds:
        return None
    fits = None
    if not bare_definite(tok):
        fits = modifier_fit(ctx, tok)
        if fits is None:
            return None
    if kinds == ("PERSON",):
        ante = antecedent(ctx, tok, True, titled=low, fits=fits)  # "the president": one the article titles so
    else:
        ante = antecedent(ctx, tok, False, kinds=kinds, fits=fits)
    if ante is None and kinds != ("PERSON",) and fits is None and "STATE" not in kinds:
        topic = paragraph_topic(ctx, tok)  # "The group ..." opening a paragraph: the article's organisation
        return [topic_arg(topic, tok)] if topic is not None else []
    return [ctx.arg_of(ante, indirect=True)] if ante else []


def modifier_fit(ctx: Context, tok: Token) -> Callable[[Mention], bool] | None:
    """'the Islamist group', 'the Palestinian group': a definite description whose only modifiers say what
    kind of actor it is. A descriptive word fits any antecedent; a demonym one whose sentence names that
    state. None when the modifiers say which one ('the other group', 'the group's leader')."""
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return None
    mods = [c for c in kids if c.dep_ in ("amod", "compound") and c.i < tok.i]
    if not mods or any(c.dep_ in ("poss", "nmod", "nummod", "appos", "acl", "relcl", "prep") for c in kids) or \
            any(list(c.children) for c in mods):
        return None
    states = []
    for c in mods:
        if c.lower_ in coref_words().descriptive_modifiers:
            continue
        state = ctx.dictionary.state_for_demonym(c.text)
        if state is None or ctx.mention(c) is not None:
            return None
        states.append(state)

    def fits(m: Mention) -> bool:
        sent = ctx.doc[m.start].sent
        for state in states:
            words = {d.lower() for d in state.demonyms} | {state.name.lower()}
            named = {ctx.actors[k.actor].name.lower() for k in ctx.mentions if sent.start <= k.start < sent.end}
            if not (words & ({t.lower_ for t in sent} | named)):
                return False
        return True
    return fits


def anaphor_arg(ctx: Context, m: Mention, tok: Token) -> Arg:
    """An antecedent as an argument: at its mention within the paragraph; from an earlier paragraph, spanning
    the anaphor and named at the mention (a statement does not cross a paragraph break, its evidence does)."""
    if same_paragraph(ctx.doc, ctx.doc[m.start].idx, tok.idx):
        return ctx.arg_of(m, indirect=True)
    return Arg(m.actor, tok.i, tok.i + 1, indirect=True, named_at=m.start)


def topic_arg(topic: Mention, tok: Token) -> Arg:
    """The topic as an argument spanning the anaphor (it is stated in this paragraph), named at its mention."""
    return Arg(topic.actor, tok.i, tok.i + 1, indirect=True, named_at=topic.start)


def paragraph_topic(ctx: Context, tok: Token) -> Mention | None:
    """'It'/'the group' as the subject of a paragraph's first sentence, with nothing before it to stand
    for: the article's main organisation (mentioned most, at least three times, more than any other),
    at its latest mention before ``tok``."""
    if tok.dep_ not in ("nsubj", "nsubjpass") and not (tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass")):
        return None
    sents = [s for s in ctx.doc.sents if s.end <= tok.sent.start]
    if not sents or same_paragraph(ctx.doc, sents[-1].start_char, tok.idx):
        return None  # not the first sentence of a paragraph (or of the article)
    counts = Counter(m.actor for m in ctx.mentions if m.type in ACTOR_KINDS and not m.bare
                     and ctx.actors[m.actor].name.lower() not in ctx.words.anaphoric_nouns)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    earlier = [m for m in ctx.mentions if m.actor == ranked[0][0] and m.start < tok.i]
    return earlier[-1] if earlier else None
