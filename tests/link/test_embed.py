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


class ModelCache:
    """A store-like cache keyed by (key, model), as ``Store.get_embeddings``/``put_embeddings``."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], np.ndarray] = {}

    def get_embeddings(self, keys, model):
        return {k: self.rows[(k, model)] for k in keys if (k, model) in self.rows}

    def put_embeddings(self, vectors, model):
        self.rows.update({(k, model): np.asarray(v, dtype="<f4") for k, v in vectors.items()})


def test_encode_caches_sentence_and_float16_token_states(monkeypatch):
    from claimgraph.link import embed as module

    cache, texts = ModelCache(), ["Forces from the Republic of Buryatia", "one text"]
    first = module.encode(texts, cache)
    assert {m for _, m in cache.rows} == {MODEL_ID, module.TOKENS_MODEL_ID} and len(cache.rows) == 4
    monkeypatch.setattr(module, "_run_states", lambda _texts: pytest.fail("recomputed a cached text"))
    again = module.encode(texts, cache)
    for a, b in zip(first, again):
        assert a.tokens == b.tokens and a.offsets == b.offsets
        assert np.allclose(a.sentence, b.sentence) and np.allclose(a.states, b.states, atol=2e-2)
    assert np.allclose(first[0].sentence, embed(texts[:1])[0], atol=1e-4)
