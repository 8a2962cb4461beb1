"""The runnable examples in the docstrings of the library modules run and give what they say."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["graphkit.ask.query", "graphkit.ask.analysis", "graphkit.views.export", "graphkit.views.render",
           "graphkit.views.viz", "graphkit.views.layout", "graphkit.views.style", "graphkit.views.page",
           "graphkit.views.image", "graphkit.cli.cypher", "graphkit.model.names", "graphkit.records", "graphkit.store",
           "graphkit.store.sqlite", "graphkit.store.statements"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
