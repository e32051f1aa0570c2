"""ECB+ documents → B-cubed F1 of the online story clustering against topic and sub-topic (event) labels.

All documents of all topics are clustered together through ``StoryIndex.add``, in a fixed order (topic,
file name) or, with --shuffle SEED, in a seeded random order. ECB+ has no publication dates, so the time
decay is neutral. ECB+ ships its documents as tokens (one sentence a line, "Lohan 's rehab , she said"),
and by default they are clustered as such; --as-text rejoins the tokens into running text and reads each
document as claimgraph reads a text file (a headline on top, a dateline under it: then the document has
a date). Besides the figures over all documents, the thread~topic F1 is given over the documents of the
odd and of the even topics (same stream): the thread thresholds are chosen on the odd topics, the even
topics are the held-out check. The spaCy parse (entities, places) and the lead embeddings are cached
under --cache / --emb-cache so that threshold sweeps are quick; the analysis cache is keyed by the
extractor fingerprint of claimgraph.store.batch (extraction code + spaCy model), so a cache written by
older extraction code is parsed afresh, never used. --no-embeddings leaves the embedding sub-vector out.

--small-sets measures what a user analysing a handful of articles sees: sets of 2, 3 and 5 documents
of one event, each clustered on its own (a fresh index), and how often they come out as one story;
and how often two documents of the two different events of one topic (same kind of event: a hard
negative) or of two topics come out as one story.

    nice .venv/bin/python bench/ecbplus_eval.py [--data ../shared/data/ecbplus] [--shuffle 1] [--sweep] [--as-text]
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from claimgraph.extract.pipeline import analyze_articles, default_steps
from claimgraph.ingest.article import Meta, article_from_text
from claimgraph.link import stories as st
from claimgraph.link import threads as th
from claimgraph.store.batch import extractor_version
from claimgraph.types import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"


def read_document(path: Path) -> Article:
    """One CAT XML file → an Article whose text is its sentences, one per line (ECB+ URL line dropped)."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in ET.parse(path).getroot().iter("token"):
        sentences[int(tok.get("sentence"))].append(tok.text or "")
    skip = {0} if path.stem.endswith("ecbplus") else set()
    lines = [" ".join(words) for n, words in sorted(sentences.items()) if n not in skip]
    return Article(id=path.stem, path=str(path), text="\n".join(lines))


# ECB+ ships tokens; --as-text joins them back into running text ("Lohan 's" -> "Lohan's", "May 5 , 2010" ->
# "May 5, 2010") and reads it as claimgraph reads a text file (headline, dateline), to show how much the figures
# depend on the tokenised form.
_CLOSE = re.compile(r" ([,.;:!?%)\]}]|'[sdm]|'ll|'re|'ve|n't)(?=\s|$)", re.IGNORECASE)
_INNER = [(re.compile(r"``\s*"), "\u201c"), (re.compile(r"\s*''"), "\u201d"), (re.compile(r"([(\[{$]) "), r"\1"),
          (re.compile(r"(\w) - (?=\w)"), r"\1-")]
_NUMBER = re.compile(r"(\d) ([/:,.]) (?=\d)")


def detokenize(words: list[str]) -> str:
    """ECB+ tokens of one sentence → running text (quotes, punctuation, numbers and hyphens rejoined)."""
    text = _NUMBER.sub(r"\1\2", " ".join(words))
    text = _CLOSE.sub(r"\1", text)
    for pattern, repl in _INNER:
        text = pattern.sub(repl, text)
    return text


