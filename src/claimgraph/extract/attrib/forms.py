"""Article text + parse → attributions marked by punctuation and layout (colon labels, dash bylines, bullet lists).

"X: …" labels and quoting headers, "“…” ― X" bylines, bullet lists under an attributed header, and the implicit
continuation of a source's reasoning in the next sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...types import Span
from .sources import MEMBER_NOUNS, ORG_NOUNS, OUTLET_NOUNS, VAGUE_NOUNS
from .spans import FINITE_TAGS, RawAttribution

# nouns a headline credit is headed by when it names no one ("…: sources", "…: health ministry", "…: report")
CREDIT_NOUNS = MEMBER_NOUNS | ORG_NOUNS | OUTLET_NOUNS | VAGUE_NOUNS | frozenset(
    {"military", "army", "police", "government", "authorities", "officials", "monitor", "witness", "witnesses",
     "medic", "medics", "study", "poll", "survey", "statement", "governor", "mayor", "minister", "president",
     "ambassador", "general", "commander", "tv", "television", "radio", "service", "observatory", "institute",
     "data", "figures", "count", "tally"})

HEADER_MAX_TOKENS = 14  # a colon header longer than this is a sentence, not a label
NAME_MAX_TOKENS = 5  # "Rep. John Mica (R-Fla.): …" at most; longer runs before a colon are not a speaker label
MIN_HEADER_CUE_RATE = 0.3  # lexicon lemmas at least this often a cue in PolNeAR train mark a quoting header
MIN_HEADER_CUE_COUNT = 5
LINE = re.compile(r"[^\n]+")
# "statement: credit" headlines: the line at most this long before the colon, the credit at most this many tokens,
# the statement at least this many words
CREDIT_LINE_CHARS = 200
CREDIT_MAX_TOKENS = 7
CREDIT_MIN_STATEMENT = 4
CREDIT_MAX_STATEMENT = 25  # words: a wire headline, not a sentence that explains after a colon
BULLET = re.compile(r"\s*(?:[•●▪◦‣*·]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
DASH_BYLINE = re.compile(r"\s*[―—–]\s*")
HEADLINE_LABEL_TOKENS = 3  # "Poll:", "Report:", "Sanders:" opening a headline
BYLINE_MAX_CHARS = 80  # "― Name, city" after a quoted paragraph
QUOTE_STARTS = frozenset('“”"«\'‘')
QUOTE_ENDS = frozenset('”"»\'’')
# sentence openers that spell out the reasoning just credited to a source; the cue lemmas whose reasoning may go on
CONTINUATION_OPENERS = frozenset({"by", "thus", "therefore", "hence", "consequently", "accordingly"})
STANCE_CONTINUED = frozenset({"suggest", "assess", "argue", "conclude", "believe", "explain", "contend", "indicate"})
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# labels a paper puts before its own words: never a speaker ('UPDATE:', 'WATCH:', 'EDITOR'S NOTE:', 'BREAKING:')
EDITORIAL_LABELS = frozenset({"update", "updated", "updates", "correction", "clarification", "editor", "editors",
                              "note", "watch", "photo", "photos", "video", "videos", "read", "related", "breaking",
                              "exclusive", "also", "see", "listen", "advertisement", "warning", "live", "recap",
                              # section heads of a structured summary ("PROBLEM: …", "METHODOLOGY: …")
                              "problem", "methodology", "method", "methods", "results", "result", "conclusion",
                              "conclusions", "implication", "implications", "source", "sources", "background",
                              "summary", "context", "findings", "verdict", "rating", "claim", "origin", "origins",
                              "question", "answer", "q", "a", "fact", "facts", "analysis", "details", "description",
                              "status", "bottom"})


def _root(span):
    return span.root if span is not None else None


def _speaker(ents, start: int, end: int):
    """(head token, span) of a named speaker within [start, end), else (None, None)."""
    for ent in ents:
        if ent.start_char >= start and ent.end_char <= end and ent.label_ in SPEAKER_ENTS:
            return ent.root, Span(ent.start_char, ent.end_char)
    return None, None


def _header_cues(doc, start: int, end: int, lexicon: dict[str, tuple[int, int]]) -> list:
    """The cue words of a quoting header ("… the Congressman replied:"), in text order; [] when it is none."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) > HEADER_MAX_TOKENS:
        return []
    return [tok for tok in span if not tok.is_punct
            and (n := lexicon.get(tok.lemma_.lower(), (0, 1))[0]) >= MIN_HEADER_CUE_COUNT
            and n / lexicon[tok.lemma_.lower()][1] >= MIN_HEADER_CUE_RATE]


def _is_quoting_header(doc, start: int, end: int, lexicon: dict[str, tuple[int, int]]) -> bool:
    return bool(_header_cues(doc, start, end, lexicon))


