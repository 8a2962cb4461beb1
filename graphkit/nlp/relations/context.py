"""Arguments, assertions and the per-doc context every pattern reads and writes."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from graphkit.model.dictionary import ActorDictionary
from graphkit.model.lexicon import Lexicon
from graphkit.model.schema import Schema
from graphkit.nlp.mentions import Mention
from graphkit.nlp.resolve import Actor


@dataclass(frozen=True)
class Arg:
    actor: int
    start: int   # token span in the doc
    end: int
    indirect: bool = False  # reached through a pronoun or a proxy noun
    named_at: int | None = None  # where the actor was named, when the span is an anaphor in another paragraph


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
    context: tuple[int, int] | None = None  # an earlier sentence an implicit argument was read from


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

    @property
    def words(self) -> Lexicon:
        return self.schema.lexicon

    def short_name(self, name: str) -> str:
        """The surname a writer uses for a person on second mention: 'Muqtada al-Sadr' -> 'Sadr'."""
        last = name.split()[-1] if name.split() else name
        for p in self.words.name_prefixes:
            if last.lower().startswith(p) and len(last) > len(p) + 1:
                return last[len(p):]
        return last

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


def state_arg(ctx: Context, state, tok: Token) -> Arg:
    for i, a in enumerate(ctx.actors):
        if a.name == state.name:
            return Arg(i, tok.i, tok.i + 1)
    ctx.actors.append(Actor(name=state.name, type=state.type, aliases={tok.text}, entry=state))
    return Arg(len(ctx.actors) - 1, tok.i, tok.i + 1)
