"""The ``role`` pattern: a role noun in apposition, before a name or as a predicate; listed members."""
from __future__ import annotations

from spacy.tokens import Token

from graphkit.model.schema import load_schema
from graphkit.nlp.relations.context import Arg, Context, state_arg
from graphkit.nlp.relations.arguments import args, conjuncts, logical_subjects, prep_objects, relative_head, single_arg
from graphkit.nlp.relations.coref import antecedent
from graphkit.nlp.relations.emit import emit
from graphkit.nlp.relations.titles import implicit_state


def construction_words(key: str) -> frozenset[str]:
    """A word class of the schema's ``construction_words``, for callers without a Context (nouns.py)."""
    return load_schema().words_of(key)


def role_phrase(ctx: Context, r: Token) -> tuple[str, tuple[str, bool], Token] | None:
    """The longest role phrase ending at ``r`` ('chief negotiator', 'prime minister', 'arms supplier')."""
    words = [r.lower_]
    best = None
    if ctx.schema.role(r.lower_) or ctx.schema.role(r.lemma_.lower()):
        best = (r.lower_, ctx.schema.role(r.lower_) or ctx.schema.role(r.lemma_.lower()), r)
    k = r.i - 1
    while k >= 0 and len(words) < ctx.schema.max_role_words and ctx.doc[k].head.i in (r.i, k + 1) and ctx.tok2m[k] < 0:
        words.insert(0, ctx.doc[k].lower_)
        phrase = " ".join(words)
        hit = ctx.schema.role(phrase)
        if hit:
            best = (phrase, hit, r)
        k -= 1
    return best


def forward_title(ctx: Context, r: Token) -> tuple[str, set[int]] | None:
    """A title that reads on past ``r``: 'Commander-in-Chief' (one hyphenated run), 'Secretary of State',
    'chief of staff'. The phrase and the tokens after ``r`` it takes in."""
    doc = ctx.doc
    end = r.i
    while end + 1 < len(doc) and not doc[end].whitespace_ and (doc[end + 1].text == "-" or doc[end].text == "-"):
        end += 1
    if end > r.i and ctx.schema.role(doc[r.i:end + 1].text.lower()):
        return doc[r.i:end + 1].text.lower(), set(range(r.i + 1, end + 1))
    for c in r.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == r.i + 1:
            objs = [p for p in c.children if p.dep_ == "pobj"]
            if objs and objs[0].i <= r.i + 3:
                words = [t.lower_ for t in doc[c.i + 1:objs[0].i + 1] if t.lower_ != "the"]
                phrase = " ".join([r.lower_, "of", *words])
                if ctx.schema.role(phrase):
                    return phrase, set(range(r.i + 1, objs[0].i + 1))
    return None


_ROLE_WORDS: dict[int, tuple[object, frozenset[str]]] = {}


def _may_hold_role(ctx: Context, r: Token) -> bool:
    """Whether a role phrase can end at ``r`` (``role_phrase``: its lemma, or a phrase's last word) or start
    there (``forward_title``: any beginning of a phrase, 'commander' of 'commander-in-chief'); the cheap test
    before their walks, for the nine nouns in ten that are no role. Keep in step with those two."""
    words = _ROLE_WORDS.get(id(ctx.schema))
    if words is None or words[0] is not ctx.schema:
        keys = ctx.schema.roles
        found = {k[:n] for k in keys for n in range(1, len(k) + 1)} | {k.rsplit(" ", 1)[-1] for k in keys}
        words = _ROLE_WORDS[id(ctx.schema)] = (ctx.schema, frozenset(found))
    low = r.lower_
    return low in words[1] or " " in low or ctx.schema.role(r.lemma_.lower()) is not None