def read_as_text(path: Path) -> Article:
    """One CAT XML file → the Article claimgraph makes of its detokenised text read as a text file."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in ET.parse(path).getroot().iter("token"):
        sentences[int(tok.get("sentence"))].append(tok.text or "")
    skip = {0} if path.stem.endswith("ecbplus") else set()
    text = "\n".join(detokenize(words) for n, words in sorted(sentences.items()) if n not in skip)
    return replace(article_from_text(str(path), text, Meta(), "text"), id=path.stem)


def labels(doc_id: str) -> tuple[str, str]:
    topic = doc_id.split("_", 1)[0]
    return topic, topic + ("+" if doc_id.endswith("ecbplus") else "")


def _cached(cache: Path | None, reading: str):
    """The analyses pickled in ``cache`` when they were made by the current extractor from documents read
    the same way (``reading``: tokens or text), else None."""
    if not cache or not cache.exists():
        return None
    try:
        stored = pickle.loads(cache.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        stored = None
    if isinstance(stored, dict) and stored.get("extractor") == extractor_version():
        if stored.get("reading", "tokens") == reading:
            return stored["analyses"]
        print(f"{cache}: analyses of documents read as {stored.get('reading', 'tokens')}, parsing afresh",
              file=sys.stderr)
        return None
    print(f"{cache}: analyses of another extractor version (stale), parsing afresh", file=sys.stderr)
    return None


def load(data: Path, cache: Path | None, as_text: bool = False):
    """All documents, analysed (entities and places), from ``cache`` when it holds them; ``as_text``: see
    ``read_as_text``."""
    reading = "text" if as_text else "tokens"
    analyses = _cached(cache, reading)
    if analyses is not None:
        return analyses
    files = sorted(data.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    if not files:
        sys.exit(f"{data}: no ECB+ XML files found (see ../shared/data/ecbplus/README.md)")
    articles = [(read_as_text if as_text else read_document)(p) for p in files]
    steps = [s for s in default_steps() if s.name in ("entities", "places")]
    analyses = list(analyze_articles(articles, steps))
    if cache:
        cache.write_bytes(pickle.dumps({"extractor": extractor_version(), "reading": reading, "analyses": analyses}))
    return analyses


def bcubed(predicted: dict[str, str], gold: dict[str, str], items=None) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a partition (item → cluster) against gold (item → class).

    ``items``: average the per-item precision and recall over these items only (the partition is
    still the whole one): the figure of one part of the topics inside a stream of all of them.
    """
    pred_members, gold_members = defaultdict(set), defaultdict(set)
    for item, c in predicted.items():
        pred_members[c].add(item)
    for item, c in gold.items():
        gold_members[c].add(item)
    items = list(gold if items is None else items)
    p = r = 0.0
    for item in items:
        mine, truth = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class FileCache:
    """The embedding cache protocol of claimgraph.link.embed over one pickle file (bench only)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.data = pickle.loads(path.read_bytes()) if path and path.exists() else {}

    def get_embeddings(self, keys, model):
        return {k: self.data[(model, k)] for k in keys if (model, k) in self.data}

    def put_embeddings(self, vectors, model):
        self.data.update({(model, k): v for k, v in vectors.items()})
        if self.path:
            self.path.write_bytes(pickle.dumps(self.data))


def evaluate(analyses, story_threshold: float, thread_threshold: float, embeddings=None,
             weights: dict[str, float] | None = None) -> dict[str, float]:
    index = st.StoryIndex(story_threshold, thread_threshold)
    if weights:
        index.threads.weights = dict(weights)
    start = time.perf_counter()
    index.extend(analyses, embeddings)
    seconds = time.perf_counter() - start
    topic = {a.article.id: labels(a.article.id)[0] for a in analyses}
    event = {a.article.id: labels(a.article.id)[1] for a in analyses}
    stories, threads = index.members(), index.thread_members()
    out = {"docs": len(analyses), "stories": len(set(stories.values())), "threads": len(set(threads.values())),
           "ms_per_doc": 1000 * seconds / len(analyses)}
    for name, pred, gold in (("story~event", stories, event), ("story~topic", stories, topic),
                             ("thread~topic", threads, topic), ("thread~event", threads, event)):
        out[name] = bcubed(pred, gold)
    # Held-out check: thread thresholds are chosen on the odd topics' documents, the even ones judge.
    for parity, name in ((1, "odd"), (0, "even")):
        items = [a for a, t in topic.items() if int(t) % 2 == parity]
        if items:
            out[f"thread~topic {name}"] = bcubed(threads, topic, items)
    return out


def _one_story(index_docs) -> bool:
    index = st.StoryIndex(st.STORY_THRESHOLD, th.THREAD_THRESHOLD)
    index.extend([a for a, _ in index_docs], [e for _, e in index_docs])
    return len(set(index.members().values())) == 1


def small_sets(analyses, embeddings, draws: int = 5, seed: int = 0) -> dict[str, tuple[int, int]]:
    """How often small sets of one event's documents, each clustered alone, make one story (see --small-sets).

    Returns name → (sets that came out as one story, sets drawn): ``one event, k documents`` for k = 2, 3, 5
    (``draws`` sets per event), ``two events of one topic`` and ``two topics`` (pairs that should stay apart).
    """
    by_event = defaultdict(list)
    for a, e in zip(analyses, embeddings if embeddings is not None else [None] * len(analyses), strict=True):
        by_event[labels(a.article.id)[1]].append((a, e))
    events, rng = sorted(by_event), random.Random(seed)
    out = {}
    for k in (2, 3, 5):
        together = [_one_story(rng.sample(by_event[ev], min(k, len(by_event[ev])))) for ev in events
                    for _ in range(draws)]
        out[f"one event, {k} documents"] = (sum(together), len(together))
    pairs = [ev for ev in events if not ev.endswith("+") and ev + "+" in by_event]
    merged = [_one_story([rng.choice(by_event[ev]), rng.choice(by_event[ev + "+"])]) for ev in pairs
              for _ in range(draws)]
    out["two events of one topic"] = (sum(merged), len(merged))
    across = []
    while len(across) < len(merged):
        e1, e2 = rng.sample(events, 2)
        if e1.rstrip("+") != e2.rstrip("+"):
            across.append(_one_story([rng.choice(by_event[e1]), rng.choice(by_event[e2])]))
    out["two topics"] = (sum(across), len(across))
    return out


def show(res: dict) -> None:
    print(f"{res['docs']} documents → {res['stories']} stories, {res['threads']} threads "
          f"({res['ms_per_doc']:.2f} ms per added document)")
    for name in ("story~event", "story~topic", "thread~topic", "thread~event", "thread~topic odd",
                 "thread~topic even"):
        if name in res:
            p, r, f = res[name]
            print(f"  {name:18s} B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/ecbplus_analyses.pkl"))
    ap.add_argument("--topics", default="", help="comma-separated topic numbers to keep (default: all)")
    ap.add_argument("--emb-cache", type=Path, default=Path("/tmp/ecbplus_lead_embeddings.pkl"))
    ap.add_argument("--no-embeddings", action="store_true", help="threads from the lead terms only")
    ap.add_argument("--as-text", action="store_true",
                    help="detokenise each document and read it as a text file (headline, dateline); default caches "
                         "then end in _text.pkl")
    ap.add_argument("--shuffle", type=int, default=None, help="seed: add the documents in a random order")
    ap.add_argument("--sweep", action="store_true", help="also sweep the thresholds and thread weights")
    ap.add_argument("--small-sets", action="store_true", help="also cluster small sets of one event's documents alone")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"{args.data}: ECB+ data folder not found")
    if args.as_text:
        args.cache = args.cache.with_name(args.cache.stem + "_text.pkl") if args.cache else None
    analyses = load(args.data, args.cache, args.as_text)
    if args.topics:
        keep = set(args.topics.split(","))
        analyses = [a for a in analyses if labels(a.article.id)[0] in keep]
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(analyses)
    embs = None if args.no_embeddings else list(st.lead_embeddings(analyses, FileCache(args.emb_cache)))
    dated = sum(1 for a in analyses if a.article.published and not a.article.published_estimated)
    order = "topic, file" if args.shuffle is None else f"shuffled, seed {args.shuffle}"
    print(f"ECB+ ({len({labels(a.article.id)[0] for a in analyses})} topics, order {order}); thresholds story "
          f"{st.STORY_THRESHOLD} thread {th.THREAD_THRESHOLD}; embeddings {'off' if embs is None else 'on'}; "
          f"read as {'text' if args.as_text else 'tokens'}; {dated} of {len(analyses)} dated (time decay neutral "
          "for the others)")
    show(evaluate(analyses, st.STORY_THRESHOLD, th.THREAD_THRESHOLD, embs))
    if args.small_sets:
        print("Small sets, each clustered alone: how often they came out as one story")
        for name, (one, drawn) in small_sets(analyses, embs).items():
            print(f"  {name:26s} {one:3d}/{drawn} ({one / drawn:.3f})")
    if args.sweep:
        for t in (0.22, 0.25, 0.28, 0.30, 0.33, 0.36):
            res = evaluate(analyses, t, th.THREAD_THRESHOLD, embs)
            print(f"story threshold {t:.2f}: {res['stories']:4d} stories, event F1 {res['story~event'][2]:.3f}")
        for w in (0.2, 0.3, 0.5, 0.7, 1.0):
            for t in (0.25, 0.3, 0.325, 0.35, 0.375, 0.4, 0.425, 0.45):
                res = evaluate(analyses, st.STORY_THRESHOLD, t, embs, {"lead": w, "embedding": 1 - w})
                p, r, f = res["thread~topic"]
                parts = " ".join(f"{k[13:]} {res[k][2]:.3f}" for k in ("thread~topic odd", "thread~topic even")
                                 if k in res)
                print(f"thread lead weight {w:.1f} threshold {t:.3f}: {res['threads']:4d} threads, "
                      f"topic P {p:.3f} R {r:.3f} F1 {f:.3f} ({parts})")


if __name__ == "__main__":
    main()
