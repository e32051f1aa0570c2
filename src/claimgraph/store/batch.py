"""Inputs → stored articles, and stored articles → cached per-article analyses → the linked Corpus.

The batch functions behind ``claimgraph ingest`` and ``claimgraph analyze``. They
never stop at a bad item: each failure is handed to ``report`` and counted, and the
batch goes on. Per-article extraction results are cached in the store under an
extractor fingerprint (a hash of the extraction code and model), so a re-run only
parses articles that are new or whose analysis is stale. Linking files the new articles
into the graph persisted in the store; the Corpus then covers every cached analysis, or
(``corpus(..., around=...)``) only the stories an incremental run touched.

Extraction runs chunk by chunk (``analyze_batch_size`` articles per ``nlp.pipe`` pass) in this
process, or, given an executor (``analysis_executor``), in local worker processes or on a Dask
cluster: each chunk is analysed where the executor puts it and its results come back here, where
they are cached; the store is only ever written by this process.

Non-English articles (``language`` set and not English) are stored, listed and
exported with their language, sentences, entities, dates and places, but the
language-bound steps (attribution extraction, whose cue lexicon and parse rules are
English) are skipped for them: their ``attributions`` stay empty.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import settings
from ..assess import assess
from ..errors import ClaimgraphError, IngestError, StoreError, UsageError
from ..extract import nlp
from ..extract.pipeline import Step, analyze_articles, default_steps
from ..ingest import language
from ..link import Linker, build, file_new
from ..types import Article, ArticleAnalysis, Claim, Corpus
from . import codec
from .db import Added, Store

# Steps whose rules only hold for English text; skipped for articles in other languages.
LANGUAGE_BOUND_STEPS = frozenset({"attributions"})
LINKER_STATE = "linker"  # name of the persisted Linker indexes in the store's state table
DASK_CONNECT_TIMEOUT_S = 10  # how long to wait for a Dask scheduler before a clear error


@dataclass(frozen=True, slots=True)
class AnalysisFailed:
    """One article whose extraction raised; it is left without an analysis."""

    article: Article
    problem: str


@dataclass(frozen=True, slots=True)
class Analysed:
    """One article analysed now; ``reduced`` when language-bound steps were skipped for it."""

    analysis: ArticleAnalysis
    reduced: bool


Event = Added | IngestError | Analysed | AnalysisFailed


@dataclass(slots=True)
class Tally:
    """Counts of one batch. Mutable on purpose: the batch functions add to it as items go by."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    analysed: int = 0
    reduced: int = 0  # analysed without the language-bound steps
    analysis_failed: int = 0

    @property
    def read(self) -> int:
        return self.new + self.duplicate + self.failed

    @property
    def ok(self) -> bool:
        return not (self.failed or self.analysis_failed)

    def summary(self) -> str:
        return f"{self.read} read, {self.new} new, {self.duplicate} duplicate, {self.failed} failed"


def _ignore(_event: Event) -> None:
    return None


def _read_inputs(inputs: Sequence[str], allow_private: bool) -> Iterator[Article | IngestError]:
    from ..ingest import read_inputs

    return read_inputs(inputs, allow_private=allow_private)


def ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    allow_private: bool = False,
    report: Callable[[Event], None] = _ignore,
    tally: Tally | None = None,
) -> Tally:
    """Read every input and store the articles not stored yet; failures are reported and counted."""
    tally = Tally() if tally is None else tally

    def articles() -> Iterator[Article]:
        for item in _read_inputs(inputs, allow_private):
            if isinstance(item, IngestError):
                tally.failed += 1
                report(item)
            else:
                yield item

    for added in store.add_articles(articles()):
        if added.outcome == "new":
            tally.new += 1
        else:
            tally.duplicate += 1
        report(added)
    return tally


# -- analysis cache --------------------------------------------------------------


