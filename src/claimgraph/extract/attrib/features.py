"""spaCy tokens → candidate cue tokens and their sparse string features (shared by training and inference)."""

from __future__ import annotations

from collections.abc import Iterator

from .quotes import quote_regions

CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADP", "ADJ"})
QUOTE_CHARS = frozenset('"“”‘’«»') | {"''", "``"}
HEADLINE_CHARS = 300  # a first line no longer than this is taken as the headline
QUOTE_NEAR_CHARS = 60  # a quotation this close to a verb is likely what it introduces (news layout)
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "prep", "agent", "poss", "acl", "attr", "dative"})


def is_quote(tok) -> bool:
    return tok.text in QUOTE_CHARS


def quote_depth(sent) -> dict[int, bool]:
    """Token index → whether it lies inside a quotation within its sentence (straight or curly quotes)."""
    inside, out = False, {}
    for tok in sent:
        if tok.text in ("“", "``", "‘"):
            out[tok.i], inside = inside, True
        elif tok.text in ("”", "''"):
            out[tok.i], inside = inside, False
        elif tok.text == '"':
            out[tok.i] = inside
            inside = not inside
        else:
            out[tok.i] = inside
    return out


def is_candidate(tok, lexicon: dict[str, tuple[int, int]]) -> bool:
    """A token worth classifying: a content word whose lemma was a cue in training, or that governs a clause."""
    if tok.pos_ not in CANDIDATE_POS or tok.is_punct:
        return False
    lemma = tok.lemma_.lower()
    if lemma in lexicon:
        return True
    return any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and tok.pos_ in ("VERB", "AUX", "NOUN")


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4+"


def quote_context(tok, regions: list[tuple[int, int]], text: str) -> list[str]:
    """Whether a quotation closes just before the token's clause or opens just after it."""
    feats = []
    sent = tok.sent
    before = [r for r in regions if sent.start_char - 3 <= r[1] <= tok.idx]
    if before and tok.idx - before[-1][1] <= QUOTE_NEAR_CHARS:
        feats.append("qbefore")
    after = [r for r in regions if tok.idx < r[0] <= sent.end_char]
    if after and after[0][0] - tok.idx <= QUOTE_NEAR_CHARS:
        feats.append("qafter")
    if any(r[0] <= tok.idx < r[1] for r in regions):
        feats.append("qinside")
    return feats


def token_features(tok, in_quote: bool) -> list[str]:
    """Sparse features of one candidate token from its parse neighbourhood."""
    lemma, pos, dep = tok.lemma_.lower(), tok.pos_, tok.dep_
    child_deps = sorted({c.dep_ for c in tok.children})
    feats = [f"l={lemma}", f"p={pos}", f"t={tok.tag_}", f"d={dep}", f"ld={lemma}|{dep}", f"lp={lemma}|{pos}",
             f"hd={tok.head.lemma_.lower()}|{dep}", f"hp={tok.head.pos_}|{dep}", f"q={in_quote}",
             f"prev={tok.nbor(-1).lower_ if tok.i > 0 else '<s>'}",
             f"next={tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else '</s>'}",
             f"first={tok.is_sent_start}", f"nch={_bucket(len(list(tok.children)))}"]
    for cd in child_deps:
        feats.append(f"cd={cd}")
        if cd in CLAUSE_DEPS:
            feats.append(f"lcd={lemma}|{cd}")
    feats.append("cds=" + "+".join(d for d in child_deps if d in CLAUSE_DEPS))
    if dep in ("xcomp", "ccomp", "advcl", "conj"):
        feats.append(f"hl={tok.head.lemma_.lower()}|{lemma}")
    if tok.i > 1:
        feats.append(f"prev2={tok.nbor(-2).lower_}|{tok.nbor(-1).lower_}")
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "agent", "poss"):
            feats += [f"subjpos={c.dep_}|{c.pos_}", f"subjent={c.ent_type_ or '-'}", f"subjl={c.lemma_.lower()}",
                      f"lsubjent={lemma}|{c.ent_type_ or c.pos_}"]
        elif c.dep_ == "prep":
            feats.append(f"prep={lemma}|{c.lower_}")
        elif c.dep_ in ("dobj", "attr"):
            feats.append(f"obj={lemma}|{c.lemma_.lower()}")
        elif c.dep_ in ("ccomp", "xcomp"):
            feats.append(f"comp={lemma}|{c.dep_}|{c.pos_}")
        elif c.dep_ == "punct" and is_quote(c):
            feats.append("quotechild")
        elif c.dep_ == "neg":
            feats.append("neg")
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).text == ":":
        feats.append(f"colon|{lemma}")
    feats += [f"m={m}" for m in tok.morph if m.startswith(("VerbForm", "Tense"))]
    if tok.text[:1].isupper() and not tok.is_sent_start:
        feats.append("titlecase")
    return feats


def candidates(doc, lexicon: dict[str, tuple[int, int]], text: str | None = None) -> Iterator[tuple[object, list[str]]]:
    """(token, features) for every candidate cue in the doc."""
    text = doc.text if text is None else text
    regions = quote_regions(text)
    first_line = text.find("\n")
    headline_end = first_line if 0 < first_line <= HEADLINE_CHARS else 0
    for sent in doc.sents:
        quoted = quote_depth(sent)
        for tok in sent:
            if is_candidate(tok, lexicon):
                feats = token_features(tok, quoted[tok.i])
                q = quote_context(tok, regions, text)
                feats += q + [f"lq={tok.lemma_.lower()}|{f}" for f in q]
                if tok.idx < headline_end:
                    feats += ["headline", f"headline|{tok.lemma_.lower()}"]
                yield tok, feats
