"""Questions an analyst asks of a stored graph: find an actor, who is linked to whom, how two actors
are connected. Each answer carries its evidence.

The functions take a store (:class:`~graphkit.store.SQLiteStore` or
:class:`~graphkit.store.neo4j.Neo4jStore`) and return plain data. They walk the graph with the
store's ``relationships_touching`` (one indexed query per step) and ``evidence_of``, so both stores
give the same answers and nothing loads the whole graph.

>>> from graphkit.store import SQLiteStore
>>> from graphkit.read import Article
>>> from graphkit.model.names import slug
>>> store = SQLiteStore(":memory:")
>>> def t(s, r, o):
...     ev = {"sentence": f"{s} {r} {o}.", "sentence_start": 0, "trigger_start": 0, "hedged": False}
...     return {"subject": s, "relation": r, "object": o, "subject_id": slug(s), "object_id": slug(o),
...             "subject_type": "PERSON", "object_type": "GROUP",
...             "hedged": False, "confidence": 0.9, "evidence": ev}
>>> _ = store.add_articles([(Article(id="a1", text="x", source="-"), [t("Ali", "commands", "Badr"),
...                                                                   t("Badr", "rival_of", "Mahdi Army")])])
>>> [(row["actor"], row["relation"], row["direction"]) for row in links(store, "ali")]
[('Badr', 'commands', 'out')]
>>> [p["actors"] for p in paths(store, "ali", "mahdi-army")]
[['Ali', 'Badr', 'Mahdi Army']]
"""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, Iterable

from graphkit.model.names import fold, loose_key
from graphkit.model.schema import load_schema
from graphkit.ask.window import Window, evidence_in, published, windowed
from graphkit.store.rows import path_order

if TYPE_CHECKING:
    from graphkit.store.base import GraphStore

DEFAULT_MAX_DEPTH = 6
MAX_NAME_CHARS = 500  # no actor's name is longer; fuzzy matching a longer one only costs time


class UnknownActor(LookupError):
    """No actor answers to ``query``; ``suggestions`` are the closest names."""

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no actor {query!r}{hint}")


class NameTooLong(UnknownActor):
    """An actor name past :data:`MAX_NAME_CHARS`, refused before any matching."""

    def __init__(self, query: str):
        LookupError.__init__(self, f"an actor name is at most {MAX_NAME_CHARS} characters "
                                   f"(this one has {len(query)})")
        self.query = query
        self.suggestions = []


def check_name(text: str) -> None:
    """Raise :class:`NameTooLong` for a name past :data:`MAX_NAME_CHARS`."""
    if len(text) > MAX_NAME_CHARS:
        raise NameTooLong(text)


# ---------------------------------------------------------------------------------------- finding actors

def _names_of(actor: dict) -> list[str]:
    return [actor["name"], *(actor.get("aliases") or [])]


def match_score(query: str, name: str) -> float:
    """How well ``query`` names ``name``, 0..1: 1 for the same name up to case, punctuation, titles and
    transliteration ("Soleimani" ~ "Suleimani"), else the best similarity of the whole name or one of
    its words (a surname alone), a word scoring a little less than the whole.

    >>> match_score("Qods Force", "Quds Force")
    1.0
    >>> match_score("Soleimani", "Qassem Suleimani") > 0.8
    True
    >>> match_score("Hamas", "Hezbollah") < 0.6
    True
    """
    q, n = fold(query), fold(name)
    if not q or not n:
        return 0.0
    if q == n or loose_key(query) == loose_key(name):
        return 1.0
    lq, ln = loose_key(query), loose_key(name)
    best = difflib.SequenceMatcher(None, lq, ln).ratio()
    if " " not in lq:
        for word in ln.split():
            if len(word) > 2:
                best = max(best, 0.95 * difflib.SequenceMatcher(None, lq, word).ratio())
    if len(q) >= 3 and (n.startswith(q + " ") or (" " + q) in n):
        best = max(best, 0.9)
    return best


def _actors_of(store: GraphStore | Iterable[dict]) -> Iterable[dict]:
    """The actors of a store; a plain iterable of actor dicts is taken as it is (the older calling form)."""
    return store.actors() if hasattr(store, "actors") else store


