"""Attributions of the articles of each story → claims: the same proposition told in different words.

Within one story, candidate pairs come from an inverted index of content
lemmas and from each statement's nearest embedding neighbours (never all pairs
of the corpus); ``ClaimMatcher`` scores them on contents only (who said it is
ignored, so "X denies P" and "Y says P" make one claim with two stances), and
average-linkage clustering turns the scores into claims. Members whose numbers
differ stay together and the claim records the conflict.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from ..types import ArticleAnalysis, Attribution, Claim, Story
from .embed import EmbeddingCache, Encoded, encode
from .features import stop_words
from .silence import silenced
from .similarity import ClaimMatcher, Text, make_text, number_conflict

# Average-linkage cut: two groups merge when their mean pair score reaches this. Pair scores are
# probabilities of the MSRP-trained matcher (best over clause pairs). Calibrated 2026-11-23 on the two seed
# articles (claim alignment F1 0.762 at 0.30 and 0.35, 0.865 from 0.40 to 0.50) and on Emergent dev headlines
# (bench/emergent_claims.py, 150 claims in one story: pair F1 0.473 / 0.389 / 0.327 / 0.282 at 0.30 / 0.40 /
# 0.45 / 0.50, precision >= 0.99 throughout: loose headline paraphrases score low with MSRP). 0.45 was kept
# until a third set of real articles could judge the lower end of the seed plateau: on the FNC-1 dev bodies
# (2026-12-05, bench/match_eval.py's store) 0.40 adds 106 cross-article pairs to 1,143 and removes none;
# of 19 added pairs read by eye 13 state one claim (a clinic worker's and CNN's source's selfie, HP's
# tax-free split, the bear attack) and 6 are neighbours within the story ("three officers were cleared to
# train" / "they were 3 of 12 in the exercise"; "Baghdadi was wounded" / "whether he was targeted").
# `claimgraph match` over that store: hit@1 0.670 -> 0.674 (exhaustive), 0.677 -> 0.681 (indexed).
# Emergent 0.40: pair precision 0.992, recall 0.243, F1 0.390. The seeds and the hand-made fixtures of
# tests/link/test_claims.py are unchanged.
LINK_MIN = 0.40
# Candidate pairs: statements sharing a content lemma that at most this many statements of the story use …
MAX_POSTING = 40
# … and each statement's nearest neighbours by sentence embedding.
NEIGHBOURS = 8
# An article seldom states one claim twice, and when it does (a summary and the body) the two
# are near-verbatim; two statements of one article therefore link only above this score, which
# keeps topically close but different claims of one article ("X avoids acknowledging the troops",
# "the troops were killed") from chaining their cross-article matches together. Seeds + fixtures.
SAME_ARTICLE_MIN = 0.9
# Candidate pairs whose whole contents are further apart than this (MiniLM cosine) are not scored:
# on MSRP train 0.04% of paraphrase pairs fall below 0.3; it bounds the cost of topical stories.
CANDIDATE_MIN_COSINE = 0.3
# Two statements of one article are scored only when their content words (stop words out) overlap
# at least this much (Jaccard of \w+ words): calibrated on PolNeAR dev (84 articles), where 5 of the
# 4,179 same-article candidate pairs reach SAME_ARTICLE_MIN, the least overlapping at 0.154 ("there
# was an issue with X's microphone" / "there were issues regarding X's audio …"); at 0.15 all 5 stay
# and 9% of the pairs are scored. Statements of one-article stories in no such pair are not embedded.
REPEAT_MIN_OVERLAP = 0.15
# Two silence statements (silence.py: "X has not acknowledged P", "Y avoids reporting on P") whose silenced
# content shares at least this many content lemmas are one claim: their pair scores at least SILENCE_LINK.
# Set on the hand-made fixtures of tests/link/test_claims.py and the seed pair (2026-11-23: seed claim
# alignment F1 0.821 -> 0.865, recall 9/11 -> 11/11, precision 14/17 -> 16/21: the two seed articles'
# "no acknowledgment" and "why it is hidden" claims, both silence about the troops, became one).
# SILENCE_LINK is above LINK_MIN so that such a pair links on its own.
SILENCE_MIN_SHARED = 3
SILENCE_LINK = 0.75
# A denial states the proposition it denies in fewer words ("Russia denied that North Korean troops were in
# Kursk" / "10,000 North Korean troops have been deployed to Russia's Kursk region"): the matcher, trained
# on paraphrases, scores them apart. A denial whose content lemmas (at least DENIAL_MIN_SHARED) lie for at
# least DENIAL_COVER in another statement of its story, of its article too, is that statement's claim with
# another stance: the pair scores at least SILENCE_LINK.
DENIAL_MIN_SHARED = 3
DENIAL_COVER = 0.75
# A denial or confirmation that names what it answers by a short phrase ("Peskov dismissed the figure", "the
# ministry denied these reports") joins the claim of the attribution before it in its article, at most
# REPLY_REACH characters before.
REPLY_MAX_WORDS = 4
REPLY_REACH = 600
REPLY_DETERMINERS = frozenset({"the", "these", "those", "this", "that", "such", "its", "his", "her", "their"})
REPLY_NOUNS = frozenset({"claim", "report", "figure", "allegation", "accusation", "statement", "account", "number",
                         "assertion", "story", "charge", "estimate", "assessment", "rumour", "rumor", "suggestion",
                         "information", "data", "toll", "count", "finding"})
GATE_WORD = re.compile(r"\w+")
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
MIN_WORDS = 3  # contents shorter than this (a bare "yes") say too little to match
# (Only contents with a verb are matched: a bare noun phrase, "the presence of the troops", the
# object of "did not recognise …", names a topic, not a proposition, and resembles every
# statement of its story. Such attributions still become single claims.)
# Clause-level matching: a content span often joins its claim with background ("X, as Y",
# "X, though Y") or a second claim ("X and Y"). Verbal clauses attached by these dependencies
# are cut from the main clause; coordinated ones are also scored alone; a pair's score is the
# best over its clause pairs (full text, main clause, coordinated clauses).
CLAUSE_DEPS = frozenset({"advcl", "relcl", "conj", "parataxis"})
# A coordinated clause that has no subject of its own is read with its head's subject and auxiliaries.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
AUX_DEPS = frozenset({"aux", "auxpass"})
PARTICIPLE_TAGS = frozenset({"VBN", "VBG"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
MIN_CLAUSE_WORDS = 4
LEADING = re.compile(r"^(?:that|to|whether)\s+", re.IGNORECASE)
THAT_CLAUSE = re.compile(r"^\W*that\s", re.IGNORECASE)
PRONOUNS = frozenset({"which", "who", "that", "it", "he", "she", "they", "we", "i", "you", "this", "these"})
READING_LEAD_CHARS = 120  # the most text between a fragment's source and its content that a reading keeps
# Attribution forms whose content is a sentence of its own ("According to X, …", a quote, a listed point).
WHOLE_FORMS = frozenset({"direct", "mixed", "according_to", "colon", "list"})
TRIMMED = frozenset({"that", "to", "whether", "and", "or", "but"})


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution's content, ready for matching, with the attributions that relay it
    (the outer layers of a nested attribution: "the report says that K confirmed that …")."""

    attribution: Attribution
    text: str
    relays: tuple[Attribution, ...] = ()
    # the content states a whole proposition (a "that" clause, a quoted or listed sentence), not a
    # fragment that needs its cue to be read ("[attempted] to frame …", "[appear] sure of …")
    whole: bool = False
    # how the statement reads on its own: a fragment with the source and cue before it, from the article
    # ("The Kremlin and Russian propagandists overwhelmingly attempted to frame …"); else ``text``
    reading: str = ""


