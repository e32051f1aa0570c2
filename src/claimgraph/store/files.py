"""Text → files on disk, written atomically (temporary file + rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile

from ..errors import StoreError


def check_writable(path: str) -> None:
    """StoreError now, before any work, unless ``path`` can later be written by write_atomic."""
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise StoreError(f"{path}: cannot write: is a directory")
    if not os.path.isdir(directory):
        raise StoreError(f"{path}: cannot write: directory {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".claimgraph-", suffix=".tmp")
    except OSError as exc:
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    os.close(fd)
    os.unlink(tmp)


def _mode_for(path: str) -> int:
    """The permissions the file should get: an existing file keeps its own; a new one gets 0o666 less the umask
    (mkstemp's 0o600 would make a report unreadable to everyone else)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, data: str | bytes) -> None:
    """Write all of ``data`` to ``path`` or nothing: a crash never leaves half a file."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = "wb" if isinstance(data, bytes) else "w"
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".claimgraph-", suffix=".tmp")
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from exc