def _fingerprint(seed: str, package: str) -> str:
    """sha256 of ``seed`` and every .py file of ``package`` (recursively), as 32 hex digits."""
    digest = hashlib.sha256(seed.encode())
    pending = [resources.files(package)]
    while pending:
        folder = pending.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                pending.append(entry)
            elif entry.name.endswith(".py"):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:32]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Fingerprint of the extraction code, model and encoding; a stored analysis with another is stale."""
    return _fingerprint(f"{nlp.MODEL_PACKAGE}|codec{codec.CODEC_VERSION}", "claimgraph.extract")


@lru_cache(maxsize=1)
def linker_version() -> str:
    """Fingerprint of the linking code and the analyses it reads; a persisted Linker of another is dropped."""
    return _fingerprint(extractor_version(), "claimgraph.link")


def is_english(article: Article) -> bool:
    """True when the article is English or its language is unknown (then it is analysed as English)."""
    return language.is_english(article.language)


def steps_for(article: Article, steps: list[Step]) -> list[Step]:
    return steps if is_english(article) else [s for s in steps if s.provides not in LANGUAGE_BOUND_STEPS]


def _analyse(chunk: list[Article], steps: list[Step]) -> list[ArticleAnalysis | AnalysisFailed]:
    """Analyse a chunk in one nlp.pipe pass; when that raises, retry one by one to isolate the culprit."""
    try:
        return list(analyze_articles(chunk, steps))
    except Exception as exc:  # noqa: BLE001 - one bad article must not abort the batch
        if len(chunk) == 1:
            kind = "" if isinstance(exc, ClaimgraphError) else f"{type(exc).__name__}: "
            return [AnalysisFailed(chunk[0], f"analysis failed: {kind}{exc}")]
        return [r for a in chunk for r in _analyse([a], steps)]


def analyse_chunk(chunk: list[Article], steps: list[Step] | None = None) -> list[ArticleAnalysis | AnalysisFailed]:
    """One chunk of articles → their analyses or failures, English and other languages each with their steps.

    What a worker runs (a local process or a Dask worker: module-level, its arguments and results pickle).
    A missing spaCy model raises (one fatal error for the whole run, not one per article)."""
    nlp.load_nlp()
    steps = default_steps() if steps is None else steps
    english = [a for a in chunk if is_english(a)]
    other = [a for a in chunk if not is_english(a)]
    results = _analyse(english, steps) if english else []
    return results + (_analyse(other, steps_for(other[0], steps)) if other else [])


def _on_executor(
    executor: Executor, chunks: Iterator[list[Article]], in_flight: int
) -> Iterator[list[ArticleAnalysis | AnalysisFailed]]:
    """Chunks → their results in completion order, with at most ``in_flight`` chunks handed out at once
    (memory stays bounded however many articles are pending). A chunk whose worker died (killed, out of
    memory, lost by the cluster) comes back as one failure per article; a claimgraph error is fatal."""
    handed: dict[Future, list[Article]] = {}

    def hand_out() -> None:
        chunk = next(chunks, None)
        if chunk is not None:
            handed[executor.submit(analyse_chunk, chunk)] = chunk

    for _ in range(max(1, in_flight)):
        hand_out()
    while handed:
        done, _ = wait(handed, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = handed.pop(future)
            try:
                results = future.result()
            except ClaimgraphError:
                raise
            except Exception as exc:  # noqa: BLE001 - one lost chunk must not abort the batch
                results = [AnalysisFailed(a, f"analysis failed in a worker: {type(exc).__name__}: {exc}") for a in chunk]
            hand_out()
            yield results


@dataclass(frozen=True, slots=True)
class Workers:
    """Where ``analyze_pending`` runs its chunks, and how many chunks it hands out at once."""

    executor: Executor | None = None
    in_flight: int = 1


@contextmanager
def analysis_executor(workers: int = 1, scheduler: str = "") -> Iterator[Workers]:
    """This process (``workers`` ≤ 1), ``workers`` local processes, or the Dask cluster at ``scheduler``.

    Local workers are spawned (not forked: the parent may hold onnxruntime threads) and each loads its
    own spaCy model (about 0.7 GB). A Dask cluster's workers need claimgraph installed (``pip install
    'claimgraph[dask]'`` there and here)."""
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(f"--scheduler {scheduler}: dask.distributed is not installed "
                             "(pip install 'claimgraph[dask]')") from None
        try:
            client = Client(scheduler, timeout=f"{DASK_CONNECT_TIMEOUT_S}s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler: {exc}") from None
        with client:
            threads = sum(client.nthreads().values()) or 1
            yield Workers(client.get_executor(), 2 * threads)
        return
    if workers <= 1:
        yield Workers()
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield Workers(pool, 2 * workers)


def _chunks(items: list[Article], size: int) -> Iterator[list[Article]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def pending(store: Store) -> list[Article]:
    """Stored articles without an up-to-date analysis, in ingestion order."""
    version, done = extractor_version(), store.analysis_versions()
    return [a for a in store.articles() if done.get(a.id) != version]


def analyze_pending(
    store: Store, *, report: Callable[[Event], None] = _ignore, tally: Tally | None = None,
    workers: Workers = Workers(),
) -> Tally:
    """Extract every stored article that lacks a current analysis and cache the results per chunk.

    ``workers`` (from ``analysis_executor``): where the chunks are analysed; by default in this process."""
    tally = Tally() if tally is None else tally
    todo = pending(store)
    if not todo:
        return tally
    size = int(settings.get("analyze_batch_size"))
    if workers.executor is not None:  # at least four chunks per worker, so that the workers finish together
        size = max(1, min(size, -(-len(todo) // (2 * workers.in_flight))))
    chunks = _chunks(todo, size)
    if workers.executor is None:
        nlp.load_nlp()  # a missing model is one fatal error, not one error per article
        steps = default_steps()
        outcomes: Iterator[list[ArticleAnalysis | AnalysisFailed]] = (analyse_chunk(c, steps) for c in chunks)
    else:
        outcomes = _on_executor(workers.executor, chunks, workers.in_flight)
    for results in outcomes:
        done = [r for r in results if isinstance(r, ArticleAnalysis)]
        store.put_analyses(done, extractor_version())
        for r in results:
            _count(r, tally, report)
    return tally


def _count(result: ArticleAnalysis | AnalysisFailed, tally: Tally, report: Callable[[Event], None]) -> None:
    if isinstance(result, AnalysisFailed):
        tally.analysis_failed += 1
        report(result)
        return
    reduced = not is_english(result.article)
    tally.analysed += 1
    tally.reduced += reduced
    report(Analysed(result, reduced))


def open_linker(store: Store) -> Linker:
    """The store's Linker, its tables read row by row on demand; a fresh one (the store's linking rows
    dropped) when they were written by other linking code or cannot be read."""
    meta = store.get_state(LINKER_STATE, linker_version())
    if meta is not None:
        try:
            return Linker.open(store.link_rows(), meta)
        except (StoreError, KeyError, TypeError, ValueError):  # unreadable state: link from scratch
            pass
    store.reset_link(LINKER_STATE)
    return Linker(rows=store.link_rows(fresh=True))


def save_linker(store: Store, linker: Linker) -> None:
    """Write back what the Linker changed, with the story assignments of the articles it filed (one transaction)."""
    expected = linker.generation
    linker.generation = (expected or 0) + 1
    store.save_link(LINKER_STATE, linker_version(), linker.meta(), linker.changes(), linker.stories.new_members(),
                    expected)
    linker.saved()


def stored_claims(store: Store) -> list[Claim]:
    """The claims the store's linked graph holds (as the last `analyze --db` grouped them), story by story."""
    claims = [c for _, group in open_linker(store).claims.values() for c in group]
    if not claims:
        raise _no_claims(store)
    return claims