_matcher: ClaimMatcher | None = None


def default_matcher() -> ClaimMatcher:
    global _matcher
    if _matcher is None:
        _matcher = ClaimMatcher()
    return _matcher


def clean(text: str) -> str:
    """Collapse whitespace; strip quotes, a leading complementiser ("that …") and trailing punctuation."""
    text = LEADING.sub("", " ".join(text.split()).strip(" \"'“”‘’"))
    return re.sub(r"[\s,;:.]+$", "", text).strip(" \"'“”‘’")


def clause_tokens(doc) -> list[tuple[int, ...]]:
    """A parsed content → token indexes of its parts: the full text, its main clause (subordinate and
    coordinated verbal clauses removed) and each clause coordinated with the main one ("X and Y" →
    X, Y). Subordinate clauses ("as …", "because …", "which …") are background, never matched alone."""
    roots = {sent.root.i for sent in doc.sents}
    cut = [t for t in doc if t.dep_ in CLAUSE_DEPS and t.pos_ in {"VERB", "AUX"} and t.i not in roots]
    removed = {i for t in cut for i in range(t.left_edge.i, t.right_edge.i + 1)}
    # a phrase set off by a comma at the end of a main clause is background too (", beyond the reach of …")
    removed |= {i for t in doc if t.dep_ == "prep" and t.head.i in roots and t.i > 0 and doc[t.i - 1].text == ","
                and t.right_edge.i >= len(doc) - 2 for i in range(t.i - 1, t.right_edge.i + 1)}
    parts = [tuple(range(len(doc))), _trim(doc, [t.i for t in doc if t.i not in removed])]
    for token in cut:
        if token.dep_ == "conj" and token.head.i in roots:
            inner = {i for t in cut if t is not token and token.left_edge.i <= t.i <= token.right_edge.i
                     for i in range(t.left_edge.i, t.right_edge.i + 1)}
            own = [i for i in range(token.left_edge.i, token.right_edge.i + 1) if i not in inner]
            parts.append(_trim(doc, sorted(_shared_subject(doc, token, removed) + own)))
    return list(dict.fromkeys(p for n, p in enumerate(parts) if n == 0 or _words(doc, p) >= MIN_CLAUSE_WORDS))