def find_actors(store: GraphStore | Iterable[dict], text: str, *, limit: int = 10,
                cutoff: float = 0.75) -> list[dict]:
    """Actors of ``store`` whose name or an alias matches ``text``, best first: each actor dict with
    ``score`` and ``matched`` (the name or alias that matched). An empty ``text`` lists every actor by
    name; a text past :data:`MAX_NAME_CHARS` matches nothing. ``store`` may also be an iterable of actor
    dicts.

    >>> actors = [{"id": "qassem-suleimani", "name": "Qassem Suleimani", "type": "PERSON", "aliases": []},
    ...           {"id": "hamas", "name": "Hamas", "type": "ORGANIZATION", "aliases": []}]
    >>> [a["name"] for a in find_actors(actors, "Soleimani")]
    ['Qassem Suleimani']
    """
    if len(text) > MAX_NAME_CHARS:
        return []  # no actor's name is that long
    actors = list(_actors_of(store))
    if not text.strip():
        return [{**a, "score": 1.0, "matched": a["name"]} for a in sorted(actors, key=lambda a: fold(a["name"]))]
    found = []
    for actor in actors:
        if text == actor["id"]:
            found.append({**actor, "score": 1.0, "matched": actor["id"]})
            continue
        score, matched = max((match_score(text, name), name) for name in _names_of(actor))
        if score >= cutoff:
            found.append({**actor, "score": round(score, 3), "matched": matched})
    found.sort(key=lambda a: (-a["score"], fold(a["name"]), a["id"]))
    return found[:limit] if limit else found


def resolve_actor(store: GraphStore | Iterable[dict], text: str) -> dict:
    """The one actor of ``store`` that ``text`` names: :func:`graphkit.ask.lookup.find_actor` (id, name,
    alias, the actor dictionary, spelling forgiven; :class:`~graphkit.ask.lookup.AmbiguousActor` when
    several fit). Given a plain iterable of actor dicts instead of a store: its id, else an exact name
    or alias (up to case, punctuation and transliteration), else the single best fuzzy match clearly
    ahead of the next. Raises :class:`UnknownActor` with the closest names otherwise
    (:class:`NameTooLong` past :data:`MAX_NAME_CHARS`)."""
    check_name(text)
    if hasattr(store, "actors_named"):
        from graphkit.ask.lookup import find_actor

        return find_actor(store, text)
    actors = list(store)
    for actor in actors:
        if actor["id"] == text:
            return actor
    exact = [a for a in actors if any(match_score(text, n) == 1.0 for n in _names_of(a))]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:  # several actors share the spelling: prefer the canonical name over an alias
        by_name = [a for a in exact if match_score(text, a["name"]) == 1.0]
        if len(by_name) == 1:
            return by_name[0]
        raise UnknownActor(text, [f"{a['name']} ({a['id']})" for a in exact[:5]])
    close = find_actors(actors, text, limit=5, cutoff=0.6)
    if close and close[0]["score"] >= 0.85 and (len(close) == 1 or close[0]["score"] - close[1]["score"] >= 0.05):
        return close[0]
    raise UnknownActor(text, [a["name"] for a in close])


# ---------------------------------------------------------------------------------------- walking

def _keep(rel: dict, relations: set[str] | None, since: str | None, min_articles: int) -> bool:
    if relations and rel["relation"] not in relations:
        return False
    if rel["articles"] < min_articles:
        return False
    return not (since and (rel["last_seen"] or "") < since)


def _direction(rel: dict, near: str, symmetric: frozenset[str]) -> str:
    """'out' when ``near`` is the subject, 'in' when it is the object, 'both' for a symmetric relation."""
    if rel["relation"] in symmetric:
        return "both"
    return "out" if rel["subject_id"] == near else "in"


def _summary(rel: dict) -> dict[str, Any]:
    return {"relation": rel["relation"], "articles": rel["articles"], "evidence_count": rel["evidence"],
            "only_hedged": rel["hedged_share"] == 1, "hedged_share": rel["hedged_share"],
            "best_confidence": rel["best_confidence"], "first_seen": rel["first_seen"],
            "last_seen": rel["last_seen"], "relationship_id": rel["id"], "subject_id": rel["subject_id"],
            "object_id": rel["object_id"]}


def _evidence_entry(ev: dict) -> dict[str, Any]:
    return {"sentence": ev["sentence"], "article": ev["article_id"], "article_title": ev.get("article_title"),
            "article_date": ev.get("article_date"), "published": published(ev), "hedged": ev["hedged"], "reported_by": ev.get("reported_by"),
            "trigger": ev.get("trigger"), "pattern": ev.get("pattern"), "confidence": ev.get("confidence")}


