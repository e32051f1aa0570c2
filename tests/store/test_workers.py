"""Extraction off the main process: chunks on an executor (local processes, a Dask cluster), results stored
here; a chunk lost by its worker fails its articles only; configuration errors stay fatal and clear."""

from __future__ import annotations

import json
import sys
from concurrent.futures import Executor, Future

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import ExtractError, UsageError
from claimgraph.store import batch

from .conftest import article

TEXTS = {
    "a.txt": "Police said two men were arrested on Friday. The mayor said the city was safe.",
    "b.txt": "The minister said prices would fall next year. Critics said the plan would fail.",
    "c.txt": "Officials confirmed the bridge was closed after the storm, according to the agency.",
}


class Inline(Executor):
    """Runs each chunk at once in this process; ``lose``: article ids whose chunk 'dies' with its worker."""

    def __init__(self, lose=(), error: Exception | None = None) -> None:
        self.lose, self.error, self.submitted = set(lose), error, 0

    def submit(self, fn, chunk, *args, **kwargs):
        self.submitted += 1
        future: Future = Future()
        if self.error is not None:
            future.set_exception(self.error)
        elif self.lose & {a.id for a in chunk}:
            future.set_exception(RuntimeError("worker process died"))
        else:
            future.set_result(fn(chunk, *args, **kwargs))
        return future


def test_chunks_run_on_the_executor_and_results_are_stored(store, calls, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_ANALYZE_BATCH_SIZE", "1")
    list(store.add_articles([article(n, f"Text number {n}.") for n in (1, 2, 3)]))
    pool = Inline()
    tally = batch.analyze_pending(store, workers=batch.Workers(pool, in_flight=2))
    assert tally.analysed == 3 and pool.submitted == 3
    assert sorted(a.article.id for a in store.get_analyses()) == ["id1", "id2", "id3"]


def test_a_chunk_lost_with_its_worker_fails_its_articles_only(store, calls, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_ANALYZE_BATCH_SIZE", "1")
    list(store.add_articles([article(n, f"Text number {n}.") for n in (1, 2, 3)]))
    events: list = []
    tally = batch.analyze_pending(store, report=events.append, workers=batch.Workers(Inline(lose={"id2"}), 2))
    assert (tally.analysed, tally.analysis_failed) == (2, 1)
    (failed,) = [e for e in events if isinstance(e, batch.AnalysisFailed)]
    assert failed.article.id == "id2"
    assert failed.problem == "analysis failed in a worker: RuntimeError: worker process died"
    assert [a.id for a in batch.pending(store)] == ["id2"]  # retried on the next run


def test_a_claimgraph_error_in_a_worker_is_fatal(store, calls):
    list(store.add_articles([article(1, "Some text.")]))
    missing = ExtractError("spaCy model package 'x' is not installed")
    with pytest.raises(ExtractError, match="not installed"):
        batch.analyze_pending(store, workers=batch.Workers(Inline(error=missing), 2))


def test_scheduler_without_dask_is_a_usage_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError, match=r"--scheduler tcp://x:1: dask.distributed is not installed"), \
            batch.analysis_executor(scheduler="tcp://x:1"):
        pass


@pytest.mark.slow
def test_unreachable_scheduler_is_a_usage_error(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(batch, "DASK_CONNECT_TIMEOUT_S", 1)
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"), \
            batch.analysis_executor(scheduler="tcp://127.0.0.1:9"):
        pass


def _analyze(tmp_path, *extra) -> dict:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / f"out{len(extra)}.json"
    result = CliRunner().invoke(cli, ["analyze", *(str(tmp_path / n) for n in TEXTS), "-o", str(out), "-q", *extra])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    return {key: data[key] for key in ("articles", "attributions", "stories", "claims")}


@pytest.mark.slow
def test_local_worker_processes_give_the_same_analysis(tmp_path):
    serial = _analyze(tmp_path)
    assert serial["attributions"], "the fixture texts must yield attributions"
    assert _analyze(tmp_path, "--workers", "2") == serial


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_analysis(tmp_path):
    distributed = pytest.importorskip("distributed")
    serial = _analyze(tmp_path)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        assert _analyze(tmp_path, "--scheduler", c.scheduler_address) == serial
