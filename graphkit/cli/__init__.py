"""The ``graphkit`` command: a thin typer layer over the library, one module per command group.

:mod:`~graphkit.cli.app` holds the typer app, :mod:`~graphkit.cli.options` the shared options and
:mod:`~graphkit.cli.common` the shared helpers; importing a command module registers its commands.
"""
from graphkit.cli.app import app
from graphkit.cli.common import default_db_path
from graphkit.cli import extract, load, graph, analysis, outputs, cypher, timeline, curation, curation_log, articles  # noqa: F401,E402  (register the commands)

__all__ = ["app", "default_db_path", "main"]


def main(args: list[str] | None = None) -> None:
    """The ``graphkit`` command: the typer app, with a usage error (a bad option value, a missing
    argument, an unknown command) said in one line, as every other error is, and exit code 2."""
    import sys

    import typer

    try:
        from typer._click import exceptions as errors  # recent typer carries its own click
    except ImportError:  # pragma: no cover - older typer runs on click
        from click import exceptions as errors

    try:
        result = app(args=args, prog_name="graphkit", standalone_mode=False)
    except errors.NoArgsIsHelpError as exc:  # bare ``graphkit``: the help
        print(exc.ctx.get_help() if exc.ctx else exc.format_message())
        sys.exit(exc.exit_code)
    except errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "graphkit"
        message = " ".join(exc.format_message().split())
        sys.stderr.write(f"{command}: {message} (see {command} --help)\n")
        sys.exit(exc.exit_code)
    except errors.ClickException as exc:
        sys.stderr.write(f"graphkit: {' '.join(exc.format_message().split())}\n")
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("graphkit: interrupted\n")
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
