"""``python -m graphkit.cli``: the same as the ``graphkit`` command."""
from graphkit.cli import app

app(prog_name="graphkit")
