"""A new statement → the known claims it reports: nearest by sentence embedding, with a paraphrase score.

What a fact-checker runs on a fresh quote or headline: which claims already in the store it
reports. Known claims are ranked by MiniLM cosine (one matrix product with the known claims'
embeddings, cached in the store); a match is ``same_claim`` when its cosine reaches
``SAME_CLAIM_COSINE``. Each returned match also carries the stacked pair scorer's probability that
the two are paraphrases (``similarity.PairScorer``, the model of `claimgraph pairs`), a stricter
test. Measured on Emergent dev (bench/claim_retrieval.py: 1,224 article headlines against their
150 claims): cosine ranks the right claim first for 93 % of the headlines and in the top 5 for
98 %; reranking by the MSRP-trained pair scorers made it worse (79-85 % first), because a headline
and the claim it reports are rarely sentence paraphrases (the scorer calls 63 % of the true
pairs different). Cost per statement: one embedding, one product with the (claims × 384) matrix,
and one pair score per returned match (about 4 ms each); memory: 1.5 KB per known claim. Over a store,
`claimgraph match` builds one index per statement from the claims of the stories that share the most
of its words (store/batch.claims_near), so the known claims are a few hundred, not the whole store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .embed import EmbeddingCache, embed

# A statement reports a known claim when their cosine reaches this. Calibrated on Emergent dev
# (bench/claim_retrieval.py): each headline with its claim against its nearest wrong claim, thresholds
# chosen on half of the claims and tested on the other half: 0.621 and 0.547, held-out accuracy 0.831.
SAME_CLAIM_COSINE = 0.58


@dataclass(frozen=True, slots=True)
class Known:
    """A claim that can be matched: its id and canonical text."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Match:
    """One known claim for one statement: their cosine, and the pair scorer's paraphrase probability."""

    claim: str
    cosine: float
    same_claim: bool
    paraphrase: float


class ClaimIndex:
    """The known claims' embeddings, searched with ``search(statements)``."""

    def __init__(self, known: Sequence[Known], cache: EmbeddingCache | None = None, scorer=None) -> None:
        self.known = list(known)
        self.cache = cache
        self.matrix = embed([k.text for k in self.known], cache) if self.known else np.zeros((0, 1), np.float32)
        self._scorer = scorer

    @property
    def scorer(self):
        if self._scorer is None:
            from .similarity import PairScorer

            self._scorer = PairScorer(cache=self.cache)
        return self._scorer

    def nearest(self, statements: Sequence[str], count: int) -> list[list[tuple[int, float]]]:
        """Each statement → its ``count`` nearest known claims by cosine: (row, cosine), best first."""
        if not self.known or not statements:
            return [[] for _ in statements]
        sims = embed(list(statements), self.cache) @ self.matrix.T
        count = min(count, len(self.known))
        out = []
        for row in sims:
            best = np.argpartition(-row, count - 1)[:count]
            best = best[np.argsort(-row[best], kind="stable")]
            out.append([(int(i), float(row[i])) for i in best])
        return out

    def search(self, statements: Sequence[str], top: int = 5) -> list[list[Match]]:
        """Each statement → its ``top`` nearest known claims, best first, with their paraphrase scores."""
        near = self.nearest(statements, top)
        jobs = [(s, self.known[i].text) for s, rows in zip(statements, near) for i, _ in rows]
        scores = iter(self.scorer.score_many(jobs)) if jobs else iter(())
        return [
            [Match(self.known[i].id, round(cos, 4), cos >= SAME_CLAIM_COSINE, round(float(p), 4))
             for (i, cos), p in zip(rows, scores)]
            for rows in near
        ]
