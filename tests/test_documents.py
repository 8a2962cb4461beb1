"""Tests for graphkit.read: reading articles from files, tables, directories and stdin."""

from __future__ import annotations

import builtins
import codecs
import io
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.read.sources import ACCEPTED
from graphkit.read import (
    DEFAULT_MAX_BYTES,
    TEXT_SUFFIXES,
    Article,
    Failure,
    ReadOptions,
    article_id,
    html_to_text,
    read_articles,
)


def read(*paths: Path | str, **options: object) -> list[Article | Failure]:
    return list(read_articles([str(p) for p in paths], ReadOptions(**options) if options else None))


def only(items: list[Article | Failure]) -> Article | Failure:
    assert len(items) == 1, items
    return items[0]


def articles(items: list[Article | Failure]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def failures(items: list[Article | Failure]) -> list[Failure]:
    return [item for item in items if isinstance(item, Failure)]


# ------------------------------------------------------------------ article_id


def test_article_id_is_16_hex_chars_and_stable_across_line_endings() -> None:
    unix = article_id("Title\n\nFirst paragraph.\nSecond line.")
    windows = article_id("Title\r\n\r\nFirst paragraph.  \r\nSecond line.\r\n")
    assert unix == windows
    assert len(unix) == 16 and all(c in "0123456789abcdef" for c in unix)


def test_article_id_changes_with_the_text() -> None:
    assert article_id("Acme buys Widget Co.") != article_id("Acme buys Widget Corp.")


def test_article_id_normalizes_unicode_to_nfc() -> None:
    assert article_id("caf\u00e9") == article_id("cafe\u0301")


# ------------------------------------------------------------------ plain text and markdown


def test_plain_text_first_line_is_title_and_stays_in_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Acme buys Widget Co\n\nAcme said on Monday it bought Widget Co.\n", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.title == "Acme buys Widget Co"
    assert article.text == "Acme buys Widget Co\n\nAcme said on Monday it bought Widget Co."
    assert article.source == str(path)
    assert article.id == article_id(article.text)
    assert article.date is None


@pytest.mark.parametrize(
    "content",
    [
        "A first line that ends in a period.\n\nMore text.",  # a sentence, not a headline
        "Headline without a blank line\nstraight into the body.",
        "x" * 201 + "\n\nBody.",  # too long for a title
        "Just one line",
    ],
)
def test_plain_text_without_a_title_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text(content, encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text == content


def test_front_matter_gives_title_and_date_and_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        '---\ntitle: "Rates rise again"\ndate: 2024-03-01\nauthor: Someone\n---\n\nThe central bank raised rates.\n',
        encoding="utf-8",
    )
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.title == "Rates rise again"
    assert article.date == "2024-03-01"
    assert article.text == "The central bank raised rates."
    assert "author" not in article.text


def test_front_matter_with_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(b"---\r\ntitle: CRLF post\r\n---\r\nBody here.\r\n")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("CRLF post", "Body here.")


def test_leading_rule_that_is_not_front_matter_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "rule.txt"
    path.write_text("---\nThis is prose, not metadata.\n---\nMore prose.", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.text.startswith("---\nThis is prose")
    assert article.date is None


def test_markdown_heading_hash_dropped_from_title_only(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("# Ministers meet in Brussels\n\nThe ministers met on Tuesday.\n", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.title == "Ministers meet in Brussels"
    assert article.text.startswith("# Ministers meet in Brussels\n\n")


# ------------------------------------------------------------------ HTML


HTML_PAGE = """<!DOCTYPE html>
<html><head>
  <title>Acme &amp; Widget merge</title>
  <meta property="article:published_time" content="2024-05-06T10:00:00Z">
  <style>body { color: red }</style>
  <script>var secret = "do not extract";</script>
</head>
<body>
  <noscript>Enable JavaScript</noscript>
  <h1>Acme &amp; Widget merge</h1>
  <p>Acme&#39;s CEO   said
     the deal closes soon.</p>
  <div>Second<br>line</div>
  <ul><li>one</li><li>two</li></ul>
  <script type="text/javascript">alert("nope")</script>
</body></html>
"""


def test_html_file_strips_markup_scripts_and_unescapes_entities(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.title == "Acme & Widget merge"
    assert article.date == "2024-05-06T10:00:00Z"
    assert article.text == (
        "Acme & Widget merge\n\nAcme's CEO said the deal closes soon.\n\nSecond\nline\n\none\ntwo"
    )
    for hidden in ("secret", "alert", "color", "JavaScript", "<", "&amp;", "&#39;"):
        assert hidden not in article.text


def test_html_to_text_title_prepended_when_body_lacks_it() -> None:
    text, title = html_to_text("<html><head><title>Page</title></head><body><p>Body &amp; soul</p></body></html>")
    assert title == "Page"
    assert text == "Page\n\nBody & soul"


def test_html_to_text_title_falls_back_to_first_h1() -> None:
    text, title = html_to_text("<body><h1>First</h1><p>x</p><h1>Second</h1></body>")
    assert title == "First"
    assert text == "First\n\nx\n\nSecond"


def test_html_to_text_without_closing_head_still_reads_body() -> None:
    text, title = html_to_text("<html><head><title>T</title><p>Body text</p>")
    assert (text, title) == ("T\n\nBody text", "T")


def test_html_content_in_txt_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("  <div>Hello <b>world</b></div><p>Bye</p>", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.text == "Hello world\n\nBye"


def test_text_starting_with_angle_bracket_but_not_html_is_plain(tmp_path: Path) -> None:
    path = tmp_path / "quote.txt"
    path.write_text("<< quoted >> text", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.text == "<< quoted >> text"


def test_html_with_only_markup_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    failure = only(read(path))
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: no text after removing HTML markup"


# ------------------------------------------------------------------ CSV


def test_csv_with_header_and_column_options(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        "doc,headline,body,published\n"
        'a1,First,"Line one.\nLine two.",2024-01-01\n'
        "a2,Second,,2024-01-02\n"
        ",Third,Third body.,\n",
        encoding="utf-8",
    )
    items = read(path, text_column="body", title_column="headline", id_column="doc", date_column="published")
    assert len(items) == 3
    first, second, third = items
    assert first == Article(
        id="a1", text="First\n\nLine one.\nLine two.", source=f"{path}#row=1", title="First", date="2024-01-01"
    )  # the title is extracted with the text, as its own paragraph
    assert second == Failure(f"{path}#row=2", f"{path}#row=2: empty text")
    assert isinstance(third, Article)
    assert third.id == article_id("Third\n\nThird body.")  # empty id cell falls back to the hash
    assert third.date is None and third.title == "Third"


def test_csv_default_columns(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("title,text,date\nT,Body,2020\n", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.title, article.text, article.date) == ("T", "T\n\nBody", "2020")


def test_csv_missing_text_column_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    failure = only(read(path))
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: no column 'text' (columns: a, b, c)"


def test_csv_header_only_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("text,title\n", encoding="utf-8")
    failure = only(read(path))
    assert isinstance(failure, Failure)
    assert "no data rows" in failure.message


def test_headerless_csv_with_digit_columns_like_ag_news(tmp_path: Path) -> None:
    path = tmp_path / "train.csv"
    path.write_text(
        '"3","Wall St. Bears Claw Back","Reuters - Short-sellers are seeing green again."\n'
        "\n"
        '"4","Tech title",""\n'
        '"2","Short row"\n'
        '"1","World news","Leaders met in Geneva."\n',
        encoding="utf-8",
    )
    items = read(path, text_column="3", title_column="2")
    assert len(items) == 4
    first, empty, short, last = items
    assert isinstance(first, Article)
    assert first.text == "Wall St. Bears Claw Back\n\nReuters - Short-sellers are seeing green again."
    assert first.title == "Wall St. Bears Claw Back"
    assert first.source == f"{path}#row=1"
    assert first.date is None  # the default date column "date" is a name, ignored without a header
    assert empty == Failure(f"{path}#row=2", f"{path}#row=2: empty text")
    assert short == Failure(f"{path}#row=3", f"{path}#row=3: no column 3 (row has 2 columns)")
    assert isinstance(last, Article) and last.source == f"{path}#row=4"


def test_headerless_csv_text_column_only_and_id_column(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("x1,Body one\nx2,Body two\n", encoding="utf-8")
    items = read(path, text_column="2", title_column=None, id_column="1")
    assert [(a.id, a.text, a.title) for a in articles(items)] == [("x1", "Body one", None), ("x2", "Body two", None)]


def test_headerless_csv_column_zero_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "z.csv"
    path.write_text("a,b\n", encoding="utf-8")
    failure = only(read(path, text_column="0"))
    assert isinstance(failure, Failure)
    assert "column numbers start at 1" in failure.message


def test_csv_with_a_huge_field(tmp_path: Path) -> None:
    path = tmp_path / "big_field.csv"
    body = "word " * 60_000  # over the csv module's default 128 KB field limit
    path.write_text(f'text\n"{body}"\n', encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.text == body.strip()


def test_csv_row_over_max_bytes_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("text\n" + "x" * 50 + "\nshort\n", encoding="utf-8")
    items = read(path, max_bytes=10)
    assert items[0] == Failure(f"{path}#row=1", f"{path}#row=1: text of 50 bytes exceeds --max-bytes 10")
    assert isinstance(items[1], Article) and items[1].text == "short"


def test_csv_with_utf8_bom_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"text,title\nBody,T\n")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.text, article.title) == ("T\n\nBody", "T")


def test_csv_with_invalid_utf8_fails_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"text\n" + b"good row\n" * 2000 + b"bad \xff row\n" + b"after\n")
    items = read(path)
    assert len(items) == 2002
    assert len(articles(items)) == 2001
    assert items[2000] == Failure(f"{path}#row=2001", f"{path}#row=2001: not valid UTF-8 (byte 0xff)")
    assert isinstance(items[2001], Article) and items[2001].text == "after"


def test_utf16_csv_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes("text,title\nKörper,Titel\n".encode("utf-16"))
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.text, article.title) == ("Titel\n\nKörper", "Titel")


# ------------------------------------------------------------------ JSONL


def test_jsonl_rows_with_one_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "First body.", "title": "One", "date": "2024-01-01", "uid": 17}\n'
        "{not json}\n"
        "\n"
        '{"text": "Third body."}\n'
        '{"body": "no text key"}\n'
        '{"text": ["a", "list"]}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    with path.open("ab") as handle:
        handle.write(b'{"text": "latin-1 caf\xe9"}\n')
    items = read(path, id_column="uid")
    assert len(items) == 7
    first, bad, third, no_key, listed, array, undecodable = items
    assert first == Article(id="17", text="One\n\nFirst body.", source=f"{path}#row=1", title="One", date="2024-01-01")
    assert isinstance(bad, Failure) and bad.source == f"{path}#row=2"
    assert bad.message.startswith(f"{path}#row=2: invalid JSON (")
    assert isinstance(third, Article) and third.text == "Third body." and third.source == f"{path}#row=3"
    assert no_key == Failure(f"{path}#row=4", f"{path}#row=4: no key 'text' (keys: body)")
    assert listed == Failure(f"{path}#row=5", f"{path}#row=5: 'text' is an array, not a string")
    assert array == Failure(f"{path}#row=6", f"{path}#row=6: not a JSON object (got an array)")
    assert undecodable == Failure(f"{path}#row=7", f"{path}#row=7: not valid UTF-8 (byte 0xe9)")


def test_ndjson_suffix_and_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "x.ndjson"
    path.write_text('{"content": "  "}\n{"content": "ok"}\n', encoding="utf-8")
    items = read(path, text_column="content")
    assert items[0] == Failure(f"{path}#row=1", f"{path}#row=1: empty text")
    assert isinstance(items[1], Article) and items[1].text == "ok"


# ------------------------------------------------------------------ directories


def test_directory_recursion_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text("B body", encoding="utf-8")
    (root / "a.md").write_text("A body", encoding="utf-8")
    (root / "nested" / "c.html").write_text("<p>C body</p>", encoding="utf-8")
    (root / "nested" / "deeper" / "d.TXT").write_text("D body", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (root / ".git" / "config.txt").write_text("hidden dir", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (root / "script.py").write_text("print('no')", encoding="utf-8")
    items = read(root)
    assert all(isinstance(item, Article) for item in items), items
    assert [item.text for item in items] == ["A body", "B body", "C body", "D body"]
    assert [item.source for item in items] == [
        str(root / "a.md"),
        str(root / "b.txt"),
        str(root / "nested" / "c.html"),
        str(root / "nested" / "deeper" / "d.TXT"),
    ]


def test_directory_with_no_text_files(tmp_path: Path) -> None:
    root = tmp_path / "pics"
    root.mkdir()
    (root / "photo.jpg").write_bytes(b"\xff\xd8")
    failure = only(read(root))
    assert isinstance(failure, Failure)
    assert failure.source == str(root)
    assert failure.message.startswith(f"{root}: no text files")


def test_directory_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "loop"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "x.txt").write_text("X body", encoding="utf-8")
    os.symlink("..", root / "sub" / "up")  # sub/up -> loop/
    os.symlink("self.txt", root / "self.txt")  # a file symlink pointing at itself
    items = read(root)
    assert [a.text for a in articles(items)] == ["X body"]
    [loop_failure] = failures(items)
    assert loop_failure.source == str(root / "self.txt")
    assert "symbolic links" in loop_failure.message


def test_directory_follows_file_symlinks_and_reports_dangling_ones(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside body", encoding="utf-8")
    root = tmp_path / "links"
    root.mkdir()
    os.symlink(outside, root / "linked.txt")
    os.symlink(tmp_path / "gone.txt", root / "dangling.txt")
    items = read(root)
    assert items[0] == Failure(str(root / "dangling.txt"), f"{root / 'dangling.txt'}: broken symbolic link")
    assert isinstance(items[1], Article) and items[1].text == "Outside body"


def test_failures_do_not_stop_the_rest_of_a_directory(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "a.txt").write_text("", encoding="utf-8")
    (root / "b.txt").write_bytes(b"\x00\x01\x02")
    (root / "c.txt").write_text("Fine", encoding="utf-8")
    items = read(root)
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "Article"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_failure_and_others_still_read(tmp_path: Path) -> None:
    root = tmp_path / "perm"
    root.mkdir()
    locked = root / "a.txt"
    locked.write_text("secret", encoding="utf-8")
    (root / "b.txt").write_text("Open body", encoding="utf-8")
    locked.chmod(0)
    try:
        items = read(root)
    finally:
        locked.chmod(0o644)
    assert items[0] == Failure(str(locked), f"{locked}: permission denied")
    assert isinstance(items[1], Article) and items[1].text == "Open body"


def test_permission_error_while_opening_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same as the chmod test, but works as root too: open() itself refuses."""
    root = tmp_path / "perm2"
    root.mkdir()
    locked = root / "a.txt"
    locked.write_text("secret", encoding="utf-8")
    (root / "b.txt").write_text("Open body", encoding="utf-8")
    real_open = builtins.open

    def fake_open(file: object, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    items = read(root)
    assert items[0] == Failure(str(locked), f"{locked}: permission denied")
    assert isinstance(items[1], Article) and items[1].text == "Open body"


# ------------------------------------------------------------------ bad files


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert read(missing) == [Failure(str(missing), f"{missing}: no such file or directory")]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read(path) == [Failure(str(path), f"{path}: empty file")]


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\r\n  \n", encoding="utf-8")
    failure = only(read(path))
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: empty file"


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"PK\x03\x04\x00\x00binary stuff")
    assert read(path) == [Failure(str(path), f"{path}: binary content (NUL bytes), not text; {ACCEPTED}")]
    assert "PDF and .docx" in ACCEPTED and "http(s) URLs" in ACCEPTED


def test_invalid_utf8_names_file_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"caf\xc3\xa9 ok, then \xff bad")
    assert read(path) == [Failure(str(path), f"{path}: not valid UTF-8 (byte 0xff at offset 15)")]


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom_bad.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"ab\xfe")
    failure = only(read(path))
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: not valid UTF-8 (byte 0xfe at offset 5)"


def test_latin1_file_is_reported_as_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café crème".encode("latin-1"))
    failure = only(read(path))
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: not valid UTF-8 (byte 0xe9 at offset 3)"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded_not_binary(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    path.write_bytes(bom + "Überschrift\n\nDer Text.".encode(encoding))
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.text == "Überschrift\n\nDer Text."
    assert article.title == "Überschrift"


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Hello")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.text == "Hello"


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 101, encoding="utf-8")
    assert read(path, max_bytes=100) == [Failure(str(path), f"{path}: 101 bytes exceeds --max-bytes 100")]
    assert isinstance(only(read(path, max_bytes=101)), Article)


def test_explicit_file_with_unlisted_suffix_is_read(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("No suffix here", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article) and article.text == "No suffix here"


def test_constants() -> None:
    assert DEFAULT_MAX_BYTES == 20_000_000
    assert ReadOptions().max_bytes == DEFAULT_MAX_BYTES
    assert {".txt", ".md", ".html", ".csv", ".jsonl", ".ndjson"} <= TEXT_SUFFIXES


# ------------------------------------------------------------------ stdin


def test_stdin_bytes_is_one_article() -> None:
    stream = io.BytesIO(b"Breaking news\r\n\r\nSomething happened today.\r\n")
    article = only(list(read_articles(["-"], stdin=stream)))
    assert article == Article(
        id=article_id("Breaking news\n\nSomething happened today."),
        text="Breaking news\n\nSomething happened today.",
        source="-",
        title="Breaking news",
    )


def test_stdin_html_is_detected() -> None:
    stream = io.BytesIO(b"<html><head><title>Piped</title></head><body><p>From a pipe &amp; more</p></body></html>")
    article = only(list(read_articles(["-"], stdin=stream)))
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("Piped", "Piped\n\nFrom a pipe & more")


def test_stdin_text_stream_works() -> None:
    article = only(list(read_articles(["-"], stdin=io.StringIO("Plain words"))))
    assert isinstance(article, Article) and article.text == "Plain words"


def test_stdin_over_max_bytes_and_empty() -> None:
    too_big = list(read_articles(["-"], ReadOptions(max_bytes=5), stdin=io.BytesIO(b"123456")))
    assert too_big == [Failure("-", "<stdin>: input exceeds --max-bytes 5")]
    empty = list(read_articles(["-"], stdin=io.BytesIO(b"")))
    assert empty == [Failure("-", "<stdin>: empty file")]


# ------------------------------------------------------------------ laziness and robustness


def test_read_articles_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    items = read_articles([str(path)])  # nothing is read yet, so creating the file afterwards works
    path.write_text("Created late", encoding="utf-8")
    article = next(items)
    assert isinstance(article, Article) and article.text == "Created late"


def test_a_single_string_path_is_not_split_into_characters(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("One", encoding="utf-8")
    article = only(list(read_articles(str(path))))  # type: ignore[arg-type]
    assert isinstance(article, Article) and article.text == "One"


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), suffix=st.sampled_from(sorted(TEXT_SUFFIXES)))
def test_never_raises_on_arbitrary_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    items = read(path)
    assert items, "every input yields at least one Article or Failure"
    for item in items:
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert "\n" not in item.message and str(path) in item.message
        else:
            assert item.text.strip() and item.source.startswith(str(path))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_html_to_text_never_raises(markup: str) -> None:
    text, title = html_to_text("<p>" + markup)
    assert isinstance(text, str)
    assert title is None or "\n" not in title


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300).filter(lambda s: "<" not in s and "&" not in s))
def test_html_to_text_of_plain_words_collapses_whitespace(words: str) -> None:
    text, title = html_to_text("<p>" + words + "</p>")
    assert text == " ".join(words.split())
    assert title is None
