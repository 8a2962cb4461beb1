"""The typer application every command module registers on, and the ``--version`` flag."""
from __future__ import annotations

import typer

from graphkit import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news and analysis articles into a graph of actors and their relations, with evidence.",
)


@app.callback()
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True)) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()