def evidence_by_relationship(store: GraphStore, relationship_ids: Iterable[str],
                             per: int | None = None, window: Window | None = None) -> dict[str, list[dict]]:
    """Evidence entries of each relationship, in the order they were stored, at most ``per`` each
    (only those of articles published inside ``window``, when given)."""
    out: dict[str, list[dict]] = {}
    rows = store.evidence_of(relationship_ids)
    for ev in evidence_in(rows, window) if window else rows:
        bucket = out.setdefault(ev["relationship_id"], [])
        if per is None or len(bucket) < per:
            bucket.append(_evidence_entry(ev))
    return out


def links(store: GraphStore, actor_id: str, *, relations: Iterable[str] | None = None, depth: int = 1,
          since: str | None = None, min_articles: int = 1, until: str | None = None) -> list[dict]:
    """Who ``actor_id`` is linked to, out to ``depth`` hops: one row per relationship met, with the
    near actor (``from``), the other (``actor``), relation and direction seen from the near actor
    (``out``, ``in`` or ``both``), the aggregates, and the first evidence sentence with its article.
    Rows are ordered by hop, then most articles, best confidence and name. ``since`` and ``until``
    (YYYY[-MM[-DD]], inclusive) keep relationships stated in an article published between them, with
    their aggregates counted from those articles (:mod:`graphkit.ask.window`; undated ones are left
    out); ``min_articles`` keeps those stated in at least that many articles.
    """
    window = Window.of(since, until)
    wanted = set(relations) if relations else None
    symmetric = load_schema().symmetric
    seen = {actor_id}
    frontier = {actor_id}
    done: set[str] = set()
    rows: list[dict] = []
    for hop in range(1, depth + 1):
        if not frontier:
            break
        following: set[str] = set()
        for rel in windowed(store, store.relationships_touching(frontier), window):
            if rel["id"] in done or not _keep(rel, wanted, None, min_articles):
                continue
            done.add(rel["id"])
            near = rel["subject_id"] if rel["subject_id"] in frontier else rel["object_id"]
            side = "subject" if near == rel["subject_id"] else "object"
            far = "object" if side == "subject" else "subject"
            rows.append({"depth": hop, "from": rel[side], "from_id": near, "actor": rel[far],
                         "actor_id": rel[f"{far}_id"], "actor_type": rel[f"{far}_type"],
                         "direction": _direction(rel, near, symmetric), **_summary(rel),
                         "evidence": rel["first_sentence"], "article": rel["first_article"],
                         "article_title": rel["first_article_title"]})
            if rel[f"{far}_id"] not in seen:
                seen.add(rel[f"{far}_id"])
                following.add(rel[f"{far}_id"])
        frontier = following
    rows.sort(key=lambda r: (r["depth"], -r["articles"], -(r["best_confidence"] or 0), r["relation"],
                             fold(r["actor"]), r["actor_id"]))
    return rows


def _shortest_paths(store: GraphStore, source_id: str, target_id: str, wanted: set[str] | None,
                    max_depth: int, window: Window | None = None
                    ) -> tuple[list[list[str]], dict[str, str], dict[tuple[str, str], dict[str, dict]]]:
    """Bidirectional breadth-first search driven from here, one ``neighbours`` query a step (the store
    has no search of its own, or a date window limits what may be walked): ``(paths, names, hops)`` as
    :func:`graphkit.store.neo4j_path.best_paths` without its evidence."""
    import networkx as nx

    explored = nx.Graph()
    explored.add_nodes_from([source_id, target_id])
    names: dict[str, str] = {}
    sides = [{source_id}, {target_id}]        # visited from each end
    frontiers = [{source_id}, {target_id}]
    depths = [0, 0]
    met = False
    while not met and depths[0] + depths[1] < max_depth and all(frontiers):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1  # grow the smaller side
        following: set[str] = set()
        step = [r for r in store.neighbours(frontiers[side]) if not wanted or r["relation"] in wanted]
        if window:
            dated = {ev["relationship_id"] for ev in evidence_in(store.evidence_of([r["id"] for r in step]), window)}
            step = [r for r in step if r["id"] in dated]
        for rel in step:
            s, o = rel["subject_id"], rel["object_id"]
            if s == o:
                continue
            names[s], names[o] = rel["subject"], rel["object"]
            rels = explored.get_edge_data(s, o, default={}).get("rels", {})
            rels[rel["id"]] = rel
            explored.add_edge(s, o, rels=rels)
            for node in (s, o):
                if node not in sides[side]:
                    sides[side].add(node)
                    following.add(node)
        frontiers[side] = following
        depths[side] += 1
        met = bool(sides[0] & sides[1])
    if not met:
        return [], names, {}
    found = []
    for i, ids in enumerate(nx.all_shortest_paths(explored, source_id, target_id)):
        found.append(ids)
        if i >= 10_000:  # enough to choose the best from in a dense graph
            break
    pairs = {tuple(sorted(p)) for ids in found for p in zip(ids, ids[1:])}
    hop_rels = {rid for a, b in pairs for rid in explored[a][b]["rels"]}
    on_paths = {n for ids in found for n in ids}
    full = {r["id"]: r for r in store.relationships_touching(on_paths) if r["id"] in hop_rels}
    hops = {(a, b): {rid: full[rid] for rid in explored[a][b]["rels"] if rid in full} for a, b in pairs}
    return found, names, hops


