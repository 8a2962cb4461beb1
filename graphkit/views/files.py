"""Writing an output file whole or not at all, never through a name someone else could plant.

>>> import os, stat, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "out.txt")
>>> with replacing(path) as fh:
...     _ = fh.write("done")
>>> open(path).read(), oct(stat.S_IMODE(os.stat(path).st_mode))
('done', '0o600')
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from typing import IO, Iterator


@contextmanager
def replacing(path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8",
              newline: str | None = None) -> Iterator[IO]:
    """An open file that replaces ``path`` once written whole, so an export that fails half-way leaves
    any earlier file as it was.

    The temporary file is created beside ``path`` by :func:`tempfile.mkstemp` (a fresh random name,
    opened with O_EXCL, so a symlink planted in advance is never followed) and with mode 0600, less
    what the user's umask takes away: exports hold the evidence, so they are private by default.
    """
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                       newline=None if "b" in mode else newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
