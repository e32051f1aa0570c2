"""Atomic writes: all or nothing, with the permissions a normal file would get."""

from __future__ import annotations

import os
import stat

import pytest

from claimgraph.errors import StoreError
from claimgraph.store.files import write_atomic


def test_new_file_gets_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "out.json"
        write_atomic(str(target), "{}\n")
    finally:
        os.umask(old)
    assert target.read_text() == "{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_missing_directory_is_a_store_error_and_leaves_nothing(tmp_path):
    with pytest.raises(StoreError, match="cannot write"):
        write_atomic(str(tmp_path / "nope" / "out.json"), "x")
    assert list(tmp_path.iterdir()) == []
