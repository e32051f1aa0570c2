"""(claim, text) pair → stance features: relatedness, refuting / hedging / reporting cues, negation near overlap.

The dense features are hand-made and language-general (English news cue words);
the sparse features are a TF-IDF bag of n-grams of the text's lead and of the
sentences most similar to the claim. Both are used by ``assess.stance`` at run
time and by ``scripts/train_stance.py`` at training time, so they cannot drift.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?")
SENTENCE_RE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")

# Sentences of a long text kept as "most related to the claim" and as its "lead".
TOP_SENTENCES = 3
LEAD_SENTENCES = 2
# Tokens either side of a claim word within which a negation counts as "near" it.
NEGATION_WINDOW = 4
# A text at most this many tokens long is treated as a headline: all of it is its lead.
SHORT_TEXT_TOKENS = 40


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


NEGATION = _words(
    "not no never none nobody nothing neither nor without cannot isn't aren't wasn't weren't don't doesn't "
    "didn't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't ain't"
)
REFUTE = _words(
    "hoax hoaxes fake fakes faked false falsely fraud fraudulent debunk debunks debunked debunking deny denies "
    "denied denying denial denials refute refutes refuted rebut rebuts rebutted untrue myth myths fabricated "
    "fabrication bogus satire satirical dismiss dismisses dismissed reject rejects rejected wrong misleading "
    "baseless doubt doubts doubtful incorrect disprove disproves disproved prank pranks scam lie lies lied "
    "phony retract retracts retracted retraction nonsense rubbish unfounded erroneous inaccurate mistaken "
    "hoaxer spoof parody contrary despite"
)
HEDGE = _words(
    "reportedly allegedly alleged alleges allege claim claims claimed claiming rumor rumors rumored rumour "
    "rumours rumoured may might could apparently purportedly purported supposedly unconfirmed unverified "
    "possibly possible perhaps believed suggests suggest suggested appears appear seems seem speculation "
    "speculate speculated expected likely unclear if whether uncertain potential potentially"
)
REPORT = _words(
    "said says say saying told tells according report reports reported reporting source sources statement "
    "stated states announced spokesman spokeswoman spokesperson interview tweeted wrote posted"
)
SUPPORT = _words(
    "confirm confirms confirmed confirmation confirming official officially proof prove proves proved proven "
    "indeed true truly verified verify verifies yes reveals revealed shows showed finally actually fact "
    "really definitely certain evidence"
)
LEXICONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("neg", NEGATION), ("refute", REFUTE), ("hedge", HEDGE), ("report", REPORT), ("support", SUPPORT),
)
STOP = frozenset(ENGLISH_STOP_WORDS) | NEGATION | {"?"}


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophe contractions kept whole) plus question marks."""
    return TOKEN_RE.findall(text.lower().replace("’", "'"))


def content(toks: Sequence[str]) -> set[str]:
    return {t for t in toks if t not in STOP and len(t) > 1}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.split(text) if s and s.strip()]


@dataclass(frozen=True, slots=True)
class TextView:
    """A text cut into the parts whose cues are counted: all of it, its lead, and the claim-related sentences."""

    all: list[list[str]]
    lead: list[str]
    related: list[str]
    lead_text: str
    related_text: str
    n_tokens: int
    sentences: tuple[str, ...] = ()
    lead_idx: tuple[int, ...] = ()
    related_idx: tuple[int, ...] = ()


def view(claim_words: set[str], text: str) -> tuple[TextView, np.ndarray]:
    """Split ``text`` and pick its lead and its sentences most related to the claim; also their cosines."""
    sents = sentences(text) or [text]
    toks = [tokens(s) for s in sents]
    n = sum(len(t) for t in toks)
    if n <= SHORT_TEXT_TOKENS:
        flat = [t for ts in toks for t in ts]
        sims = np.zeros(1)
        return TextView(toks, flat, flat, text, text, n, (text,), (0,), (0,)), sims
    overlap = np.array([len(content(t) & claim_words) / (len(claim_words) or 1) for t in toks])
    order = np.argsort(-overlap, kind="stable")[:TOP_SENTENCES]
    order.sort()
    lead_idx = range(min(LEAD_SENTENCES, len(sents)))
    lead = [t for i in lead_idx for t in toks[i]]
    related = [t for i in order for t in toks[i]]
    return TextView(
        toks, lead, related, " ".join(sents[i] for i in lead_idx), " ".join(sents[i] for i in order), n,
        tuple(sents), tuple(lead_idx), tuple(int(i) for i in order),
    ), overlap


def _rate(toks: Sequence[str], lexicon: frozenset[str]) -> float:
    return sum(t in lexicon for t in toks) / math.sqrt(len(toks) + 1)