def role_pattern(ctx: Context, r: Token) -> None:
    if not _may_hold_role(ctx, r):
        return
    found = role_phrase(ctx, r)
    longer = forward_title(ctx, r)
    inside: set[int] = set()
    if longer is not None:
        found = (longer[0], ctx.schema.role(longer[0]), r)
        inside = longer[1]
    if not found:
        return
    phrase, (relation, inverted), _ = found
    if ctx.tok2m[r.i] >= 0:
        return
    mods = {c.lower_ for c in r.children if c.dep_ in ("amod", "compound", "advmod")}
    if relation == "commands" and (mods & ctx.schema.member_role_modifiers or phrase.split()[0] in ctx.schema.member_role_modifiers):
        relation = "member_of"
    if relation == "commands" and one_of_many(ctx, r, phrase):
        relation = "member_of"  # "X, a commander of Y": one of Y's commanders, not its head
    if relation == "commands" and portfolio_head(ctx, r):
        relation = "member_of"  # "the movement's security chief X" heads one of its departments
    holders: list[Arg] = []
    if r.dep_ == "appos":
        holders += single_arg(ctx, r.head, 0)
    for c in r.children:
        if c.dep_ == "appos":
            holders += args(ctx, c)
    if not holders:
        holders += misplaced_apposition(ctx, r)
    if not holders:
        holders += named_holder(ctx, r)
    if not holders and ctx.schema.relations[relation].symmetric:
        # "X and its foes in the rebel movements", "its rivals among the militias": the group they are in
        holders += [a for c in r.children if c.dep_ == "prep" and c.lower_ in ("in", "among")
                    for p in c.children if p.dep_ == "pobj" for a in args(ctx, p)
                    if ctx.actors[a.actor].type in ("ORGANIZATION", "GROUP")]
    if r.dep_ in ("compound", "nmod"):
        h = r.head
        while ctx.mention(h) is None and h.dep_ == "compound" and h.head.i != h.i:
            h = h.head
        m = ctx.mention(h)
        if m is not None and not (m.start <= r.i < m.end):
            holders.append(ctx.arg_of(m))
    if r.dep_ == "pobj" and r.head.lower_ == "as" and r.head.head.pos_ in ("VERB", "AUX") and r.head.dep_ == "prep":
        # "X took office as Y's president", "X stayed on as chief of Y"; "Y named X as its leader"
        v = r.head.head
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if v.lemma_ in ctx.words.appoint_verbs and objs:
            holders += [a for c in objs for a in args(ctx, c)]
        elif v.lemma_ not in ctx.words.appoint_verbs:
            holders += [a for t in logical_subjects(v, ctx) for a in args(ctx, t)]
    if r.dep_ == "pobj" and r.head.lower_ == "as" and r.head.head.pos_ == "NOUN" and r.head.dep_ == "prep":
        # "during his years as Y's leader", "X's tenure as chief of Y"
        holders += [a for c in r.head.head.children if c.dep_ == "poss" for a in args(ctx, c)]
    if r.dep_ in ("attr",) and r.head.lemma_ in ctx.schema.words_of("copular_verbs"):
        holders += [a for c in r.head.children if c.dep_ == "nsubj" for a in args(ctx, c)]
    if r.dep_ == "nsubj" and r.head.lemma_ in ctx.schema.words_of("copular_verbs"):
        # "Y's main enemy is / remains X"
        holders += [a for c in r.head.children if c.dep_ == "attr" for a in args(ctx, c)]
    if not holders and r.dep_ == "pobj" and r.head.lower_ == "at" and r.lower_ in ctx.schema.words_of("position_nouns"):
        holders += position_holders(ctx, r.head.head)  # "X, at the head of Y", "X appeared at the helm of Y"
    if not holders and r.dep_ in ("oprd", "xcomp", "attr") and r.head.lemma_ in ctx.words.appoint_verbs:
        holders += appointed(ctx, r.head)  # "Y named X its leader", "X, who was elected head of Y"
    small_clause = [c for c in r.children if c.dep_ == "nsubj"]
    if small_clause and r.dep_ in ("ccomp", "oprd", "xcomp") and relation == "rival_of":
        # "X declared Turkey an enemy"
        declarers = [a for t in logical_subjects(r.head, ctx) for a in args(ctx, t)]
        enemies = [a for c in small_clause for a in args(ctx, c)]
        emit(ctx, declarers, relation, enemies, r, "role")
        return
    if not holders:
        return
    orgs: list[Arg] = []
    for c in r.children:
        if c.i in inside:
            continue
        if c.dep_ == "prep" and c.lower_ in ("of", "to" if relation == "supplies_weapons_to" else "of"):
            orgs += [a for p in c.children if p.dep_ == "pobj" for a in args(ctx, p) or staff_owner(ctx, p)]
        elif c.dep_ == "prep" and relation == "member_of" and c.lower_ in ctx.schema.words_of("membership_preps"):
            # "a senior figure in the group"; "in East Africa", "in Iraq" name where, not what
            orgs += [a for p in c.children if p.dep_ == "pobj" for a in args(ctx, p)
                     if ctx.actors[a.actor].type in ("ORGANIZATION", "GROUP")]
        elif c.dep_ == "poss":
            found = args(ctx, c) or relative_owner(ctx, c)
            if relation == "commands" and (phrase not in ctx.schema.state_roles or mods & ctx.words.non_state_leaders):
                found = [a for a in found if ctx.actors[a.actor].type != "STATE"]
            orgs += found
        elif c.dep_ in ("compound", "nmod", "amod") and c.i < r.i:
            m = ctx.mention(c)
            if m is not None and m.type != "PERSON":
                if m.type == "STATE" and c.dep_ == "amod" and relation == "commands" and phrase not in ctx.schema.state_roles:
                    continue
                orgs.append(ctx.arg_of(m))
            elif c.dep_ == "compound" and c.lower_ in ctx.schema.words_of("body_modifiers") and not list(c.children):
                orgs += described_body(ctx, c)  # "party leader X": the party the story is about
            elif c.ent_type_ in ("NORP", "GPE") or c.text[:1].isupper():
                state = modifier_state(ctx, c)
                if state is not None and (relation != "commands" or (phrase in ctx.schema.state_roles
                                                                       and not mods & ctx.words.non_state_leaders)):
                    orgs.append(state_arg(ctx, state, c))
    if not orgs and ctx.schema.relations[relation].symmetric and r.dep_ == "attr" and \
            r.head.lemma_ in ctx.schema.words_of("copular_verbs"):
        # "for Y, X remains the most dangerous adversary": whose adversary is said in the 'for' phrase
        orgs += [a for t in prep_objects(r.head, ["for"]) for a in args(ctx, t)]
    if relation == "commands" and not orgs and mods & ctx.words.non_state_leaders:
        group = descriptor_group(ctx, r, sorted(mods & ctx.words.non_state_leaders)[0])
        if group is not None:
            orgs.append(group)
    if relation == "commands" and not orgs and not inverted and unwritten_state_title(ctx, r, phrase):
        orgs = implicit_state(ctx, r, holders)
    holders = [h for h in holders if not (relation in ("commands", "member_of") and ctx.actors[h.actor].type == "STATE")]
    if relation == "member_of":
        orgs = [o for o in orgs if ctx.actors[o.actor].type != "PERSON"]
        if phrase in ctx.schema.words_of("peer_roles"):
            # "his Pakistani counterpart, X" is the peer of a head of state as often as a member of a state
            orgs = [o for o in orgs if ctx.actors[o.actor].type != "STATE"]
    if inverted:
        emit(ctx, orgs, relation, holders, r, "role")
    else:
        emit(ctx, holders, relation, orgs, r, "role")


