"""The analyst's corrections, kept as data in the store and applied everywhere.

Design: the store keeps each article's triples **as extracted** (SQLite table ``extracted``, Neo4j
``:CurationExtracted`` nodes) next to a **curation log** (``curation_log`` / ``:CurationEntry``): one
entry per decision with ``seq``, ``key``, ``action``, ``args``, ``by``, ``at`` (UTC), ``reason`` and,
once undone, ``undone_at``/``undone_by``. The graph the store's ordinary tables hold is the curated
one: :class:`~graphkit.curate.apply.Curation` is a pure function from extracted triples to curated
triples, and every curation command appends an entry and *replays* the log over the extracted
triples, rewriting (in the same transaction) only the articles whose curated triples changed. So:

- every reader (``links``, ``paths``, exports, the viz, ``push``) sees the curated graph unchanged;
- ingest passes new articles through the same function (:mod:`graphkit.curate.ingest`): a merged name
  stays merged, a blocked name never becomes an actor, a rejected evidence row stays rejected when its
  article is ingested again (evidence is keyed by article, relation and character offsets);
- undo is deleting nothing: the entry is marked undone and the log replayed, so the extracted graph
  comes back exactly; the same log over the same articles always gives the same graph.

Modules: :mod:`~graphkit.curate.log` (entries), :mod:`~graphkit.curate.apply` (the function),
:mod:`~graphkit.curate.replay` (over a store), :mod:`~graphkit.curate.actions` (the commands as library
functions), :mod:`~graphkit.curate.exchange` (the shared JSON file), :mod:`~graphkit.curate.names`
(name look-up). Persistence: :mod:`graphkit.store.curation_sqlite`, :mod:`graphkit.store.curation_neo4j`.
"""
