"""Versions of a source: ingesting an edited file again replaces the article it stored before, so a
correction never counts as a second article.

An article's id is the hash of its text, so an edited file reads as a new article with the same
``source``. After a run has stored the new version, :func:`replace_old_versions` forgets the older
articles of that source: their evidence goes, and with it the relationships (and actors) only they
supported. The rule is kept narrow so that nothing else is ever lost:

- only a source that gave exactly one article in the run (a file, a CSV or JSONL row: ``path#row=N``)
  is replaced; standard input (``-``) and sources of several articles (a feed) never are;
- the new version must be stored, under the same source (an article whose extraction failed, or a
  row skipped because another row took its id, leaves the old one in place);
- an article whose text was read again in the run, under any source, is never forgotten (rows that
  moved in a CSV keep their articles).

The new version is stored before the old is forgotten, so a failure in between leaves the old version
in place (and both versions for a moment); the next run of the same command finishes the replacement,
since it looks at every source it reads, stored or not.

>>> from graphkit.store import SQLiteStore
>>> from graphkit.records import Article
>>> store = SQLiteStore(":memory:")
>>> _ = store.add_articles([(Article(id="v1", text="old", source="a.txt"), [])])
>>> _ = store.add_articles([(Article(id="v2", text="new", source="a.txt"), [])])
>>> replace_old_versions(store, {"a.txt": {"v2"}})
['v1']
>>> [a["id"] for a in store.articles()]
['v2']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:
    from graphkit.store.base import GraphStore

STDIN_SOURCE = "-"
_CHUNK = 500


class SourceVersions:
    """What one ingest run read, kept small: the one article id of each single-article source, the
    sources that gave several, and every id read (with the first source that gave it)."""

    def __init__(self) -> None:
        self.latest: dict[str, str] = {}
        self.several: set[str] = set()
        self.first_source: dict[str, str] = {}  # every id read -> the first source that gave it
        self.shared_ids: set[str] = set()  # ids read from more than one source (a repeated --id-column value)

    def add(self, source: str, article_id: str) -> None:
        """Note that ``article_id`` was read from ``source``."""
        if self.first_source.setdefault(article_id, source) != source:
            self.shared_ids.add(article_id)
        if source in self.several:
            return
        known = self.latest.get(source)
        if known is None:
            self.latest[source] = article_id
        elif known != article_id:
            del self.latest[source]
            self.several.add(source)


def stale_versions(store: GraphStore, read: Mapping[str, Iterable[str]] | SourceVersions) -> list[dict]:
    """The stored articles that newer versions read in this run replace, by the rules of this module:
    ``read`` is what the run read (source -> ids read from it, or a :class:`SourceVersions`)."""
    if not isinstance(read, SourceVersions):
        seen = SourceVersions()
        for source, ids in read.items():
            for article_id in ids:
                seen.add(source, article_id)
        read = seen
    single = sorted(s for s in read.latest if s != STDIN_SOURCE)
    stale: list[dict] = []
    for i in range(0, len(single), _CHUNK):
        stale.extend(a for a in store.articles(single[i:i + _CHUNK]) if a["id"] not in read.first_source)
    if not stale:
        return []
    stored = store.stored_articles({read.latest[a["source"]] for a in stale})
    # An id that several sources gave in this run (a repeated --id-column value) is the version of the
    # source it is stored under only: the other rows were skipped, so their old versions stay.
    shared = {i for i in stored if i in read.shared_ids}
    source_of = {i: (store.article(i) or {}).get("source") for i in shared}
    return [a for a in stale if read.latest[a["source"]] in stored
            and (read.latest[a["source"]] not in shared or source_of[read.latest[a["source"]]] == a["source"])]


def replace_old_versions(store: GraphStore, read: Mapping[str, Iterable[str]] | SourceVersions) -> list[str]:
    """Forget the articles :func:`stale_versions` finds; the ids forgotten."""
    return [a["id"] for a in stale_versions(store, read) if store.forget(a["id"])]


def articles_of_source(store: GraphStore, source: str) -> list[dict]:
    """The stored articles whose source is ``source`` (as stored: the path or URL given to ingest)."""
    return store.articles([source])
