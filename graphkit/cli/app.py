"""The typer application every command module registers on, and the ``--version`` flag."""
from __future__ import annotations

import typer

from graphkit import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news and analysis articles into a graph of actors and their relations, with evidence.",
)


def print_version(value: bool) -> None:
    """``--version``: print ``graphkit VERSION`` and exit 0."""
    # An eager option's callback runs while the arguments are parsed, before click asks for a command;
    # checking the flag in the group callback instead would never run ("Missing command.").
    if value:
        typer.echo(f"graphkit {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True,
                                      callback=print_version)) -> None:
    pass