def _shared_subject(doc, verb, removed: set[int]) -> list[int]:
    """A coordinated verb without a subject of its own shares its head's ("troops had been killed and
    wounded" → "troops had been wounded"): the subject that precedes the head, and its auxiliaries when
    the verb is a participle (a finite verb carries its own tense: "X will cut jobs and expects …").
    A negation is not shared: its scope over the coordination is ambiguous. Empty when the verb has
    its own subject."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    head = verb.head
    deps = SUBJECT_DEPS | (AUX_DEPS if verb.tag_ in PARTICIPLE_TAGS else frozenset())
    shared = []
    for child in head.children:
        if child.i < head.i and child.dep_ in deps:
            shared.extend(i for i in range(child.left_edge.i, child.right_edge.i + 1) if i not in removed)
    return shared


def _trim(doc, indexes: list[int]) -> tuple[int, ...]:
    """Drop leading conjunctions, complementisers and punctuation, and trailing punctuation and
    coordinating conjunctions (left behind when the clause they joined was cut)."""
    while indexes and (doc[indexes[0]].is_punct or doc[indexes[0]].lower_ in TRIMMED):
        indexes = indexes[1:]
    while indexes and (doc[indexes[-1]].is_punct or doc[indexes[-1]].dep_ == "cc"):
        indexes = indexes[:-1]
    return tuple(indexes)


def _words(doc, indexes: tuple[int, ...]) -> int:
    return len(_part_text(doc, indexes).split())


def _part_text(doc, indexes: tuple[int, ...]) -> str:
    return clean("".join(doc[i].text_with_ws for i in indexes))


def _outer(attribution: Attribution, by_id: dict[str, Attribution]) -> tuple[Attribution, ...]:
    """The attributions a nested one sits in, innermost first."""
    chain, seen = [], {attribution.id}
    while attribution.parent in by_id and attribution.parent not in seen:
        attribution = by_id[attribution.parent]
        seen.add(attribution.id)
        chain.append(attribution)
    return tuple(chain)


def _with_source(attribution: Attribution, article: str, text: str) -> str:
    """A fragment content read with its source and cue when they come right before it in one sentence
    ("Neither the Kremlin nor … appear sure of the future …"); else the content alone."""
    source, cue = attribution.source_span, attribution.cue_span
    if source is None or cue is None or not attribution.content_spans:
        return text
    start, end = attribution.content_spans[0].start, attribution.content_spans[-1].end
    lead = article[source.start:start]
    if not source.start < cue.start < start or len(lead) > READING_LEAD_CHARS or re.search(r"[.!?]\s|\n", lead):
        return text
    if lead.split(maxsplit=1)[0].lower() in PRONOUNS:
        return text
    return clean(article[source.start:end])


def _statements(analyses: Sequence[ArticleAnalysis]) -> list[Statement]:
    """Claim-bearing attributions with their contents. An attribution that wraps a nested one (it
    is some child's ``parent``) is matched through that child, whose source is the origin, and
    joins the child's claim as a relay."""
    out = []
    for analysis in analyses:
        by_id = {a.id: a for a in analysis.attributions}
        parents = {a.parent for a in analysis.attributions if a.parent}
        for attribution in analysis.attributions:
            raw = attribution.content(analysis.article.text)
            text = clean(raw)
            if attribution.id not in parents and len(text.split()) >= MIN_WORDS:
                whole = attribution.form in WHOLE_FORMS or bool(THAT_CLAUSE.match(raw))
                reading = text if whole else _with_source(attribution, analysis.article.text, text)
                out.append(Statement(attribution, text, _outer(attribution, by_id), whole, reading))
    return out


def _candidates(texts: dict[int, Text]) -> set[tuple[int, int]]:
    """Pairs worth scoring among the prepared statements of one story (``texts`` by statement index):
    a shared, not too common content lemma, or embedding nearest neighbours; above the cosine floor."""
    index = sorted(texts)
    if len(index) < 2:
        return set()
    pairs = set(_shared_lemmas([texts[i].content for i in index]))
    vectors = np.stack([texts[i].vector for i in index])
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1.0)
    k = min(NEIGHBOURS, len(index) - 1)
    for n, row in enumerate(np.argpartition(-sims, k - 1, axis=1)[:, :k]):
        pairs.update((min(n, int(m)), max(n, int(m))) for m in row)
    return {(index[n], index[m]) for n, m in pairs if sims[n, m] >= CANDIDATE_MIN_COSINE}