def paths(store: GraphStore, source_id: str, target_id: str, *, relations: Iterable[str] | None = None,
          all_paths: bool = False, max_depth: int = DEFAULT_MAX_DEPTH, limit: int = 20,
          evidence_per_hop: int = 3, since: str | None = None, until: str | None = None) -> list[dict]:
    """How two actors are connected: the shortest paths between them, whatever the direction of each
    relationship, out to ``max_depth`` hops. Without ``all_paths`` only the best shortest path (fewest
    hops that are only hedged, then the most articles on its weakest hop, then names); with it every
    shortest path, best first, at most ``limit``. Each path: ``length``, ``actors`` (names), ``ids`` and
    ``hops``, each hop the relationships between two consecutive actors with direction and evidence.
    An empty list when they are not connected within ``max_depth``. With ``since``/``until`` only
    relationships stated in an article published in that window are walked (:func:`links`).

    A store with a ``best_paths`` method of its own (Neo4j: the server's shortest-path search, ranked by
    the server) finds the paths that can come first, with their hops and evidence, in one query; otherwise,
    or within a date window, they are searched here. Either way the order is decided here, by the same rule.
    """
    window = Window.of(since, until)
    if source_id == target_id:
        return []
    wanted = set(relations) if relations else None
    symmetric = load_schema().symmetric
    search = getattr(store, "best_paths", None)
    evidence: dict[str, list[dict]] | None = None
    if search is not None and not window:
        found, names, hops, rows = search(source_id, target_id, relations=wanted, max_depth=max_depth,
                                          best=limit if all_paths else 1, evidence_per=evidence_per_hop)
        evidence = {rid: [_evidence_entry(ev) for ev in evs] for rid, evs in rows.items()}
    else:
        found, names, hops = _shortest_paths(store, source_id, target_id, wanted, max_depth, window)
    if not found:
        return []
    if window:  # the aggregates as the window's articles state them
        kept = {r["id"]: r for r in windowed(store, [r for pair in hops.values() for r in pair.values()], window)}
        hops = {pair: {rid: kept[rid] for rid in rels if rid in kept} for pair, rels in hops.items()}

    def rels_of(a: str, b: str) -> Iterable[dict]:
        return hops.get((a, b) if a <= b else (b, a), {}).values()

    def strength(ids: list[str]) -> tuple:
        steps = [list(rels_of(a, b)) for a, b in zip(ids, ids[1:])]
        only_hedged = sum(all(r["hedged_share"] == 1 for r in rels) for rels in steps)
        weakest = min(max((r["articles"] for r in rels), default=0) for rels in steps)
        return path_order(only_hedged, weakest, [names[n] for n in ids], ids)

    found.sort(key=strength)
    chosen = found[:limit] if all_paths else found[:1]
    if evidence is None:  # the evidence of the chosen paths' hops only
        hop_rels = {rid for ids in chosen for a, b in zip(ids, ids[1:]) for rid in hops.get(tuple(sorted((a, b))), {})}
        evidence = evidence_by_relationship(store, hop_rels, per=evidence_per_hop, window=window)

    def hop(a: str, b: str) -> dict:
        rels = sorted(rels_of(a, b), key=lambda r: (-r["articles"], r["relation"]))
        return {"from": names[a], "from_id": a, "to": names[b], "to_id": b,
                "relationships": [{**_summary(r), "direction": _direction(r, a, symmetric),
                                   "evidence": evidence.get(r["id"], [])} for r in rels]}

    return [{"length": len(ids) - 1, "actors": [names[n] for n in ids], "ids": ids,
             "hops": [hop(a, b) for a, b in zip(ids, ids[1:])]} for ids in chosen]


