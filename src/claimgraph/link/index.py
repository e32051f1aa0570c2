"""Terms and shingles → candidate clusters and near-duplicate articles, without comparing all pairs."""

from __future__ import annotations

import base64
import hashlib
import zlib
from array import array
from collections import Counter
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .state import Codec, Rows, Table, compressed, json_codec

# How many of the most recent postings of one term are read per lookup: a common term's list
# would grow with the corpus, reading only its tail keeps the cost of one lookup flat (and favours
# live stories). Set for the scale benchmark (bench/scale.py), not tuned for quality. Only that
# tail is ever read, so only that tail is kept: a posting row stays small however large the corpus.
POSTINGS_READ = 64
# How many candidates, by number of shared query terms, are scored exactly. On ECB+ topics 1-35
# 8, 12 and 24 give the same B-cubed figures; 10 keeps a margin at a third of the cost of 24.
MAX_CANDIDATES = 10


def pack(vector: np.ndarray | None, dtype: str = "<f8") -> str | None:
    """A vector → base64 text of its bytes, for the JSON state (exact, and parsed far faster than a float list)."""
    return None if vector is None else base64.b64encode(np.ascontiguousarray(vector, dtype=dtype).tobytes()).decode()


def unpack(text: str | None, dtype: str = "<f8") -> np.ndarray | None:
    """``pack``'s text → the vector (a writable copy)."""
    return None if text is None else np.frombuffer(base64.b64decode(text), dtype=dtype).copy()


def _posting(raw: bytes) -> array:
    posting = array("q")
    posting.frombytes(raw)
    return posting


POSTINGS: Codec = Codec(str, str, array.tobytes, _posting, mutable=True)


class InvertedIndex:
    """term → ids of the clusters indexed under it, in insertion order (mutable, grows with the stream)."""

    def __init__(self, rows: Rows | None = None) -> None:
        self.postings: Table = Table("postings", POSTINGS, rows)

    def add(self, term: str, cluster: int) -> None:
        posting = self.postings.get(term)
        if posting is None:
            self.postings[term] = posting = array("q")
        posting.append(cluster)
        if len(posting) > POSTINGS_READ:
            del posting[: len(posting) - POSTINGS_READ]

    def candidates(self, terms: list[str], limit: int = MAX_CANDIDATES) -> list[int]:
        """Clusters sharing the most query terms, best first; ties go to the most recent cluster."""
        self.postings.prefetch(terms)
        hits: Counter = Counter()
        for term in terms:
            if term in self.postings:
                hits.update(set(self.postings[term][-POSTINGS_READ:]))
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))
        return [c for c, _ in ranked[:limit]]


# MinHash over word shingles: 128 permutations keep the Jaccard estimate within about ±0.09.
NUM_PERM = 128
SCHEME = MinHash(num_perm=1, seed=1).scheme  # the hash scheme, kept with persisted hash values
SHINGLE = 5  # words per shingle: long enough that shared shingles mean shared sentences
# LSH recall threshold: pairs below this estimated Jaccard are rarely returned as candidates.
LSH_THRESHOLD = 0.3


def shingles(words: list[str], k: int = SHINGLE) -> set[str]:
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)  # 32-bit, stable across processes, several times faster than sha1


@lru_cache(maxsize=1)
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=1).permutations  # the same for every MinHash with this seed


def minhash(words: list[str]) -> LeanMinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_crc32, permutations=_permutations(), scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(words)])
    return LeanMinHash(m)  # drops the permutation tables: a third of the memory


def _bands() -> list[tuple[int, int]]:
    """The LSH bands (hash ranges) datasketch chooses for LSH_THRESHOLD and NUM_PERM (37 bands of 3)."""
    return list(MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges)


BANDS = _bands()
# The most recent articles kept per LSH bucket: a text syndicated hundreds of times fills its buckets
# with copies of one another; the latest few hundred are enough to find that a newcomer is one more.
BUCKET_KEEP = 256


def _lean(values: np.ndarray) -> LeanMinHash:
    """Stored hash values → the MinHash they were taken from."""
    return LeanMinHash(seed=1, hashvalues=values.astype(np.uint64), scheme=SCHEME)


HASHES: Codec = compressed(Codec(str, str, lambda m: m.hashvalues.astype("<u8").tobytes(),
                                 lambda raw: _lean(np.frombuffer(raw, "<u8"))))
BUCKETS: Codec = json_codec(str, str, mutable=True)


def band_keys(m: LeanMinHash) -> list[str]:
    """One bucket key per LSH band: two articles that share a bucket are candidate near-duplicates."""
    values = m.hashvalues.astype("<u8")
    return [f"{i:02d}" + hashlib.blake2b(values[a:b].tobytes(), digest_size=8).hexdigest()
            for i, (a, b) in enumerate(BANDS)]


class NearDuplicateIndex:
    """Article id → MinHash, banded into LSH buckets (the banding of datasketch's MinHashLSH, kept in
    tables so that a store reads only the buckets of a new article); ``add`` returns the earlier
    articles that look alike."""

    def __init__(self, rows: Rows | None = None) -> None:
        self.hashes: Table = Table("minhash", HASHES, rows)
        self.buckets: Table = Table("lsh", BUCKETS, rows)

    def add(self, key: str, words: list[str]) -> list[tuple[str, float]]:
        """Index ``key``; returns ``(earlier key, estimated Jaccard)`` for its near-duplicates, best first."""
        if not words or key in self.hashes:
            return []
        m = minhash(words)
        found = self._insert(key, m)
        self.hashes.prefetch(found)
        return sorted(((k, self.hashes[k].jaccard(m)) for k in found), key=lambda kv: (-kv[1], kv[0]))

    def _insert(self, key: str, m: LeanMinHash) -> list[str]:
        """File ``m`` under ``key``; the keys that shared a bucket with it."""
        buckets = band_keys(m)
        self.buckets.prefetch(buckets)
        found: dict[str, None] = {}
        for b in buckets:
            members = self.buckets.get(b)
            if members is None:
                self.buckets[b] = [key]
                continue
            found.update(dict.fromkeys(members))
            members.append(key)
            if len(members) > BUCKET_KEEP:
                del members[: len(members) - BUCKET_KEEP]
        self.hashes[key] = m
        return list(found)

    def to_state(self) -> dict:
        return {k: pack(m.hashvalues, "<u8") for k, m in self.hashes.items()}

    @classmethod
    def from_state(cls, state: dict) -> NearDuplicateIndex:
        obj = cls()
        for key, values in state.items():
            obj._insert(key, _lean(unpack(values, "<u8")))
        return obj