def _shared_lemmas(lemma_sets: Sequence[Iterable[str]]) -> Counter:
    """Pairs (n, m), n < m, of positions in ``lemma_sets`` → how many lemmas they share, through an
    inverted index; a lemma used by more than MAX_POSTING of them is too common to pair anything."""
    postings: dict[str, list[int]] = defaultdict(list)
    for n, lemmas in enumerate(lemma_sets):
        for lemma in lemmas:
            postings[lemma].append(n)
    shared: Counter = Counter()
    for members in postings.values():
        if len(members) <= MAX_POSTING:
            shared.update(combinations(members, 2))
    return shared


def _average_linkage(articles: Sequence[str], scores: dict[tuple[int, int], float], cut: float) -> list[list[int]]:
    """Greedy average-linkage agglomeration over a sparse score matrix.

    The mean runs over the pairs that say something: every cross-article pair (an unscored one
    counts 0) and the same-article pairs that are in ``scores`` (near-verbatim repeats). Two
    different claims of one article may both be matched by one statement of another article
    that joins them ("X and Y"); their low same-article score does not keep them apart.
    """
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    per_article: dict[int, Counter] = {i: Counter([a]) for i, a in enumerate(articles)}
    owner = list(range(len(articles)))
    while True:
        links: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0])
        for (i, j), value in scores.items():
            a, b = owner[i], owner[j]
            if a != b:
                link = links[(min(a, b), max(a, b))]
                link[0] += value
                link[1] += articles[i] == articles[j]
        best, pair = cut, None
        for (a, b), (total, same) in links.items():
            shared = sum(n * per_article[b][k] for k, n in per_article[a].items())
            compared = len(clusters[a]) * len(clusters[b]) - shared + same
            if compared and total / compared >= best:
                best, pair = total / compared, (a, b)
        if pair is None:
            return sorted(clusters.values(), key=min)
        keep, gone = pair
        for member in clusters[gone]:
            owner[member] = keep
        clusters[keep].extend(clusters.pop(gone))
        per_article[keep].update(per_article.pop(gone))