def _no_claims(store: Store) -> UsageError:
    return UsageError(f"{store.target}: no linked claims yet (analyze articles into it first: "
                      f"claimgraph analyze PATH... --db {store.target})")


# `claimgraph match` compares a statement with the claims of this many stories: those whose indexed title and
# body terms share the most of its salient words (the story index's postings), not with every claim stored.
MATCH_STORIES = 20


def claims_near(store: Store, statements: Sequence[str], stories: int = MATCH_STORIES) -> list[list[Claim]]:
    """Per statement, the linked claims of the ``stories`` stories that share the most of its salient words
    (``StoryIndex.stories_about``): what `claimgraph match` ranks, at a cost that does not grow with the store."""
    linker = open_linker(store)
    if not linker.stories.stories.count:
        raise _no_claims(store)
    out = []
    for statement in statements:
        ids = linker.stories.stories_about(statement, stories)
        linker.claims.prefetch(ids)
        out.append([c for sid in ids for c in linker.claims.get(sid, ("", ()))[1]])
    return out


def corpus(store: Store, ids: Iterable[str] | None = None, around: Iterable[str] | None = None) -> Corpus:
    """Link and assess the cached analyses (of ``ids``, or all) into the Corpus.

    Over the whole store, the store's Linker is opened (its tables are read row by row as they are
    needed), only the articles it has not filed yet are filed, and what changed is written back
    with their article → story assignments; over a subset (``ids``), linking starts from scratch.
    With ``around`` (article ids), the store's graph is updated the same way but only the
    stories holding those articles, or articles filed now, are read back, linked and assessed
    (so every story this run changed has its claims regrouped): the Corpus of an incremental
    run, whose cost follows those stories, not the store.
    """
    if ids is not None:
        return assess(build(store.get_analyses(ids), embedding_cache=store))
    linker = open_linker(store)
    if around is None:
        analyses = store.get_analyses()
    else:
        unfiled = store.unlinked_analyses()
        if unfiled:
            file_new(store.get_analyses(unfiled), linker, embedding_cache=store)
        analyses = store.get_analyses(linker.stories.articles_of([*around, *unfiled]))
    result = assess(build(analyses, linker, embedding_cache=store))
    save_linker(store, linker)
    return result