def misplaced_apposition(ctx: Context, r: Token) -> list[Arg]:
    """'Bush and his rival, Senator Kerry, ...': the name right after 'ROLE ,' that the parse hung on
    another noun as its apposition, past title words."""
    k = r.i + 1
    if k + 1 >= len(ctx.doc) or ctx.doc[k].text != "," or r.dep_ not in ("conj", "appos", "nsubj", "dobj", "pobj"):
        return []
    k += 1
    while k < len(ctx.doc) and ctx.tok2m[k] < 0 and ctx.doc[k].lower_.rstrip(".") in ctx.schema.titles and k < r.i + 5:
        k += 1
    m = ctx.mention(ctx.doc[k]) if k < len(ctx.doc) else None
    if m is None or m.start != k:
        return []
    closed = m.end < len(ctx.doc) and ctx.doc[m.end].text == ","  # "his rival, Senator X, said"
    if ctx.doc[m.start:m.end].root.dep_ != "appos" and not closed:
        return []
    return [ctx.arg_of(m)]


def named_holder(ctx: Context, r: Token) -> list[Arg]:
    """The person a role noun titles when the parse hung them apart: 'ROLE Name' with the name right after
    the role ('and North Korean leader Kim ...' parsed as two conjuncts), or 'a ROLE named/called Name'."""
    nxt = ctx.doc[r.i + 1] if r.i + 1 < len(ctx.doc) else None
    m = ctx.mention(nxt) if nxt is not None else None
    if m is not None and m.start == r.i + 1 and m.type == "PERSON" and r.tag_ != "NNS":
        return [ctx.arg_of(m)]
    for c in r.children:
        if c.dep_ == "acl" and c.lemma_ in ctx.schema.words_of("naming_participles") and c.i == r.i + 1:
            return [ctx.arg_of(m) for t in c.children if t.dep_ in ("oprd", "dobj", "attr", "xcomp")
                    and (m := ctx.mention(t)) is not None and m.type == "PERSON"]
    return []


