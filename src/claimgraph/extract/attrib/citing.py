"""Raw attributions → the same with "…, X reported, citing Y" turned into a relay chain (X ← Y).

The parse makes "citing Y" an attribution of X whose content is Y ("X cites Y"). What the sentence says is
that Y is where X's statement comes from: Y is the speaker of X's content, nested in X's attribution. So
the citing candidate becomes one whose source is Y, whose content is the content of the attribution it
modifies (the one whose cue it hangs from, or which has the same source in its sentence), and whose
parent is that attribution (``RawAttribution.cited_by``: its cue span). "According to a report by X,
citing Y, Z happened" is parsed as one according-to attribution whose content opens with "citing Y,":
the phrase leaves that content and becomes the nested attribution of Y. "X was quoted by Y as saying Z" is
Y's attribution (cue "quoted") around X's (cue "as saying").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...types import Span
from .sources import MEMBER_NOUNS, ORG_NOUNS, OUTLET_NOUNS, SPEECH_NOUNS
from .spans import RawAttribution, as_saying

CITING = frozenset({"cite", "citing", "quote", "quoting"})
# common nouns for a source a report is built on (besides named ones)
# (not every document noun: "citing the release of prisoners" gives a reason)
SOURCE_NOUNS = MEMBER_NOUNS | ORG_NOUNS | OUTLET_NOUNS | SPEECH_NOUNS | frozenset({
    "comment", "remark", "briefing", "post", "address",
    "report", "statement", "study", "survey", "poll", "analysis", "assessment", "document", "letter", "memo",
    "tweet", "article", "investigation", "database", "figure", "estimate", "source", "intelligence", "media",
    "government", "ministry", "military", "police", "army", "authority", "witness", "resident", "people", "person"})
# what someone said, whose author ("comments by X", "a statement from X") is the one cited
SPOKEN = SPEECH_NOUNS | frozenset({"comment", "remark", "statement", "post", "briefing"})
# "citing Ukraine's General Staff, Russia lost …": the cited phrase before the comma that ends it
OPENING = re.compile(r"(?:citing|quoting)\s+([^,]{2,120}?),\s+", re.IGNORECASE)


def _is_citing(raw: RawAttribution) -> bool:
    cue = raw.cue
    return cue.lower_ in CITING and cue.tag_ == "VBG" and len(raw.content_spans) == 1


def _a_source(tok) -> bool:
    """The cited phrase names a source ("Ukraine's General Staff", "intelligence officials", "a statement"),
    not a reason or evidence ("citing a threat to public health", "citing her work")."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and tok.ent_iob_ != "O":
        return True
    return tok.lemma_.lower() in SOURCE_NOUNS


def _governor(raw: RawAttribution, raws: list[RawAttribution]) -> RawAttribution | None:
    """The attribution a citing participle modifies: the closing report before it, else the one whose cue it
    hangs from, else the nearest one in its sentence with the same source mention."""
    sent = raw.cue.sent
    others = [r for r in raws if r is not raw and not _is_citing(r) and r.cue.sent == sent]
    # "X reported, citing Y, that P": the cue right before it, a comma between (the parser hangs it elsewhere)
    doc = raw.cue.doc
    before = next((r for r in others if r.cue.i == raw.cue.i - 2 and doc[raw.cue.i - 1].text == ","), None)
    if before is not None:
        return before
    # "P, TASS reported, citing Y": a closing report (its content before its cue) ahead of the participle
    closing = [r for r in others if r.cue.i < raw.cue.i and all(c.end <= r.cue_span.start for c in r.content_spans)]
    if closing:
        return max(closing, key=lambda r: r.cue.i)
    node = raw.cue
    while node.head.i != node.i:
        node = node.head
        found = next((r for r in others if r.cue.i == node.i), None)
        if found is not None:
            return found
    same = [r for r in others if raw.source_span is not None and r.source_span == raw.source_span]
    return min(same, key=lambda r: abs(r.cue.i - raw.cue.i), default=None)


def _speaker_of(head, cited: Span):
    """(head token, span) of who is cited: the author of "comments by X" / "a statement from X", else the phrase."""
    if head.lemma_.lower() in SPOKEN:
        for prep in head.children:
            agent = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of") and agent is not None:
                left, right = agent.left_edge, agent.right_edge
                return agent, Span(left.idx, right.idx + len(right.text))
    return head, cited


def _outside(spans: tuple[Span, ...], cut: Span) -> tuple[Span, ...]:
    """``spans`` less the characters of ``cut`` (a phrase at the start or the end of one of them)."""
    out = []
    for s in spans:
        if cut.end <= s.start or s.end <= cut.start:
            out.append(s)
            continue
        if s.start < cut.start:
            out.append(Span(s.start, cut.start))
        if cut.end < s.end:
            out.append(Span(cut.end, s.end))
    return tuple(s for s in out if s.end > s.start)


