"""Linker state → keyed tables: each index is a table whose rows a store reads on demand and writes back when changed.

A run over a store of a million articles must not read or write the whole linking state: a new
article touches a few hundred rows (the document frequencies of its terms, the postings of its
query terms, a handful of candidate stories, threads and MinHash bands). So every growing part
of the Linker's indexes is a ``Table``: a mutable mapping that starts empty, fetches the rows it
is asked for from ``Rows`` (the store) and remembers which entries it handed out or was given;
``changes()`` then encodes exactly those. Without ``Rows`` a Table is a plain in-memory mapping.

Values that the link code changes in place (a story's centroids, a posting list, a thread's sums)
are declared ``mutable``: every such value read is written back, since the table cannot see the
change, unless it was read through ``peek`` (for reading only: scoring candidates, exporting). Iterating a Table, or asking its length, reads all its rows: only whole-corpus exports
and the JSON state do that, never the per-article path.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Rows(Protocol):
    """Where the tables' rows live between runs (``claimgraph.store`` implements it)."""

    def read(self, table: str, keys: Collection[str]) -> dict[str, bytes]:
        """The stored rows of ``keys`` (absent keys are left out)."""
        ...

    def scan(self, table: str) -> Iterator[tuple[str, bytes]]:
        """Every stored row of ``table``."""
        ...

    @property
    def fresh(self) -> bool:
        """True when no row was stored when these rows were opened (nothing needs reading)."""
        ...


@dataclass(frozen=True, slots=True)
class Codec(Generic[K, V]):
    """How a table's keys and values become row keys and row bytes."""

    key: Callable[[K], str]
    unkey: Callable[[str], K]
    encode: Callable[[V], bytes]
    decode: Callable[[bytes], V]
    mutable: bool = False  # values are changed in place: a value read is written back


def dump_json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _same(text: str) -> str:
    return text


STR_JSON: Codec = Codec(_same, _same, dump_json, json.loads)
INT_INT: Codec = Codec(str, int, lambda v: str(v).encode(), lambda b: int(b))
STR_INT: Codec = Codec(_same, _same, lambda v: str(v).encode(), lambda b: int(b))


def json_codec(key: Callable[[Any], str] = str, unkey: Callable[[str], Any] = int,
               to_json: Callable[[Any], Any] = lambda v: v, from_json: Callable[[Any], Any] = lambda v: v,
               mutable: bool = False) -> Codec:
    """A codec whose values are stored as JSON (``to_json`` / ``from_json`` convert them)."""
    return Codec(key, unkey, lambda v: dump_json(to_json(v)), lambda b: from_json(json.loads(b)), mutable)


def compressed(codec: Codec) -> Codec:
    """``codec`` with its row bytes zlib-compressed at level 1, for the large rows (a story's centroids
    shrink about 2.2x, a thread's sums 1.8x, for about 0.2 ms per row)."""
    return Codec(codec.key, codec.unkey, lambda v: zlib.compress(codec.encode(v), 1),
                 lambda raw: codec.decode(zlib.decompress(raw)), codec.mutable)


class Table(MutableMapping[K, V]):
    """A mapping backed by ``rows`` (see the module docstring); a plain mapping when ``rows`` is None.

    A hand-written class, not a dataclass: it is a mutable cache with change tracking.
    """

    def __init__(self, name: str, codec: Codec[K, V], rows: Rows | None = None) -> None:
        self.name, self.codec, self.rows = name, codec, rows
        self._cache: dict[K, V] = {}
        self._absent: set[K] = set()  # keys known to have no stored row
        self._dirty: set[K] = set()  # entries to write back
        self._deleted: set[K] = set()  # stored rows to delete
        self._complete = rows is None or rows.fresh  # every stored row is in the cache

    def prefetch(self, keys: Iterable[K]) -> None:
        """Read the stored rows of ``keys`` in one request (the per-article path calls this first)."""
        if self._complete:
            return
        todo = [k for k in dict.fromkeys(keys) if k not in self._cache and k not in self._absent]
        if not todo:
            return
        names = [self.codec.key(k) for k in todo]
        found = self.rows.read(self.name, names) if self.rows is not None else {}
        for k, name in zip(todo, names):
            raw = found.get(name)
            if raw is None:
                self._absent.add(k)
            else:
                self._cache[k] = self.codec.decode(raw)

    def _load_all(self) -> None:
        if self._complete:
            return
        for name, raw in self.rows.scan(self.name):
            k = self.codec.unkey(name)
            if k not in self._cache and k not in self._deleted:
                self._cache[k] = self.codec.decode(raw)
        self._absent.clear()
        self._complete = True

    def _lookup(self, key: Any) -> bool:
        """True when ``key`` has an entry (read from the rows if need be)."""
        if key in self._cache:
            return True
        if self._complete or key in self._absent:
            return False
        self.prefetch((key,))
        return key in self._cache

    def __getitem__(self, key: K) -> V:
        if not self._lookup(key):
            raise KeyError(key)
        if self.codec.mutable:
            self._dirty.add(key)
        return self._cache[key]

    def peek(self, key: K, default: Any = None) -> Any:
        """The value of ``key`` (or ``default``) for reading only: a mutable value is not counted as
        changed, so the caller must not change it (scoring candidates, exporting)."""
        return self._cache[key] if self._lookup(key) else default

    def get(self, key: K, default: Any = None) -> Any:
        if not self._lookup(key):
            return default
        if self.codec.mutable:
            self._dirty.add(key)
        return self._cache[key]

    def __setitem__(self, key: K, value: V) -> None:
        self._cache[key] = value
        self._dirty.add(key)
        self._absent.discard(key)
        self._deleted.discard(key)

    def __delitem__(self, key: K) -> None:
        if key not in self:
            raise KeyError(key)
        del self._cache[key]
        self._dirty.discard(key)
        self._deleted.add(key)
        self._absent.add(key)

    def __contains__(self, key: object) -> bool:
        return self._lookup(key)

    def __iter__(self) -> Iterator[K]:
        self._load_all()
        return iter(list(self._cache))

    def __len__(self) -> int:
        self._load_all()
        return len(self._cache)

    def pending(self) -> list[K]:
        """Keys of the entries changed (or read, for mutable values) since the last ``saved()``."""
        return [k for k in self._dirty if k in self._cache]

    def changes(self) -> tuple[dict[str, bytes], list[str]]:
        """(rows to write, row keys to delete) since the last ``saved()``."""
        upserts = {self.codec.key(k): self.codec.encode(self._cache[k]) for k in self._dirty if k in self._cache}
        return upserts, sorted(self.codec.key(k) for k in self._deleted)

    def saved(self) -> None:
        """The changes were written: nothing is pending any more."""
        self._dirty.clear()
        self._deleted.clear()


def table(name: str, codec: Codec, rows: Rows | None = None, items: Iterable[tuple[Any, Any]] = ()) -> Table:
    """A Table, optionally filled (as changes) with ``items``."""
    t = Table(name, codec, rows)
    for k, v in items:
        t[k] = v
    return t