def described_body(ctx: Context, c: Token) -> list[Arg]:
    """The organisation a bare body noun before a role stands for ('party leader X', 'group spokesman X'):
    the most salient organisation named before it (coref.antecedent)."""
    ante = antecedent(ctx, c, False, kinds=("ORGANIZATION", "GROUP"))
    return [ctx.arg_of(ante, indirect=True)] if ante is not None else []


def position_holders(ctx: Context, h: Token) -> list[Arg]:
    """Who is 'at the head of' something: the person the phrase modifies, or the subject of its verb (past
    'as the founder's heir at the head of Y')."""
    if h.pos_ == "NOUN" and ctx.mention(h) is None and h.dep_ == "pobj" and h.head.lower_ == "as":
        h = h.head.head
    if h.pos_ in ("VERB", "AUX"):
        found = [a for t in logical_subjects(h, ctx) for a in args(ctx, t)]
    else:
        found = args(ctx, h)
    return [a for a in found if ctx.actors[a.actor].type == "PERSON"]


def appointed(ctx: Context, v: Token) -> list[Arg]:
    """Who an appointment verb puts in a role: its object, or its passive subject (through 'who')."""
    if v.lemma_ not in ctx.schema.words_of("appointment_verbs"):
        return []  # 'described X as', 'regarded X as' say what X is called, not what X was made
    objs = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    return [a for c in objs for a in args(ctx, c) if ctx.actors[a.actor].type == "PERSON"]


def relative_owner(ctx: Context, c: Token) -> list[Arg]:
    """'the party, whose governor, X, ...': the noun the relative clause hangs on owns the role."""
    if c.lower_ != "whose":
        return []
    head = relative_head(c)
    return args(ctx, head) if head is not None else []


def staff_owner(ctx: Context, p: Token) -> list[Arg]:
    """'chief of the army staff': the body whose staff it is."""
    if p.lemma_.lower() not in ctx.schema.words_of("staff_nouns"):
        return []
    return [ctx.arg_of(m) for c in p.children if c.dep_ in ("compound", "nmod") and (m := ctx.mention(c))]


