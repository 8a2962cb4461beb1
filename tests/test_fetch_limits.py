"""--max-bytes on every path that reads a source whole: a fetched page (with and without a Content-Length),
a fetched PDF and .docx, a feed and the page an entry links, a local PDF and .docx. Over the limit: one
line naming the source, nothing stored from it; the other sources still are. Served by a real HTTP
server on 127.0.0.1."""
from __future__ import annotations

import http.server
import json
import random
import threading
from pathlib import Path

import pytest

from test_inputs import PAGE, STORY, make_docx, make_pdf, read
from graphkit.read import Article, Failure
from graphkit.store import SQLiteStore

BIG = 50_000  # the limit the tests give; every "big" body is over it, every small one under
_RANDOM = random.Random(7)
WORDS = " ".join("".join(_RANDOM.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(12_000))
FILLER = "<p>" + WORDS + "</p>"  # distinct words: a .docx (a zip) does not squeeze them under the limit
BIG_PAGE = PAGE.replace("</article>", FILLER + "</article>")
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example World</title><link>{base}/</link><description>World</description>
<item><title>Arms for the Houthis</title><link>{base}/page.html</link>
<description>Iran and the Houthis.</description><pubDate>Tue, 05 Mar 2019 08:00:00 GMT</pubDate></item>
<item><title>A long read</title><link>{base}/big.html</link>
<description>Hamas held talks with Fatah.</description><pubDate>Mon, 04 Mar 2019 10:00:00 GMT</pubDate></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("served")
    make_pdf(folder / "small.pdf", [STORY])
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(folder / "small.pdf"))
    writer.add_metadata({"/Subject": WORDS})  # the same text, with a subject past the limit
    writer.write(folder / "big.pdf")
    make_docx(folder / "small.docx", "Yemen", [STORY])
    make_docx(folder / "big.docx", "Yemen", [STORY, WORDS])
    return {name: (folder / name).read_bytes() for name in ("small.pdf", "big.pdf", "small.docx", "big.docx")}


@pytest.fixture()
def server(files):
    """A real HTTP server on 127.0.0.1; ``/nolength/...`` sends no Content-Length (the body ends when the
    connection closes), so only the bytes read can tell the size. Yields (base URL, requests seen)."""
    pages: dict[str, tuple[bytes, str]] = {}
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            seen.append(self.path)
            length = not self.path.startswith("/nolength/")
            found = pages.get(self.path.replace("/nolength/", "/", 1))
            if found is None:
                self.send_error(404)
                return
            body, kind = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the reader stopped at its limit

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    pages.update({"/page.html": (PAGE.encode(), "text/html; charset=utf-8"),
                  "/big.html": (BIG_PAGE.encode(), "text/html; charset=utf-8"),
                  "/feed.xml": (FEED.format(base=base).encode(), "application/rss+xml"),
                  "/small.pdf": (files["small.pdf"], "application/pdf"),
                  "/big.pdf": (files["big.pdf"], "application/pdf"),
                  "/small.docx": (files["small.docx"], docx_type),
                  "/big.docx": (files["big.docx"], docx_type)})
    assert len(PAGE.encode()) < BIG < len(BIG_PAGE.encode())
    for name in ("pdf", "docx"):
        assert len(files[f"small.{name}"]) < BIG < len(files[f"big.{name}"])
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base, seen
    httpd.shutdown()
    httpd.server_close()


def _limit(url: str, size: str) -> str:
    return f"{url}: {size} exceeds --max-bytes {BIG}"


@pytest.mark.parametrize("name", ["big.html", "big.pdf", "big.docx"])
def test_a_fetched_body_over_the_limit_is_one_line_with_or_without_content_length(server, files, name):
    base, _ = server
    size = len(BIG_PAGE.encode()) if name == "big.html" else len(files[name])
    (declared,) = read(f"{base}/{name}", max_bytes=BIG)
    assert declared == Failure(f"{base}/{name}", _limit(f"{base}/{name}", f"{size} bytes"))
    url = f"{base}/nolength/{name}"
    (counted,) = read(url, max_bytes=BIG)
    assert counted == Failure(url, _limit(url, f"more than {BIG} bytes"))


def test_fetched_pdf_and_docx_within_the_limit_are_read_as_documents(server):
    base, _ = server
    for name in ("small.pdf", "small.docx", "nolength/small.pdf"):
        (article,) = read(f"{base}/{name}", max_bytes=BIG)
        assert isinstance(article, Article), article
        assert "Iran supplied weapons to the Houthis" in article.text and article.source == f"{base}/{name}"


def test_a_feed_entry_whose_page_is_over_the_limit_is_a_failure_not_its_summary(server):
    base, seen = server
    first, second = read(f"{base}/feed.xml", max_bytes=BIG)
    assert isinstance(first, Article) and "investigators said on" in first.text
    assert second == Failure(f"{base}/big.html", _limit(f"{base}/big.html", f"{len(BIG_PAGE.encode())} bytes"))
    (feed,) = read(f"{base}/feed.xml", max_bytes=100)  # the feed itself over the limit
    assert isinstance(feed, Failure) and feed.message.endswith("exceeds --max-bytes 100")


def test_local_pdf_and_docx_over_the_limit(tmp_path: Path, files):
    for name in ("big.pdf", "big.docx"):
        path = tmp_path / name
        path.write_bytes(files[name])
        assert read(str(path), max_bytes=BIG) == [Failure(str(path), _limit(str(path), f"{len(files[name])} bytes"))]
    small = tmp_path / "small.docx"
    small.write_bytes(files["small.docx"])
    assert isinstance(read(str(small), max_bytes=BIG)[0], Article)


def test_ingest_stores_nothing_from_a_source_over_the_limit(server, tmp_path, nlp, monkeypatch):
    from typer.testing import CliRunner

    from graphkit.cli.app import app
    from graphkit.run import extract as extract_module

    monkeypatch.setitem(extract_module._PIPELINES, (None, ()), nlp)
    monkeypatch.delenv("GRAPHKIT_NEO4J_URI", raising=False)
    base, _ = server
    db = tmp_path / "g.db"
    result = CliRunner().invoke(app, ["ingest", f"{base}/feed.xml", f"{base}/nolength/big.pdf", "--db", str(db),
                                      "--max-bytes", str(BIG), "--no-progress", "--format", "json"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert sorted(lines) == sorted([f"graphkit: {_limit(f'{base}/big.html', f'{len(BIG_PAGE.encode())} bytes')}",
                                    f"graphkit: {_limit(f'{base}/nolength/big.pdf', f'more than {BIG} bytes')}"])
    assert json.loads(result.stdout)["stored"] == 1
    store = SQLiteStore(db, readonly=True)
    assert [a["source"] for a in store.articles()] == [f"{base}/page.html"]
    store.close()
