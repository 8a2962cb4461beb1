"""A Doc's text, read once: ``Doc.text`` joins every token again on each call, and the rules that look at
lines and paragraphs ask for it per token.

>>> import spacy
>>> doc = spacy.blank("en")("Talks resumed.\\n\\nThey failed.")
>>> doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
True
"""
from __future__ import annotations

import weakref

from spacy.tokens import Doc

_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept while the Doc lives (retokenizing keeps a Doc's text, so the copy stays true)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
