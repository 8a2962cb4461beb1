"""The escapes news feeds leave in CSV/JSONL exports (AG News: " #39;", "quot;", "&lt;b&gt;", "\\" for a
line break), cleaned before extraction so they never reach an actor's name.

>>> clean_feed_escapes('Iran #39;s talks with quot;SAS Braathens quot; &lt;b&gt;now&lt;/b&gt;\\\\ next')
'Iran\\'s talks with "SAS Braathens " now next'
"""
from __future__ import annotations

import html
import re

__all__ = ["clean_feed_escapes"]

# entity names that lost their "&" (AG News), the space before them belonging to the "&"
_BARE_ENTITIES = ((" #39;", "'"), ("#39;", "'"), (" #36;", " $"), ("#36;", "$"), ("quot;", '"'),
                  (" #38;", " &"), ("#38;", "&"))
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
_BACKSLASHES = re.compile(r"\s*\\+\s*")


def clean_feed_escapes(text: str) -> str:
    """``text`` with HTML entities unescaped, the tags they spelled dropped, bare entity names
    ("#39;", "quot;") replaced and backslash line breaks made spaces."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub("", text)
    if ";" in text:
        for bad, good in _BARE_ENTITIES:
            text = text.replace(bad, good)
    if "\\" in text:
        text = _BACKSLASHES.sub(" ", text)
    return text
