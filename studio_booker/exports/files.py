"""Writing an export file whole or not at all: a temporary file next to it, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError
from ..storage.live_files import refuse_live


def check_folder(path: Path) -> None:
    """One clear message, before any work, when the file cannot be written there."""
    refuse_live(path, "write")  # never over an open database (storage/live_files.py)
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError(f"cannot write {path}: permission denied")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write; when the block ends without an error it replaces `path`
    (atomically: a reader sees the old file or the new one, never half of one). On an
    error the temporary file is removed and `path` is untouched."""
    check_folder(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write in {path.parent}: {exc.strerror}") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)  # on disk before the rename: a crash leaves the old file or the new one
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    finally:
        tmp.unlink(missing_ok=True)
