"""Fixtures for assessment tests: the hand-made linked seed corpus (tests/fixtures/assess/seed_corpus.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from claimgraph.assess import assess

_PATH = Path(__file__).parents[1] / "fixtures" / "assess" / "seed_corpus.py"
_spec = importlib.util.spec_from_file_location("assess_seed_corpus", _PATH)
seed_corpus_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed_corpus_module)


@pytest.fixture(scope="session")
def seed_corpus():
    return seed_corpus_module.seed_corpus()


@pytest.fixture(scope="session")
def assessed(seed_corpus):
    return assess(seed_corpus)


def make_corpus(articles: dict[str, tuple[str, list[tuple]]], claims: list[tuple[str, str, tuple[str, ...]]],
                published: dict[str, str] | None = None):
    """A small linked corpus by hand: article id → (text, [(att id, source, cue, content, kwargs)]).

    Phrases are searched in the text; every article is in one story.
    """
    from claimgraph.types import (
        Article,
        ArticleAnalysis,
        Attribution,
        Claim,
        Corpus,
        Story,
    )

    find, sentences = seed_corpus_module.find, seed_corpus_module.sentences
    analyses, art_of = [], {}
    for aid, (text, rows) in articles.items():
        atts = []
        for att_id, source, cue, content, kw in rows:
            c = find(text, content)
            s = find(text, source) if source and source in text else None
            q = find(text, cue) if cue else None
            kind = kw.pop("kind", "person")
            atts.append(Attribution(att_id, aid, source, s, kind, q, (c,), kw.pop("form", "indirect"),
                                    kw.pop("stance", "asserts"), **kw))
            art_of[att_id] = aid
        art = Article(aid, f"{aid}.txt", text, published=(published or {}).get(aid))
        analyses.append(ArticleAnalysis(art, sentences(text), attributions=tuple(atts)))
    built = tuple(Claim(cid, t, ids, tuple(dict.fromkeys(art_of[i] for i in ids))) for cid, t, ids in claims)
    story = Story("s", "story", tuple(articles), tuple(c.id for c in built))
    return Corpus(analyses=tuple(analyses), stories=(story,), claims=built)


@pytest.fixture
def corpus_of():
    return make_corpus