def _quoted_by(raw: RawAttribution) -> list[RawAttribution] | None:
    """"Putin was quoted by TASS as saying that …": TASS's attribution (cue "quoted") around Putin's (cue "as
    saying"), or None when the raw is not that."""
    cue = raw.cue
    quote = cue.head.head if cue.dep_ == "pcomp" and cue.head.lower_ == "as" else cue  # the raw's cue: "saying"
    if quote.lemma_.lower() != "quote" or not any(c.dep_ == "auxpass" for c in quote.children):
        return None
    agent = next((g for c in quote.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    sayer = as_saying(quote)
    if agent is None or sayer is None or raw.source_span is None:
        return None
    left, right = agent.left_edge, agent.right_edge
    quoted = Span(quote.idx, quote.idx + len(quote.text))
    relay = RawAttribution(quote, quoted, agent, Span(left.idx, right.idx + len(right.text)), raw.content_spans,
                           "indirect")
    said = Span(sayer.head.idx, sayer.idx + len(sayer.text))
    speaker = RawAttribution(sayer, said, raw.source_tok, raw.source_span, raw.content_spans, "indirect",
                             cited_by=quoted)
    return [relay, speaker]


def relay_chains(doc, raws: list[RawAttribution]) -> list[RawAttribution]:
    """``raws`` with each citing participle made the nested attribution of what it cites, and each "quoted by Y
    as saying" split into Y's attribution around the speaker's (see the module)."""
    text = doc.text
    split: list[RawAttribution] = []
    for raw in raws:
        split.extend(_quoted_by(raw) or [raw])
    raws = split
    out: list[RawAttribution] = []
    for raw in raws:
        if _is_citing(raw):
            governor = _governor(raw, raws)
            if governor is None:
                out.append(raw)
                continue
            cited = raw.content_spans[0]
            tok = doc.char_span(cited.start, cited.end, alignment_mode="expand")
            phrase = Span(raw.cue_span.start, cited.end)
            content = _outside(governor.content_spans, phrase)
            if tok is None or not content or not _a_source(tok.root):
                out.append(raw)
                continue
            head, source = _speaker_of(tok.root, cited)
            out.append(RawAttribution(raw.cue, raw.cue_span, head, source, _strip(text, content), "indirect",
                                      cited_by=governor.cue_span))
            continue
        out.append(raw)
    # the governors lose the citing phrase ("citing Y") where their content held it; an opening "citing Y,"
    # makes one
    phrases_of: dict[Span, list[Span]] = {}
    for r in out:
        if r.cited_by is not None and r.cue.lower_ in CITING and r.source_span is not None:
            phrases_of.setdefault(r.cited_by, []).append(Span(r.cue_span.start, r.source_span.end))
    final: list[RawAttribution] = []
    for raw in out:
        phrases = phrases_of.get(raw.cue_span, [])
        content = raw.content_spans
        for p in phrases:
            content = _outside(content, p)
        raw = replace(raw, content_spans=_strip(text, content)) if phrases and content else raw
        final.append(raw)
        nested = _opening_citation(doc, raw)
        if nested is not None:
            final[-1] = replace(raw, content_spans=nested.content_spans)
            final.append(nested)
    return final


def _opening_citation(doc, raw: RawAttribution) -> RawAttribution | None:
    """"According to X, citing Y, Z …": the according-to content opens with the citation."""
    if raw.form != "according_to" or not raw.content_spans:
        return None
    first = raw.content_spans[0]
    m = OPENING.match(doc.text, first.start, first.end)
    if m is None:
        return None
    cited = Span(m.start(1), m.end(1))
    tok = doc.char_span(cited.start, cited.end, alignment_mode="expand")
    cue = doc.char_span(m.start(), m.start() + len(m.group().split()[0]), alignment_mode="expand")
    rest = (Span(m.end(), first.end),) + raw.content_spans[1:]
    if tok is None or cue is None or m.end() >= first.end or not _a_source(tok.root):
        return None
    return RawAttribution(cue.root, Span(cue.start_char, cue.end_char), tok.root, cited, rest, "indirect",
                          cited_by=raw.cue_span)


def _strip(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans without surrounding spaces and commas."""
    out = []
    for s in spans:
        a, b = s.start, s.end
        while a < b and text[a] in " ,\n":
            a += 1
        while b > a and text[b - 1] in " ,\n":
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return tuple(out)
