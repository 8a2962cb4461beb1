"""``graphkit cypher``: one parameterized Cypher file run against Neo4j, its rows printed.

The file is found as given or by name in the package's ``cypher/queries/``; parameters come from the
file's ``// defaults:`` line and ``--param key=value``.
"""
from __future__ import annotations

import json
import os
import re
from typing import List, Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import check_choice, exit_with, open_neo4j, required_neo4j_uri
from graphkit.cli.options import Format
from graphkit.views.render import FORMATS, emit


def parse_params(pairs: List[str]) -> dict:
    """``k=v`` pairs as Cypher parameters: a value that is JSON (a number, list, true, null) is decoded,
    anything else is a string.

    >>> parse_params(["actor=iran", "top=5", 'relations=["commands"]', "name=O'Brien"])
    {'actor': 'iran', 'top': 5, 'relations': ['commands'], 'name': "O'Brien"}
    """
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param {pair!r} is not key=value")
        try:
            params[key.strip()] = json.loads(value)
        except RecursionError:
            raise ValueError(f"--param {key.strip()}: the value is nested too deeply") from None
        except ValueError:
            params[key.strip()] = value
    return params


def file_defaults(path: str) -> dict:
    """Default parameters a Cypher file declares in a comment line ``// defaults: {JSON object}``."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.lstrip().startswith("// defaults:"):
                try:
                    defaults = json.loads(line.split(":", 1)[1])
                except RecursionError:
                    raise ValueError("the // defaults: line is nested too deeply") from None
                except ValueError as exc:
                    raise ValueError(f"the // defaults: line is not JSON ({exc})") from None
                if not isinstance(defaults, dict):
                    raise ValueError('the // defaults: line must be a JSON object, e.g. {"top": 5}')
                return defaults
    return {}


def query_file(name: str) -> str:
    """The path of a Cypher file: as given when it exists, else ``cypher/queries/NAME[.cypher]``."""
    from graphkit.store.statements import CYPHER_DIR

    if os.path.isfile(name):
        return name
    stem = name[:-len(".cypher")] if name.endswith(".cypher") else name
    candidate = CYPHER_DIR / "queries" / f"{stem}.cypher"
    if re.fullmatch(r"[A-Za-z0-9_-]+", stem) and candidate.is_file():
        return str(candidate)
    raise FileNotFoundError(name)


@app.command()
def cypher(
    file: str = typer.Argument(..., help="A .cypher file, or the name of one in cypher/queries/ (links, path, "
                               "actors, show, rank_degree, relation_between)."),
    param: List[str] = typer.Option([], "--param", "-p", help="Parameter as key=value (JSON values decoded); repeatable."),
    write: bool = typer.Option(False, "--write", help="Run in a write transaction. Without it the server's plan "
                               "(EXPLAIN) must be a read: writes, schema and administration commands, "
                               "TERMINATE TRANSACTIONS and LOAD CSV are refused."),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Bolt URI of the Neo4j server (default $GRAPHKIT_NEO4J_URI)."),
    fmt: Format = "table",
) -> None:
    """Run one parameterized Cypher statement from a file against Neo4j and print its rows. The
    questions of links, path, actors and show are in cypher/queries/ for Cypher users; values only
    ever travel as parameters.

    A file may declare default parameters in a comment line: // defaults: {"relations": null}

    Example: graphkit cypher links --param actor=qassem-suleimani --format json
    """
    from graphkit.store import StoreError
    from graphkit.store.neo4j_files import RefusedQuery

    check_choice(fmt, FORMATS)
    uri = required_neo4j_uri(neo4j)
    try:
        path_ = query_file(file)
        params = {**file_defaults(path_), **parse_params(param)}
    except FileNotFoundError:
        exit_with(f"{file}: no such Cypher file (nor in cypher/queries/)")
    except (OSError, UnicodeDecodeError) as exc:
        exit_with(f"{file}: cannot read ({exc})")
    except ValueError as exc:
        exit_with(f"{file}: {exc}")
    with open_neo4j(uri) as store:
        try:
            rows = store.run_file(path_, params, write=write)
        except (OSError, UnicodeDecodeError) as exc:
            exit_with(f"{file}: cannot read ({exc})")
        except RefusedQuery as exc:
            exit_with(f"{file}: refused without --write: {exc}")
        except StoreError as exc:
            exit_with(str(exc), 1)
    emit(rows, fmt, title=f"{len(rows)} rows")
