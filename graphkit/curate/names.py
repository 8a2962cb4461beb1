"""The one place curation commands turn a name into a stored actor: swap :func:`resolve_name` for the
spelling-forgiving look-up (``graphkit.ask.lookup.find_actor``) when it lands."""
from __future__ import annotations

from typing import Any

from graphkit.ask.query import UnknownActor, resolve_actor

__all__ = ["UnknownActor", "resolve_name"]


def resolve_name(store: Any, name: str) -> dict:
    """The stored actor ``name`` names (its id, name or an alias; spelling forgiven). Raises
    :class:`UnknownActor` (a LookupError whose message is one line) when none or several fit."""
    quick = store.actors_named(name)
    if len(quick) == 1:
        return quick[0]
    return resolve_actor(quick or list(store.actors()), name)
