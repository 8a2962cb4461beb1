"""The one place curation commands turn a name into a stored actor: the look-up every command uses
(:func:`graphkit.ask.lookup.find_actor`: id, name, alias, the actor dictionary, spelling forgiven;
several equal fits are an :class:`~graphkit.ask.lookup.AmbiguousActor`, never a silent pick)."""
from __future__ import annotations

from typing import Any

from graphkit.ask.lookup import AmbiguousActor, find_actor
from graphkit.ask.query import UnknownActor

__all__ = ["AmbiguousActor", "UnknownActor", "resolve_name"]


def resolve_name(store: Any, name: str) -> dict:
    """The stored actor ``name`` names. Raises :class:`UnknownActor` (a LookupError whose message is one
    line; :class:`AmbiguousActor` when several fit) when none or several fit."""
    return find_actor(store, name)