# What a content span cut mid-coordination leaves at its end ("… its leadership and"): not shown in a claim's text.
_DANGLING = re.compile(r"(?:[\s,;:\u2013\u2014-]+|\s+(?:and|or|but|nor|as well as|while|whereas))+$", re.IGNORECASE)


def display_text(text: str) -> str:
    """A statement as a claim's canonical text: without a dangling conjunction or comma at its end."""
    return _DANGLING.sub("", text.strip()) or text.strip()


def _claim_id(attributions: Iterable[str]) -> str:
    """A claim's id: stable for the same member attributions."""
    return "claim-" + hashlib.sha1("\n".join(sorted(attributions)).encode()).hexdigest()[:12]


def _claim(group: list[int], statements: list[Statement], texts: dict[int, Text], scores: dict) -> Claim:
    members = [statements[i] for i in group]
    relays = [r for s in members for r in s.relays]
    ids = tuple(dict.fromkeys([s.attribution.id for s in members] + [r.id for r in relays]))
    centrality = {
        i: sum(scores.get((min(i, j), max(i, j)), 0.0) for j in group if j != i) for i in group
    }
    # The canonical text: the most central member, among those that state a whole proposition when any does
    # (of "attempted to frame X" and "The Kremlin attempted to frame X", the second reads on its own).
    readable = [i for i in group if statements[i].whole] or group
    central = max(readable, key=lambda i: (centrality[i], -len(statements[i].text)))
    reading = statements[central].reading or statements[central].text
    conflicts = []
    for i, j in combinations(group, 2):
        conflict = number_conflict(texts[i], texts[j])
        if conflict and statements[i].attribution.article != statements[j].attribution.article:
            line = f"number: {', '.join(conflict[0])} vs {', '.join(conflict[1])}"
            if line not in conflicts:
                conflicts.append(line)
    origins = tuple(dict.fromkeys(s.attribution.source for s in members if s.attribution.source))
    dates = sorted(s.attribution.date for s in members if s.attribution.date)
    return Claim(
        id=_claim_id(ids),
        text=display_text(reading),
        attributions=ids,
        articles=tuple(dict.fromkeys(s.attribution.article for s in members)),
        origins=origins,
        first_said=dates[0] if dates else None,
        conflicts=tuple(conflicts),
    )


# -- preparing the statements of many stories at once ---------------------------------


def _gate_words(text: str) -> frozenset[str]:
    stop = stop_words()
    return frozenset(w for w in GATE_WORD.findall(text.lower()) if w not in stop)


def _repeat_pairs(statements: Sequence[Statement]) -> set[tuple[int, int]]:
    """Same-article pairs that may be near-verbatim repeats: their content words overlap enough."""
    words = [_gate_words(s.text) for s in statements]
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        by_article[s.attribution.article].append(i)
    pairs = set()
    for members in by_article.values():
        for i, j in combinations(members, 2):
            union = len(words[i] | words[j])
            if union and len(words[i] & words[j]) / union >= REPEAT_MIN_OVERLAP:
                pairs.add((i, j))
    return pairs


def _part(doc, encoded: Encoded, indexes: tuple[int, ...]) -> Text:
    tokens = [doc[i] for i in indexes]
    lemmas = frozenset(t.lemma_.lower() for t in tokens if not t.is_punct and not t.is_space)
    content = frozenset(t.lemma_.lower() for t in tokens if t.pos_ in CONTENT_POS and not t.is_stop)
    raw = doc.text if len(indexes) == len(doc) else _part_text(doc, indexes)
    return make_text(raw, lemmas, content, encoded.token_vectors())


