"""How both pictures look: the colours of actor types and relations, and how an edge is read and ordered.

The page (:mod:`graphkit.views.page`) and the image (:mod:`graphkit.views.image`) draw with the same
palette: :data:`TYPE_COLOURS` for actor types (types it does not know are drawn as UNKNOWN) and
:data:`RELATION_COLOURS`, a colour per relation of the schema, in schema order.

>>> RELATION_COLOURS["commands"] == RELATION_PALETTE[0]
True
>>> [(r["name"], r["symmetric"]) for r in relation_meta({"rival_of", "commands", "hosts"})]
[('commands', False), ('rival_of', True), ('hosts', False)]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from graphkit.model.schema import load_schema

if TYPE_CHECKING:
    import networkx

TYPE_COLOURS: dict[str, str] = {
    "PERSON": "#4e79a7",
    "ORGANIZATION": "#f28e2b",
    "STATE": "#59a14f",
    "GROUP": "#e15759",
    "UNKNOWN": "#a39e98",
}
TYPE_LABELS: dict[str, str] = {"PERSON": "person", "ORGANIZATION": "organization", "STATE": "state",
                               "GROUP": "group", "UNKNOWN": "unknown type"}
OTHER_RELATION_COLOUR = "#444444"
# Relations take these colours in the order the schema lists them (the first eight: the eight relations
# of today's schema); relations past the palette, or unknown to the schema, are OTHER_RELATION_COLOUR.
RELATION_PALETTE: tuple[str, ...] = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#7f7f7f", "#17becf",
                                     "#bcbd22", "#ff7f0e", "#8c564b", "#e377c2")


def relation_colours(relations: Iterable[str]) -> dict[str, str]:
    """A colour for each relation, from :data:`RELATION_PALETTE` in the order given.

    >>> relation_colours(["commands", "funds"])
    {'commands': '#1f77b4', 'funds': '#d62728'}
    """
    names = list(relations)
    return {name: RELATION_PALETTE[i] if i < len(RELATION_PALETTE) else OTHER_RELATION_COLOUR
            for i, name in enumerate(names)}


RELATION_COLOURS: dict[str, str] = relation_colours(load_schema().relations)


def type_key(value: Any) -> str:
    """The palette key of an actor type: the type itself when the palette knows it, else UNKNOWN."""
    return value if value in TYPE_COLOURS else "UNKNOWN"


def relation_meta(names: set[str]) -> list[dict]:
    """The relations present, in schema order (unknown ones last), with colour, label and symmetry."""
    schema = load_schema()
    ordered = [r for r in RELATION_COLOURS if r in names] + sorted(names - set(RELATION_COLOURS))
    out = []
    for name in ordered:
        rel = schema.relations.get(name)
        out.append({"name": name, "colour": RELATION_COLOURS.get(name, OTHER_RELATION_COLOUR),
                    "label": rel.label if rel else name.replace("_", " "),
                    "symmetric": name in schema.symmetric})
    return out


def sorted_edges(graph: networkx.MultiDiGraph) -> list[tuple]:
    """Edges with keys and data in one order whatever the insertion order: by source, relation, target."""
    return sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[2]), str(e[1])))


def hedged_only(attrs: dict) -> bool:
    """Whether every article only hedges the relationship (drawn dashed)."""
    return (attrs.get("hedged_share") or 0) >= 1



def number(value: Any) -> float | int | None:
    """An edge attribute as a JSON number (an int when it is a whole non-float), None when it is not one."""
    if value is None:
        return None
    try:
        as_float = float(value)
    except (TypeError, ValueError):
        return None
    return int(as_float) if as_float.is_integer() and not isinstance(value, float) else as_float