def unwritten_state_title(ctx: Context, r: Token, phrase: str) -> bool:
    """'interim President X', 'the Prime Minister, X': a head-of-state title with nothing that names what
    it heads ('club president', 'president of the bank' name their body and are read elsewhere)."""
    if phrase not in ctx.schema.implicit_state_titles:
        return False
    for c in r.children:
        if c.dep_ == "prep" and c.lower_ == "of" or c.dep_ == "poss":
            return False
        if c.dep_ in ("compound", "nmod") and c.i < r.i and c.lower_ not in phrase.split() \
                and c.lower_ not in ctx.schema.words_of("title_modifiers"):
            return False
    return True


def modifier_state(ctx: Context, c: Token):
    """The state a demonym modifier names, read with the words before it ('North Korean', 'South African')."""
    for start in range(c.left_edge.i, c.i + 1):
        if all(ctx.tok2m[k] < 0 for k in range(start, c.i + 1)):
            state = ctx.dictionary.state_for_demonym(ctx.doc[start:c.i + 1].text)
            if state is not None:
                return state
    return None


def portfolio_head(ctx: Context, r: Token) -> bool:
    """'security chief', 'Gaza chief', 'intelligence head': a head role whose noun modifier names a department
    or a region of the body (not an actor of its own, not a demonym): one of the body's members."""
    if r.lower_ not in ctx.schema.words_of("department_heads"):
        return False
    for c in r.children:
        if c.dep_ == "compound" and c.i < r.i and ctx.mention(c) is None and c.ent_type_ not in ("NORP",) \
                and c.lower_ not in ctx.words.non_state_leaders and ctx.dictionary.state_for_demonym(c.text) is None:
            return True
    return False


def one_of_many(ctx: Context, r: Token, phrase: str) -> bool:
    """'a commander', 'one of the leaders', 'a senior leader': a rank among many, not the single head."""
    if phrase not in ctx.schema.words_of("rank_roles"):
        return False
    if any(c.lower_ in ctx.schema.words_of("former_markers") for c in r.children):
        return False  # "X, a former commander of Y" most often led it; an ended role still counts
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in r.children):
        return True
    return r.tag_ == "NNS" or (r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.lower_ == "one")


def descriptor_group(ctx: Context, r: Token, descriptor: str) -> Arg | None:
    """'Kashmir separatist leader X', 'Iraq's insurgent leader X': X leads a named collective."""
    for c in r.children:
        if c.dep_ in ("compound", "poss", "amod", "nmod") and c.i < r.i and c.lower_ != descriptor:
            m = ctx.mention(c)
            place = None
            if m is not None and ctx.actors[m.actor].type == "STATE":
                entry = ctx.dictionary.lookup(ctx.actors[m.actor].name)
                adjectives = [d for d in (entry.demonyms if entry else ()) if not d.endswith("s")]
                place = adjectives[0] if adjectives else ctx.doc[m.start:m.end].text
            elif c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "LOC") or (c.text[:1].isupper() and c.is_alpha):
                place = c.text
            if place:
                name = f"{place} {descriptor}s"
                return ctx.new_group(name, c.i, r.i)
    return None


def listed_members(ctx: Context, t: Token) -> None:
    """'The Three Brotherhood Alliance — the MNDAA, the TNLA and the AA — ...': each listed group is a member."""
    m = ctx.mention(t)
    if m is None or t.lower_ not in ctx.words.collective_bodies or ctx.doc[m.start:m.end].root.i != t.i:
        return
    members: list[Arg] = []
    for c in t.children:
        if c.dep_ == "appos":
            for x in conjuncts(c):
                members += [a for a in single_arg(ctx, x, 0) if a.actor != m.actor]
    if len({a.actor for a in members}) >= 2:
        emit(ctx, members, "member_of", [ctx.arg_of(m)], t, "role")