def _parse(texts: list[str]) -> list:
    """Statement texts → spaCy Docs in one pass (no NER: the parts need tags, lemmas and the parse)."""
    from ..extract.nlp import load_nlp

    nlp = load_nlp()
    return list(nlp.pipe(texts, batch_size=256, disable=[n for n in ("ner",) if n in nlp.pipe_names]))


def _prepare(spans: list[tuple[object, list[tuple[int, ...]]]], cache: EmbeddingCache | None) -> list[Text | None]:
    """Parsed statements with their clause parts (``clause_tokens``) → per statement its parts' Texts
    (full text first) through one model pass over all."""
    texts = [doc.text if len(p) == len(doc) else _part_text(doc, p) for doc, parts in spans for p in parts]
    encoded = dict(zip(texts, encode(texts, cache)))
    out = []
    for doc, parts in spans:
        out.append(tuple(_part(doc, encoded[doc.text if len(p) == len(doc) else _part_text(doc, p)], p) for p in parts))
    return out


def _self_standing(statement: Statement, doc) -> Statement:
    """A content without "that" that is a clause of its own (a subject and a finite verb: "[said] the troops had
    begun training") reads on its own, as a that-clause does: ``whole``, read without its source and cue."""
    if statement.whole or doc is None:
        return statement
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return statement
    if root.tag_ not in FINITE_TAGS and not any(c.dep_ in AUX_DEPS and c.tag_ in FINITE_TAGS for c in root.children):
        return statement
    return replace(statement, whole=True, reading=statement.text)


def _is_proposition(doc) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in doc)


def _score(parts: Sequence[tuple[Text, ...]], pairs: Sequence[tuple[int, int]], matcher: ClaimMatcher) -> list[float]:
    """Each pair's score: the best matcher score over its clause pairs (all pairs in one batch)."""
    flat: list[Text] = []
    first: list[int] = []
    for p in parts:
        first.append(len(flat))
        flat.extend(p)
    jobs, owners = [], []
    for n, (i, j) in enumerate(pairs):
        for x in range(len(parts[i])):
            for y in range(len(parts[j])):
                jobs.append((first[i] + x, first[j] + y))
                owners.append(n)
    best = np.zeros(len(pairs))
    if jobs:
        np.maximum.at(best, np.array(owners), matcher.score_pairs(flat, jobs))
    return best.tolist()


def story_groups(analyses: Sequence[ArticleAnalysis], stories: Sequence[Story]) -> list[list[ArticleAnalysis]]:
    """The analyses of each story (an article in no story, or in an earlier one, makes its own)."""
    by_id = {a.article.id: a for a in analyses}
    seen: set[str] = set()
    groups: list[list[ArticleAnalysis]] = []
    for story in stories:
        members = [by_id[i] for i in story.articles if i in by_id and i not in seen]
        seen.update(a.article.id for a in members)
        if members:
            groups.append(members)
    groups.extend([a] for a in analyses if a.article.id not in seen)
    return groups


