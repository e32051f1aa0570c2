"""Texts → MiniLM sentence embeddings: shape, normalisation, meaning, cache protocol."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.link.embed import DIM, MODEL_ID, embed, text_key, token_embeddings

pytestmark = pytest.mark.slow  # loads the ONNX model


class DictCache:
    def __init__(self) -> None:
        self.store: dict[str, np.ndarray] = {}
        self.asked: list[str] = []

    def get_embeddings(self, keys, model):
        assert model == MODEL_ID
        self.asked.extend(keys)
        return {k: self.store[k] for k in keys if k in self.store}

    def put_embeddings(self, vectors, model):
        self.store.update(vectors)


def test_shape_and_unit_norm():
    vectors = embed(["The troops withdrew from the city.", "Prices rose sharply in May.", ""])
    assert vectors.shape == (3, DIM)
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)


def test_empty_input():
    assert embed([]).shape == (0, DIM)


def test_paraphrase_closer_than_unrelated():
    a, b, c = embed([
        "Soldiers were killed and wounded in the fighting.",
        "The military suffered casualties in combat.",
        "The central bank kept interest rates unchanged.",
    ])
    assert a @ b > 0.5 > a @ c


def test_order_independent_of_batching():
    texts = ["short", "a much longer sentence about the weather in the mountains today", "medium length text"]
    together = embed(texts)
    alone = np.stack([embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_cache_is_used_and_filled():
    cache = DictCache()
    first = embed(["one text", "another text", "one text"], cache=cache)
    assert set(cache.store) == {text_key("one text"), text_key("another text")}
    cache.store[text_key("one text")] = np.full(DIM, 0.5, dtype=np.float32)
    second = embed(["one text"], cache=cache)
    assert np.allclose(second[0], 0.5) and np.allclose(first[0], first[2])


def test_token_embeddings_match_sentence_embedding():
    (tv,) = token_embeddings(["Forces from the Republic of Buryatia"])
    assert tv.tokens[:2] == ("forces", "from") and tv.vectors.shape == (len(tv.tokens), DIM)
    assert np.allclose(tv.sentence, embed(["Forces from the Republic of Buryatia"])[0], atol=1e-4)