def _header_speaker(doc, ents, start: int, end: int, lexicon):
    """The speaker of a quoting header that names someone: the subject of its last cue verb ("When Van Susteren
    pressed him, the Congressman replied:" → the Congressman), else the first name. (A header naming no one,
    "He says:", "The outline of a strategy seems clear:", is left to the verb's own attribution, or to none.)"""
    named = _speaker(ents, start, end)
    if named[0] is None:
        return named
    for cue in reversed(_header_cues(doc, start, end, lexicon)):
        subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= start), None)
        if cue.pos_ == "VERB" and subject is not None:
            toks = [t for t in subject.subtree if t.idx >= start]
            return subject, Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))
    return named


def _is_name_label(doc, start: int, end: int, headline: bool) -> bool:
    """'WALLACE:', 'Rep. John Mica:' — or in a headline any short capitalised label ('Poll: …')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not 0 < len(span) <= NAME_MAX_TOKENS:
        return False
    if span[0].lower_ in EDITORIAL_LABELS or any(ch.isdigit() for ch in span.text):
        return False  # the paper's own label ('UPDATE 26/01/2015:', 'WATCH:'), not a speaker
    if headline and len(span) <= HEADLINE_LABEL_TOKENS and span[0].text[:1].isupper():
        return all(t.pos_ in ("PROPN", "NOUN") or t.is_punct for t in span)
    if span.text.isupper():
        return True  # transcript speaker labels: 'WALLACE:'
    # elsewhere a label must name someone ('Rep. John Mica:'), not head a section ('Correction:', 'Veto Power …:')
    named = any(t.ent_type_ in SPEAKER_ENTS for t in span)
    return named and all(t.pos_ == "PROPN" or t.is_punct or t.text.isupper() for t in span)


def _label_source(doc, ents, start: int, end: int):
    """The named speaker in a label, else the label itself."""
    tok, span = _speaker(ents, start, end)
    if tok is not None:
        return tok, span
    label = doc.char_span(start, end, alignment_mode="expand")
    return (label.root, Span(start, end)) if label is not None else (None, None)


def colon_attributions(doc, text: str, ents, lexicon) -> Iterator[RawAttribution]:
    """'Quote from X: “…”', 'WALLACE: …', and bulleted lists under 'To quote X's summary:'."""
    lines = [(m.start(), m.end()) for m in LINE.finditer(text)]
    for k, (ls, le) in enumerate(lines):
        colon = text.find(":", ls, le)
        if colon < 0 or colon == ls or (colon + 1 < le and text[colon + 1].isdigit()):
            continue
        head_start = ls + len(text[ls:colon]) - len(text[ls:colon].lstrip())
        quoting = _is_quoting_header(doc, head_start, colon, lexicon)
        rest = text[colon + 1: le]
        shouted = any(ch.isalpha() for ch in rest) and rest.upper() == rest  # "LONDON: POLICE ALLEGE …", a kicker
        label = not shouted and _is_name_label(doc, head_start, colon, headline=k == 0)
        if not (quoting or label) or _page_label(text[head_start:colon], rest):
            continue
        src_tok, src_span = (_header_speaker(doc, ents, head_start, colon, lexicon) if quoting
                             else _label_source(doc, ents, head_start, colon))
        cue_tok = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if src_tok is None or cue_tok is None:
            continue
        cue_span = Span(head_start, colon + 1) if quoting else Span(colon, colon + 1)
        if rest.strip():
            start = colon + 1 + len(rest) - len(rest.lstrip())
            yield RawAttribution(cue_tok.root, cue_span, src_tok, src_span, (Span(start, le),), "colon")
        elif quoting:
            yield from _bullets(text, lines[k + 1:], cue_tok.root, cue_span, src_tok, src_span)


# labels of a page's furniture before a colon: a link to another story ("MORE: …", "READ MORE: …"), a social
# media handle ("IG: @…"), a photo credit; no speaker
PAGE_LABELS = frozenset({"more", "read more", "related", "also", "also read", "read also", "see also", "watch",
                         "listen", "update", "updated", "photo", "photos", "video", "videos", "ig", "instagram",
                         "twitter", "x", "facebook", "tiktok", "youtube", "website", "web", "email", "e-mail",
                         "contact", "credit", "photo credit", "image", "caption", "file", "tags", "topics", "share",
                         "sponsored", "advertisement", "subscribe", "follow", "follow us", "trending", "top stories",
                         "latest", "recommended", "sign up", "newsletter"})
HANDLE_OR_LINK = re.compile(r"\s*(?:@[\w.]+|https?://\S+|www\.\S+)(?:\s*[,|/]\s*(?:@[\w.]+|https?://\S+|www\.\S+))*\s*")


def _page_label(head: str, rest: str) -> bool:
    """A colon after page furniture ("MORE: Black-led group strikes deal …") or before a handle or a link only
    ("IG: @alexandriadouziech"): no one is quoted."""
    return " ".join(head.split()).strip(" *-–—•").lower() in PAGE_LABELS or bool(HANDLE_OR_LINK.fullmatch(rest))


