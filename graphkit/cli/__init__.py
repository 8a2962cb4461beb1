"""The ``graphkit`` command: a thin typer layer over the library, one module per command group."""
from graphkit.cli.main import app, default_db_path
from graphkit.cli import graph as _graph  # noqa: F401  (registers the graph-reading commands on app)

__all__ = ["app", "default_db_path"]