def _near(toks: Sequence[str], claim_words: set[str], lexicon: frozenset[str]) -> float:
    """How many ``lexicon`` words sit within NEGATION_WINDOW tokens of a word shared with the claim."""
    anchors = [i for i, t in enumerate(toks) if t in claim_words]
    hits = 0
    for i, t in enumerate(toks):
        if t in lexicon and any(abs(i - a) <= NEGATION_WINDOW for a in anchors):
            hits += 1
    return float(hits)


def _cosine(vec: TfidfVectorizer, a: str, b: str) -> float:
    m = vec.transform([a, b])
    return float(m[0].multiply(m[1]).sum())


def dense_names() -> list[str]:
    names = ["cos_all", "cos_lead", "cos_related", "overlap_all", "overlap_lead", "overlap_max_sent",
             "jaccard_lead", "bigram_overlap", "log_len", "is_short", "claim_neg", "claim_hedge", "claim_q"]
    for part in ("lead", "related", "all"):
        names += [f"{name}_{part}" for name, _ in LEXICONS]
        names.append(f"q_{part}")
    names += ["neg_near", "refute_near", "hedge_near", "polarity_mismatch", "refute_related_x_cos"]
    return names


def dense_features(claim: str, text: str, cos_vec: TfidfVectorizer) -> tuple[np.ndarray, TextView]:
    """The hand-made features of one pair (in ``dense_names()`` order) and the text's view for n-grams."""
    ctoks = tokens(claim)
    cwords = content(ctoks)
    tv, sent_overlap = view(cwords, text)
    all_toks = [t for s in tv.all for t in s]
    words_all, words_lead = content(all_toks), content(tv.lead)
    denom = len(cwords) or 1
    cbig = set(pairwise(ctoks))
    tbig = set(pairwise(all_toks))
    feats = [
        _cosine(cos_vec, claim, text),
        _cosine(cos_vec, claim, tv.lead_text),
        _cosine(cos_vec, claim, tv.related_text),
        len(cwords & words_all) / denom,
        len(cwords & words_lead) / denom,
        float(sent_overlap.max()) if sent_overlap.size else 0.0,
        len(cwords & words_lead) / (len(cwords | words_lead) or 1),
        len(cbig & tbig) / (len(cbig) or 1),
        math.log1p(tv.n_tokens),
        float(tv.n_tokens <= SHORT_TEXT_TOKENS),
        float(any(t in NEGATION for t in ctoks)),
        float(any(t in HEDGE for t in ctoks)),
        float("?" in ctoks),
    ]
    for part in (tv.lead, tv.related, all_toks):
        feats += [_rate(part, lex) for _, lex in LEXICONS]
        feats.append(float("?" in part))
    neg_near = _near(tv.related, cwords, NEGATION)
    refute_near = _near(tv.related, cwords, REFUTE)
    claim_neg = any(t in NEGATION for t in ctoks)
    feats += [
        neg_near,
        refute_near,
        _near(tv.related, cwords, HEDGE),
        float(claim_neg != (neg_near > 0)),
        _rate(tv.related, REFUTE) * feats[2],
    ]
    return np.asarray(feats, dtype=np.float64), tv


def ngram_text(tv: TextView) -> tuple[str, str]:
    """The two texts whose n-grams feed the classifier: the lead and the claim-related sentences."""
    return " ".join(tv.lead), " ".join(tv.related)


# Sentences of a text that are embedded (the lead and the related ones are always among them).
MAX_EMBEDDED_SENTENCES = 30
EMBEDDING_NAMES = ["emb_cos_lead", "emb_cos_max", "emb_cos_related", "emb_cos_doc"]


def embedded_sentences(tv: TextView) -> list[int]:
    """Indices of the sentences whose embeddings the features use."""
    keep = set(range(min(MAX_EMBEDDED_SENTENCES, len(tv.sentences)))) | set(tv.lead_idx) | set(tv.related_idx)
    return sorted(keep)


def embedding_features(claim_vec: np.ndarray, sent_vecs: dict[int, np.ndarray], tv: TextView) -> np.ndarray:
    """Cosines of the claim embedding with the lead, the best sentence, the related ones and the whole text.

    (Adding the element-wise product of claim and lead embeddings, 384 features, overfitted: its weights
    outvoted explicit cues such as "hoax", so it was dropped.)"""
    mat = np.vstack(list(sent_vecs.values()))
    sims = mat @ claim_vec
    lead = _unit(np.mean([sent_vecs[i] for i in tv.lead_idx], axis=0))
    related = [float(sent_vecs[i] @ claim_vec) for i in tv.related_idx]
    doc = _unit(mat.mean(axis=0))
    return np.asarray([float(lead @ claim_vec), float(sims.max()), float(np.mean(related)), float(doc @ claim_vec)])


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)
