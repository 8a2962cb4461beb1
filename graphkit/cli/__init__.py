"""The ``graphkit`` command: a thin typer layer over the library, one module per command group.

:mod:`~graphkit.cli.app` holds the typer app, :mod:`~graphkit.cli.options` the shared options and
:mod:`~graphkit.cli.common` the shared helpers; importing a command module registers its commands.
"""
from graphkit.cli.app import app
from graphkit.cli.common import default_db_path
from graphkit.cli import extract, load, graph, analysis, outputs, cypher, timeline, curation, curation_log, articles  # noqa: F401,E402  (register the commands)

__all__ = ["app", "default_db_path"]
