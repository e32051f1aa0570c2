"""Terms and shingles → candidate clusters and near-duplicate articles, without comparing all pairs."""

from __future__ import annotations

import base64
import zlib
from array import array
from collections import Counter
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

# How many of the most recent postings of one term are read per lookup: a common term's list
# grows with the corpus, reading only its tail keeps the cost of one lookup flat (and favours
# live stories). Set for the scale benchmark (bench/scale.py), not tuned for quality.
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


class InvertedIndex:
    """term → ids of the clusters indexed under it, in insertion order (mutable, grows with the stream)."""

    def __init__(self) -> None:
        self.postings: dict[str, array] = {}

    def add(self, term: str, cluster: int) -> None:
        self.postings.setdefault(term, array("l")).append(cluster)

    def candidates(self, terms: list[str], limit: int = MAX_CANDIDATES) -> list[int]:
        """Clusters sharing the most query terms, best first; ties go to the most recent cluster."""
        hits: Counter = Counter()
        for term in terms:
            posting = self.postings.get(term)
            if posting is not None:
                hits.update(set(posting[-POSTINGS_READ:]))
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


class NearDuplicateIndex:
    """Article id → MinHash in an LSH index; ``add`` returns the earlier articles that look alike."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.hashes: dict[str, LeanMinHash] = {}

    def add(self, key: str, words: list[str]) -> list[tuple[str, float]]:
        """Index ``key``; returns ``(earlier key, estimated Jaccard)`` for its near-duplicates, best first."""
        if key in self.hashes or not words:
            return []
        m = minhash(words)
        found = [(k, self.hashes[k].jaccard(m)) for k in self.lsh.query(m)]
        self.lsh.insert(key, m)
        self.hashes[key] = m
        return sorted(found, key=lambda kv: (-kv[1], kv[0]))

    def to_state(self) -> dict:
        return {k: pack(m.hashvalues, "<u8") for k, m in self.hashes.items()}

    @classmethod
    def from_state(cls, state: dict) -> NearDuplicateIndex:
        obj = cls()
        for key, values in state.items():
            m = LeanMinHash(seed=1, hashvalues=unpack(values, "<u8").astype(np.uint64), scheme=SCHEME)
            obj.lsh.insert(key, m)
            obj.hashes[key] = m
        return obj
