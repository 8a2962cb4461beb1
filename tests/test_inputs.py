"""PDF, .docx, web pages and RSS/Atom feeds, each read from files the tests make or serve on 127.0.0.1."""
from __future__ import annotations

import http.server
import re
import threading
from pathlib import Path

import pytest

from graphkit.read import Article, Failure, ReadOptions, read_articles
from graphkit.read.sources import ACCEPTED

@pytest.fixture
def cli(nlp, monkeypatch):
    """Invoke the CLI in process with the session's pipeline (no second model load)."""
    from typer.testing import CliRunner

    from graphkit.cli.app import app
    from graphkit.run import extract as extract_module

    monkeypatch.setitem(extract_module._PIPELINES, (None, ()), nlp)
    monkeypatch.delenv("GRAPHKIT_DB", raising=False)
    monkeypatch.delenv("GRAPHKIT_NEO4J_URI", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


STORY = "Iran supplied weapons to the Houthis, officials said."


def read(*paths: str, **options) -> list:
    return list(read_articles(list(paths), ReadOptions(**options)))


def make_pdf(path: Path, lines: list[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(8.5, 11))
        for k, line in enumerate(lines):
            fig.text(0.05, 0.95 - 0.04 * k, line, fontsize=10)
        fig.savefig(path, format="pdf")
        plt.close(fig)


def make_docx(path: Path, title: str, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(path)


def test_pdf_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    make_pdf(path, ["BAGHDAD, July 2008 - " + STORY])
    (article,) = read(str(path))
    assert isinstance(article, Article), article
    assert STORY in " ".join(article.text.split())
    assert article.date == "2008-07" and article.source == str(path)  # the dateline, not when the file was made
    undated = tmp_path / "undated.pdf"
    make_pdf(undated, [STORY])
    (article,) = read(str(undated))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.date)  # the day the PDF was made, as a date


def test_docx_paragraphs_title_and_dateline_date(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    make_docx(path, "Arms to Yemen", ["ISLAMABAD, Pakistan : Sep 04 - " + STORY + " The 2007 deal stands."])
    (article,) = read(str(path))
    assert isinstance(article, Article), article
    assert article.title == "Arms to Yemen"
    assert article.text.startswith("Arms to Yemen\n\nISLAMABAD")
    assert (article.date, article.year_guessed) == ("2007-09-04", True)


def test_directory_ingest_picks_up_pdf_and_docx(tmp_path: Path, cli) -> None:
    make_pdf(tmp_path / "a.pdf", [STORY])
    make_docx(tmp_path / "b.docx", "Yemen", ["The Houthis attacked Saudi Arabia on Tuesday."])
    (tmp_path / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    items = read(str(tmp_path))
    assert sorted(Path(a.source).name for a in items if isinstance(a, Article)) == ["a.pdf", "b.docx"]
    result = cli("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert {"supplies_weapons_to", "attacked"} <= {line.split('"relation": "')[1].split('"')[0]
                                                  for line in result.stdout.splitlines()}


def test_a_file_graphkit_cannot_read_says_what_it_accepts(tmp_path: Path, cli) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"graphkit: {path}: binary content (NUL bytes), not text; {ACCEPTED}"]


def test_a_broken_pdf_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    (failure,) = read(str(path))
    assert isinstance(failure, Failure) and "\n" not in failure.message and failure.message.startswith(str(path))


# ------------------------------------------------------------------ served on 127.0.0.1

PAGE = """<!doctype html><html><head><title>Arms for the Houthis | Example News</title>
<meta property="og:title" content="Arms for the Houthis">
<meta property="article:published_time" content="2019-03-05T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Arms for the Houthis</h1>
<p>SANAA, March 5 (Reuters) - Iran supplied weapons to the Houthis, investigators said on
Tuesday in a report that names the ports the shipments passed through.</p>
<p>The Houthis attacked Saudi Arabia with drones built from Iranian parts, the report said, and the
coalition led by Riyadh answered with air strikes on the capital.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example World</title><link>{base}/</link><description>World</description>
<item><title>Arms for the Houthis</title><link>{base}/page.html</link>
<description>Iran and the Houthis.</description><pubDate>Tue, 05 Mar 2019 08:00:00 GMT</pubDate></item>
<item><title>Talks in Geneva</title><link>{base}/missing.html</link>
<description>Hamas held talks with Fatah in Cairo on Monday, officials said.</description>
<pubDate>Mon, 04 Mar 2019 10:00:00 GMT</pubDate></item>
</channel></rss>"""


@pytest.fixture()
def server():
    """A real HTTP server on 127.0.0.1 serving a page and a feed; yields its base URL."""
    pages: dict[str, tuple[str, str]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            found = pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, kind = found
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    pages["/page.html"] = (PAGE, "text/html; charset=utf-8")
    pages["/feed.xml"] = (FEED.format(base=base), "application/rss+xml")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_web_page_by_url_gives_article_text_title_and_date(server: str) -> None:
    (article,) = read(f"{server}/page.html")
    assert isinstance(article, Article), article
    assert article.source == f"{server}/page.html"
    assert article.title == "Arms for the Houthis"
    assert article.date.startswith("2019-03-05")
    assert "Iran supplied weapons to the Houthis" in article.text
    assert "All rights reserved" not in article.text and "World" not in article.text.split("\n")


def test_feed_entries_become_articles_and_a_summary_entry_follows_its_link(server: str) -> None:
    first, second = read(f"{server}/feed.xml")
    assert isinstance(first, Article) and isinstance(second, Article)
    # the first entry has only a teaser: its page was fetched and read
    assert first.source == f"{server}/page.html" and "investigators said on" in first.text
    assert first.date.startswith("2019-03-05")
    # the second entry's page is gone: its summary is the text
    assert second.title == "Talks in Geneva" and "Hamas held talks with Fatah" in second.text
    assert second.date == "2019-03-04T10:00:00Z"


def test_url_errors_are_one_line(server: str, cli) -> None:
    (missing,) = read(f"{server}/nothing-here")
    assert isinstance(missing, Failure) and missing.message == f"{server}/nothing-here: HTTP 404 Not Found"
    (refused,) = read("http://127.0.0.1:9/x")
    assert isinstance(refused, Failure) and refused.message.startswith("http://127.0.0.1:9/x: could not fetch (")
    (ftp,) = read("ftp://127.0.0.1/x.txt")
    assert isinstance(ftp, Failure) and ftp.message == "ftp://127.0.0.1/x.txt: only http:// and https:// URLs can be read"
    result = cli("extract", f"{server}/nothing-here", "--format", "jsonl")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1


def test_extract_from_a_served_page(server: str, cli) -> None:
    result = cli("extract", f"{server}/page.html", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert '"relation": "supplies_weapons_to"' in result.stdout