def show(store: GraphStore, actor: dict, *, evidence_per_relationship: int | None = None,
         since: str | None = None, until: str | None = None) -> dict:
    """One actor with its aliases, type and every relationship (direction seen from it), each with its
    evidence: what an analyst reads before trusting anything about it. ``since``/``until`` keep what
    articles published in that window state (:func:`links`)."""
    symmetric = load_schema().symmetric
    window = Window.of(since, until)
    rels = windowed(store, store.relationships_touching([actor["id"]]), window)
    evidence = evidence_by_relationship(store, [r["id"] for r in rels], per=evidence_per_relationship,
                                        window=window)
    out = []
    for rel in rels:
        mine = "subject" if rel["subject_id"] == actor["id"] else "object"
        other = "object" if mine == "subject" else "subject"
        out.append({"actor": rel[other], "actor_id": rel[f"{other}_id"], "actor_type": rel[f"{other}_type"],
                    "direction": _direction(rel, actor["id"], symmetric), **_summary(rel),
                    "evidence": evidence.get(rel["id"], [])})
    out.sort(key=lambda r: (r["relation"], -r["articles"], fold(r["actor"]), r["actor_id"]))
    return {"id": actor["id"], "name": actor["name"], "type": actor["type"],
            "aliases": list(actor.get("aliases") or []), "relationships": out}


def neighbourhood(store: GraphStore, actor_id: str | None = None, *, depth: int = 1,
                  relations: Iterable[str] | None = None, since: str | None = None,
                  until: str | None = None) -> Any:
    """The store's graph as a networkx MultiDiGraph (as ``store.to_networkx()``), or only what lies
    within ``depth`` hops of ``actor_id``: the actors met and the relationships that led to them.
    With ``relations``, only relationships of those relations and the actors on them;
    ``since``/``until`` keep the relationships stated in that window (:func:`links`).
    """
    import networkx as nx

    from graphkit.ask.window import windowed_graph

    if actor_id is None:
        graph = store.to_networkx()
        if relations:
            wanted = set(relations)
            graph.remove_edges_from([(s, o, k) for s, o, k in graph.edges(keys=True) if k not in wanted])
            graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])  # only actors on them
        return windowed_graph(store, graph, Window.of(since, until))
    rows = links(store, actor_id, relations=relations, depth=depth, since=since, until=until)
    ids = {actor_id} | {r["actor_id"] for r in rows}
    graph = nx.MultiDiGraph()
    for actor in store.actors():
        if actor["id"] in ids:
            graph.add_node(actor["id"], name=actor["name"], type=actor["type"], aliases=actor["aliases"])
    for r in rows:
        graph.add_edge(r["subject_id"], r["object_id"], key=r["relation"], id=r["relationship_id"],
                       relation=r["relation"], articles=r["articles"], evidence=r["evidence_count"],
                       hedged_share=r["hedged_share"], best_confidence=r["best_confidence"],
                       first_seen=r["first_seen"], last_seen=r["last_seen"])
    return graph


def attach_examples(store: GraphStore, graph: Any, per: int = 5, window: Window | None = None) -> Any:
    """Give every edge of ``graph`` its first ``per`` evidence sentences (inside ``window``, when given)
    as ``examples`` (for pictures), each with its article's publication date as ``date``."""
    ids = [data["id"] for _, _, data in graph.edges(data=True) if data.get("id")]
    evidence = evidence_by_relationship(store, ids, per=per, window=window)
    for _, _, data in graph.edges(data=True):
        data["examples"] = [{"sentence": ev["sentence"], "article_id": ev["article"], "hedged": ev["hedged"],
                             "title": ev["article_title"], "date": ev["published"]}
                            for ev in evidence.get(data.get("id"), [])]
    return graph


def attach_first_evidence(store: GraphStore, graph: Any, window: Window | None = None) -> Any:
    """Give every edge of ``graph`` its first evidence sentence (inside ``window``, when given) as
    ``example``, with its article id and title as ``example_article`` and ``example_article_title`` (for
    exports)."""
    ids = [data["id"] for _, _, data in graph.edges(data=True) if data.get("id")]
    first = evidence_by_relationship(store, ids, per=1, window=window)
    for _, _, data in graph.edges(data=True):
        ev = (first.get(data.get("id")) or [None])[0]
        if ev:
            data.update(example=ev["sentence"], example_article=ev["article"], example_article_title=ev["article_title"])
    return graph