def group_claims(
    groups: Sequence[Sequence[ArticleAnalysis]], matcher: ClaimMatcher | None = None,
    cache: EmbeddingCache | None = None,
) -> list[list[Claim]]:
    """Per group of analyses (one story), its claims. Statements are prepared once for all groups;
    a statement of a one-article story is prepared only when it may repeat another of its article."""
    matcher = matcher or default_matcher()
    statements = [_statements(members) for members in groups]
    repeats = [_repeat_pairs(stmts) for stmts in statements]
    wanted = [set(range(len(st))) if len(g) > 1 else {i for p in r for i in p} for g, st, r in zip(groups, statements, repeats)]
    texts = list(dict.fromkeys(st[i].text for st, w in zip(statements, wanted) for i in w))
    docs = dict(zip(texts, _parse(texts)))
    statements = [[_self_standing(s, docs.get(s.text)) for s in st] for st in statements]
    active = []
    for members, stmts, want, rep in zip(groups, statements, wanted, repeats):
        verbal = {i for i in want if _is_proposition(docs[stmts[i].text])}
        single = len(members) == 1
        active.append(verbal if not single else {i for p in rep if set(p) <= verbal for i in p})
    todo = list(dict.fromkeys(st[i].text for st, act in zip(statements, active) for i in act))
    parts = {t: clause_tokens(docs[t]) for t in todo}
    prepared = _prepare([(docs[t], parts[t]) for t in todo], cache)
    position = {text: n for n, text in enumerate(todo)}
    quiet = {t: _silenced(docs[t], parts[t]) for t in todo}
    per_group, all_pairs = [], []
    for stmts, act, rep in zip(statements, active, repeats):
        ready = {i: position[stmts[i].text] for i in act}
        articles = [s.attribution.article for s in stmts]
        silent = _silence_pairs({i: quiet[stmts[i].text] for i in act}, articles)
        denied = _denial_pairs(stmts, {i: prepared[n][0] for i, n in ready.items()})
        pairs = sorted({p for p in _candidates({i: prepared[n][0] for i, n in ready.items()})
                        if articles[p[0]] != articles[p[1]] or p in rep} | silent | denied)
        per_group.append((ready, pairs, silent, denied))
        all_pairs.extend((ready[i], ready[j]) for i, j in pairs)
    values = iter(_score(prepared, all_pairs, matcher))
    out = []
    for members, stmts, (ready, pairs, silent, denied) in zip(groups, statements, per_group):
        matched = {p: next(values) for p in pairs}
        claims = _story_claims(stmts, {i: prepared[n][0] for i, n in ready.items()}, matched, silent, denied)
        out.append(_with_replies(claims, members))
    return out


def _replies_to(attribution: Attribution, text: str) -> bool:
    """A denial or confirmation of something named before: "dismissed the figure", "denied these claims"."""
    if attribution.stance not in ("denies", "confirms") or not attribution.content_spans:
        return False
    words = clean(attribution.content(text)).lower().split()
    if not 1 < len(words) <= REPLY_MAX_WORDS:
        return False
    plural = words[-1].endswith("s") and words[-1][:-1] in REPLY_NOUNS  # "rejects Ukrainian casualty claims"
    return plural or words[0] in REPLY_DETERMINERS and words[-1] in REPLY_NOUNS


def _with_replies(claims: list[Claim], analyses: Sequence[ArticleAnalysis]) -> list[Claim]:
    """``claims`` with each reply ("Peskov dismissed the figure as propaganda") joined to the claim of the
    attribution before it in its article (within REPLY_REACH characters): what "the figure" names; a reply in
    the headline, to the claim of the first attribution after it. A reply that made a claim of its own alone
    leaves it."""
    claim_of = {a: n for n, c in enumerate(claims) for a in c.attributions}
    replies: dict[int, list[Attribution]] = defaultdict(list)  # claim index → the replies joining it
    relays: dict[int, list[str]] = defaultdict(list)
    moved: set[int] = set()  # claims that were one reply alone
    for analysis in analyses:
        text = analysis.article.text
        by_id = {a.id: a for a in analysis.attributions}
        for att in analysis.attributions:
            if not _replies_to(att, text):
                continue
            outer = _outer(att, by_id)
            own = claim_of.get(att.id)
            if own is not None and set(claims[own].attributions) != {att.id, *(o.id for o in outer)}:
                continue  # a claim with other members: matched as it stands
            at = att.content_spans[0].start
            near = [b for b in analysis.attributions if b.content_spans and claim_of.get(b.id, own) != own
                    and abs(b.content_spans[0].start - at) <= REPLY_REACH]
            before = [b for b in near if b.content_spans[0].start < at]
            # a headline answers the story told below it ("Kremlin rejects Ukrainian casualty claims")
            after = [b for b in near if b.content_spans[0].start > at] if "\n" not in text[:at].strip() else []
            if not before and not after:
                continue
            answered = max(before, key=lambda b: b.content_spans[0].start) if before else \
                min(after, key=lambda b: b.content_spans[0].start)
            target = claim_of[answered.id]
            replies[target].append(att)
            relays[target].extend(o.id for o in outer)
            if own is not None:
                moved.add(own)
    out = []
    for n, claim in enumerate(claims):
        if n in moved:
            continue
        if n not in replies:
            out.append(claim)
            continue
        ids = tuple(dict.fromkeys([*claim.attributions, *(a.id for a in replies[n]), *relays[n]]))
        origins = tuple(dict.fromkeys([*claim.origins, *(a.source for a in replies[n] if a.source)]))
        out.append(replace(claim, id=_claim_id(ids), attributions=ids, origins=origins))
    return out


