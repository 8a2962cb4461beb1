"""Arguments, assertions and the per-doc context every pattern reads and writes."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from graphkit.model.dictionary import ActorDictionary
from graphkit.model.schema import Schema
from graphkit.nlp.mentions import Mention
from graphkit.nlp.resolve import Actor


REL_PRONOUNS = {"which", "who", "that", "whom", "whose"}


THING_PROXIES = {"figure", "figures", "uprising", "insurgency", "rebellion", "revolt", "position", "positions", "motorcade", "convoy", "base", "bases", "outpost", "outposts", "headquarters",
                  "stronghold", "strongholds", "camp", "camps", "territory", "offices", "office", "embassy", "embassies",
                  "member", "members", "ranks", "leadership", "delegation", "team", "representatives", "envoys",
                  "officials", "leaders", "commanders", "negotiators", "government", "regime", "administration"}


FORCE_PROXIES = {"forces", "force", "troops", "fighters", "militia", "militias", "militiamen", "men", "army", "soldiers",
                  "followers", "supporters", "loyalists", "units", "fronts", "gunmen", "units", "drones", "aircraft",
                  "warplanes", "jets", "ships", "navy", "artillery", "missiles", "rockets", "contractors",
                  "mercenaries", "advisers", "advisors", "personnel", "instructors", "operators", "operatives", "commandos",
                  "airstrike", "airstrikes", "strike", "strikes", "air strike", "bombardment", "shelling", "raid", "raids",
                  "militants", "rebels", "insurgents", "guerrillas", "gunmen", "peacekeepers", "mission"}


NON_STATE_LEADERS = {"insurgent", "rebel", "separatist", "militant", "opposition", "guerrilla", "militia", "tribal", "jihadist"}


COLLECTIVE_BODIES = {"alliance", "coalition", "bloc", "axis", "league", "union", "federation", "front", "council", "mission", "force"}


VOICES = {"spokesman", "spokeswoman", "spokesperson", "spokesmen"}


RECEIVE_VERBS = {"have", "receive", "enjoy", "get", "win", "secure", "gain", "obtain", "seek", "lose"}


COUNT_NOUNS = {"round", "series", "day", "week", "month", "year", "hour", "session", "set", "string", "wave", "spate", "campaign"}


ORG_PARTS = {"branch", "wing", "faction", "affiliate", "unit", "cell", "offshoot", "splinter", "franchise", "chapter"}


# verbs whose object is the one described by an "as" phrase: "Hamas named X as its leader"
APPOINT_VERBS = {"name", "appoint", "elect", "choose", "pick", "install", "designate", "nominate", "confirm", "select",
                  "regard", "see", "view", "consider", "describe", "recognize", "recognise", "identify", "know", "list",
                  "brand", "label", "treat", "portray", "present", "introduce", "replace", "succeed"}


# "dozens of Hamas fighters", "three of its commanders": the quantity stands for what it counts
QUANTITY_WORDS = {"dozens", "scores", "hundreds", "thousands", "dozen", "score", "hundred", "thousand", "number",
                   "handful", "couple", "some", "several", "many", "most", "few", "all", "both", "one", "two", "three",
                   "four", "five", "six", "seven", "eight", "nine", "ten"}


BASE_CONFIDENCE = {"role": 0.9, "participle": 0.85, "loyal": 0.8, "verb": 0.8, "noun": 0.7, "pair": 0.65, "mediator": 0.7}


ANAPHORIC_NOUNS = {"group", "organization", "organisation", "movement"}


NAME_PREFIXES = ("al-", "el-", "as-", "ad-", "ash-", "an-", "ar-", "at-", "az-")


COMMAND_NOUNS = {"command", "leadership", "control", "rule", "orders"}


LED_FORCES = {"fighters", "militia", "militiamen", "men", "followers", "loyalists", "gunmen", "forces", "guerrillas",
               "militants", "bodyguards"}


@dataclass(frozen=True)
class Arg:
    actor: int
    start: int   # token span in the doc
    end: int
    indirect: bool = False  # reached through a pronoun or a proxy noun


@dataclass
class Assertion:
    subject: Arg
    relation: str
    object: Arg
    trigger: tuple[int, int]
    pattern: str
    hedged: bool = False
    reporter: int | None = None
    confidence: float = 0.0
    sentence: tuple[int, int] = (0, 0)


@dataclass
class Context:
    doc: Doc
    mentions: list[Mention]
    actors: list[Actor]
    schema: Schema
    dictionary: ActorDictionary
    tok2m: list[int] = field(default_factory=list)
    out: list[Assertion] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tok2m = [-1] * len(self.doc)
        for i, m in enumerate(self.mentions):
            for k in range(m.start, m.end):
                self.tok2m[k] = i

    def mention(self, tok: Token) -> Mention | None:
        i = self.tok2m[tok.i]
        return self.mentions[i] if i >= 0 else None

    def arg_of(self, m: Mention, indirect: bool = False) -> Arg:
        return Arg(m.actor, m.start, m.end, indirect)

    def new_group(self, name: str, start: int, end: int) -> Arg:
        for i, a in enumerate(self.actors):
            if a.name == name:
                return Arg(i, start, end, True)
        self.actors.append(Actor(name=name, type="GROUP", aliases={name}))
        return Arg(len(self.actors) - 1, start, end, True)


def short_name(name: str) -> str:
    """The surname a writer uses for a person on second mention: 'Muqtada al-Sadr' -> 'Sadr'."""
    last = name.split()[-1] if name.split() else name
    for p in NAME_PREFIXES:
        if last.lower().startswith(p) and len(last) > len(p) + 1:
            return last[len(p):]
    return last


def state_arg(ctx: Context, state, tok: Token) -> Arg:
    for i, a in enumerate(ctx.actors):
        if a.name == state.name:
            return Arg(i, tok.i, tok.i + 1)
    ctx.actors.append(Actor(name=state.name, type=state.type, aliases={tok.text}, entry=state))
    return Arg(len(ctx.actors) - 1, tok.i, tok.i + 1)