def credit_lines(doc, text: str) -> Iterator[RawAttribution]:
    """A wire headline that credits its statement after a colon: "Russia lost 1,500 troops in a day: Ukraine's
    military", "Ceasefire to begin on Sunday: sources". The credit is a short noun phrase without a verb that names
    someone (an entity, or a noun for a source, a body or an outlet); the statement before it has a verb."""
    for m in LINE.finditer(text):
        ls, le = m.start(), len(text[: m.end()].rstrip())
        if text[le - 1] in ".!?":
            continue  # a headline has no full stop; "… the people they refuse to define: radical Islamic terrorists."
        colon = text.rfind(":", ls, le)
        if colon < 0 or colon - ls > CREDIT_LINE_CHARS:
            continue
        start = colon + 1 + len(text[colon + 1: le]) - len(text[colon + 1: le].lstrip())
        credit = doc.char_span(start, le, alignment_mode="contract")
        statement = doc.char_span(ls, colon, alignment_mode="contract")
        cue = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if credit is None or statement is None or cue is None or not 0 < len(credit) <= CREDIT_MAX_TOKENS:
            continue
        if any(t.tag_ in FINITE_TAGS or t.pos_ == "AUX" or t.text in QUOTE_STARTS | QUOTE_ENDS or t.like_num
               for t in credit):
            continue
        words = [t for t in statement if not t.is_punct]
        if not CREDIT_MIN_STATEMENT <= len(words) <= CREDIT_MAX_STATEMENT or not any(
                t.pos_ in ("VERB", "AUX") for t in statement):
            continue
        # a credit that only names someone needs a statement with a finite verb (in a title-case headline, "A
        # Plan to Fight Climate Change: Sell Coal" capitalises a verb phrase); a noun for a source does not
        named = any(t.ent_type_ in SPEAKER_ENTS for t in credit) and any(t.tag_ in FINITE_TAGS for t in statement)
        if not named and credit.root.lemma_.lower() not in CREDIT_NOUNS:
            continue
        head = credit.root
        yield RawAttribution(cue.root, Span(colon, colon + 1), head, Span(credit.start_char, credit.end_char),
                             (Span(statement.start_char, statement.end_char),), "colon")


def _bullets(text: str, lines, cue, cue_span, src_tok, src_span) -> Iterator[RawAttribution]:
    for ls, le in lines:
        m = BULLET.match(text, ls, le)
        if m is None:
            return
        yield RawAttribution(cue, cue_span, src_tok, src_span, (Span(m.end(), le),), "list")


def dash_bylines(doc, text: str, ents) -> Iterator[RawAttribution]:
    """'“…” ― Sonya Herridge': a quoted paragraph closed by a dash and the speaker's name."""
    for m in DASH_BYLINE.finditer(text):
        qe = m.start()
        if not m.group().strip() or qe == 0 or text[qe - 1] not in QUOTE_ENDS:
            continue
        qs = text.rfind("\n", 0, qe) + 1
        while qs < qe and text[qs].isspace():
            qs += 1
        if text[qs] not in QUOTE_STARTS:
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if line_end - m.end() > BYLINE_MAX_CHARS:
            continue
        src_tok, src_span = _label_source(doc, ents, m.end(), line_end)
        dash_pos = qe + m.group().index(m.group().strip()[0])
        dash = doc.char_span(dash_pos, dash_pos + 1, alignment_mode="expand")
        if src_tok is None or dash is None:
            continue
        yield RawAttribution(dash.root, Span(dash_pos, dash_pos + 1), src_tok, src_span, (Span(qs, qe),), "direct")


def continuations(doc, raws: list[RawAttribution]) -> dict[int, Span]:
    """Implicit continuation, conservatively: the sentence right after an attribution's content that carries no
    cue of its own and opens by spelling out the reasoning ("By not acknowledging …, Russia can …")."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    out: dict[int, Span] = {}
    for k, raw in enumerate(raws):
        if raw.form not in ("indirect", "direct") or STANCE_CONTINUED.isdisjoint({raw.cue.lemma_.lower()}):
            continue
        end = raw.content_spans[-1].end
        j = next((i for i, st in enumerate(starts) if st >= end), None)
        if j is None or doc.text[end:starts[j]].count("\n") > 2:
            continue
        nxt = sents[j]
        first = next((t for t in nxt if not t.is_space), None)
        if first is None or first.lower_ not in CONTINUATION_OPENERS:
            continue
        opener = {t.idx for t in first.subtree}  # "By not reporting them, …": a cue inside the opener is its own
        others = [r for r in raws if r.cue_span.start not in opener]
        if any(nxt.start_char <= r.cue_span.start < nxt.end_char for r in others) or any(
                s.start < nxt.end_char and nxt.start_char < s.end for r in others for s in r.content_spans):
            continue
        last = nxt[-1] if nxt[-1].is_punct and not nxt[-1].is_space else None
        stop = last.idx if last is not None and last.text in ".;" else nxt.end_char
        out[k] = Span(first.idx, len(doc.text[:stop].rstrip()))
    return out