def _silenced(doc, parts: list[tuple[int, ...]]) -> frozenset[str] | None:
    """What a statement's main clause (``parts[1]``, background clauses cut) says was not acknowledged, or None."""
    return silenced(doc, parts[1] if len(parts) > 1 else parts[0])


def _silence_pairs(quiet: dict[int, frozenset[str] | None], articles: list[str]) -> set[tuple[int, int]]:
    """Cross-article pairs of silence statements about the same thing (SILENCE_MIN_SHARED content lemmas),
    found through an inverted index of their silenced lemmas."""
    index = sorted(i for i, lemmas in quiet.items() if lemmas)
    pairs = ((index[n], index[m]) for (n, m), k in _shared_lemmas([quiet[i] for i in index]).items()
             if k >= SILENCE_MIN_SHARED)
    return {(i, j) for i, j in pairs if articles[i] != articles[j]}


def _denial_pairs(statements: list[Statement], texts: dict[int, Text]) -> set[tuple[int, int]]:
    """Pairs (i, j) of a denial and a statement of its story that holds what it denies (see DENIAL_COVER).
    Denials are few: each is compared with the story's other prepared statements."""
    out = set()
    for i, text in texts.items():
        if statements[i].attribution.stance != "denies" or len(text.content) < DENIAL_MIN_SHARED:
            continue
        for j, other in texts.items():
            shared = len(text.content & other.content)
            if j != i and shared >= DENIAL_MIN_SHARED and shared >= DENIAL_COVER * len(text.content):
                out.add((min(i, j), max(i, j)))
    return out


def _story_claims(
    statements: list[Statement], texts: dict[int, Text], matched: dict, silent: set[tuple[int, int]] = frozenset(),
    denied: set[tuple[int, int]] = frozenset(),
) -> list[Claim]:
    """Matcher scores (and silence and denial pairs, linked at SILENCE_LINK) → claims; a claim's text is its
    member closest in words to the others (matcher scores only: those links say nothing about wording)."""
    if not statements:
        return []
    articles = [s.attribution.article for s in statements]
    kept = {(i, j): v for (i, j), v in matched.items() if articles[i] != articles[j] or v >= SAME_ARTICLE_MIN}
    linked = {p: max(v, SILENCE_LINK) if p in silent else v for p, v in kept.items()}
    linked.update({p: max(matched.get(p, 0.0), SILENCE_LINK) for p in denied})
    groups = _average_linkage(articles, linked, LINK_MIN)
    return [_claim(group, statements, texts, kept) for group in groups]


def align_claims(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[Story], matcher: ClaimMatcher | None = None,
    cache: EmbeddingCache | None = None,
) -> tuple[Claim, ...]:
    """Group the attributions of the articles of each story into claims (one claim per proposition).

    Articles that belong to no story are treated as stories of their own.
    Every claim-bearing attribution ends in exactly one claim (single ones too). With ``cache``
    (a store), statement embeddings are read from and written to it.
    """
    return tuple(c for claims in group_claims(story_groups(analyses, stories), matcher, cache) for c in claims)
