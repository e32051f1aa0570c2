"""A detected attribution → its stance, hedges, polarity, date and parent (nesting)."""

from __future__ import annotations

from ...types import DateMention, Span
from .spans import is_caveat

# cue lemma → stance; lemmas not listed fall back to DEFAULT_STANCE (or "reports" for according-to/colon/list)
STANCES = {
    "confirms": ("confirm", "verify", "acknowledge", "admit", "concede", "reaffirm", "corroborate", "affirm"),
    "denies": ("deny", "reject", "dismiss", "refute", "dispute", "rebut", "contradict"),
    "claims": ("claim", "allege", "insist", "charge", "accuse", "contend", "maintain", "argue"),
    "suggests": ("suggest", "indicate", "imply", "hint", "appear", "seem", "signal"),
    "believes": ("believe", "think", "feel", "consider", "expect", "hope", "fear", "worry", "doubt", "suspect",
                 "assess", "estimate", "predict", "want", "plan", "intend"),
    "reports": ("report", "write", "publish", "reveal", "disclose", "announce", "tweet", "post", "accord",
                "show", "find", "document", "emerge"),
    "notes": ("note", "observe", "point", "add", "mention", "explain", "remark", "recall", "stress", "emphasize",
              "emphasise", "highlight"),
    "warns": ("warn", "caution", "threaten"),
    "promises": ("promise", "pledge", "vow", "guarantee", "commit"),
}
STANCE_OF = {lemma: stance for stance, lemmas in STANCES.items() for lemma in lemmas}
DEFAULT_STANCE = "asserts"
HEDGES = frozenset({"likely", "unlikely", "reportedly", "apparent", "apparently", "allegedly", "alleged",
                    "previously", "possibly", "possible", "probably", "perhaps", "may", "might", "could",
                    "purportedly", "supposedly", "seemingly", "presumably", "unconfirmed", "reported", "believed",
                    "unclear", "uncertain", "unverified", "purported", "suspected", "presumed"})
ABSENCE_OBJECTS = frozenset({"any", "no", "details", "detail", "information", "evidence", "acknowledgment",
                             "acknowledgement", "confirmation", "comment"})
ABSENCE_VERBS = frozenset({"avoid", "decline", "refuse", "fail", "omit"})
# What an avoidance verb must govern for the clause to report a silence ("declined to comment", "avoid
# reporting on", "refused questions") rather than a failure or a fall ("failed to realize", "income declined").
DISCLOSURE_VERBS = frozenset({"acknowledge", "recognize", "recognise", "confirm", "deny", "report", "comment",
                              "admit", "disclose", "announce", "mention", "say", "speak", "talk", "tell", "specify",
                              "elaborate", "discuss", "answer", "respond", "reply", "explain", "provide", "release",
                              "publish", "reveal", "name", "identify", "address"})
DISCLOSURE_OBJECTS = ABSENCE_OBJECTS | {"question", "interview", "request", "detail"}


def stance(cue) -> str:
    found = STANCE_OF.get(cue.lemma_.lower(), DEFAULT_STANCE)
    return DEFAULT_STANCE if found == "denies" and negated(cue) else found  # "did not deny", "would not … deny"


def _unverified(caveat) -> bool:
    """The writer's apposition says the statement was not verified or confirmed."""
    words = [t for t in caveat.subtree]
    return any(t.lemma_.lower() in ("verify", "confirm", "corroborate") for t in words) and (
        any(t.dep_ == "neg" for t in words) or any(t.lower_ in ("unverified", "unconfirmed") for t in words))


def yet_to(cue) -> bool:
    """ "The Kremlin has yet to comment", "is yet to confirm": not done so far."""
    head = cue.head
    return (cue.dep_ == "xcomp" and head.lemma_.lower() in ("have", "be")
            and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children))


def neither_nor(cue) -> bool:
    """ "The Pentagon neither confirmed nor denied the report": the cue or the verb it is coordinated with opens
    with "neither"."""
    verbs = [cue, cue.head] if cue.dep_ == "conj" else [cue]
    return any(c.dep_ == "preconj" and c.lower_ == "neither" for v in verbs for c in v.children)


def negated(cue) -> bool:
    """The cue is negated, or coordinated by "or"/"nor" with a negated verb ("would not confirm or deny")."""
    if any(c.dep_ == "neg" for c in cue.children) or yet_to(cue) or neither_nor(cue):
        return True
    head = cue.head
    return (cue.dep_ == "conj" and head.i < cue.i and any(c.dep_ == "neg" for c in head.children)
            and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in head.children))


def hedges(doc, cue, content: tuple[Span, ...]) -> tuple[str, ...]:
    """Hedge words in the cue's clause (before the content) or in the content, in text order, once each.
    The cue itself is none: "X reported that …" is a report, not a hedge, which "reportedly" or "the
    reported …" would be."""
    found: list[str] = []
    for tok in cue.sent:
        if tok.i > cue.i and is_caveat(tok) and _unverified(tok) and "unverified" not in found:
            found.append("unverified")  # "…, a claim that could not be independently verified"
        inside = any(s.start <= tok.idx < s.end for s in content)
        near_cue = tok.head.i == cue.i and tok.i != cue.i
        if (inside or near_cue) and tok.lower_ in HEDGES and tok.lower_ not in found:
            if tok.lower_ in ("may", "might", "could") and not inside:
                continue
            found.append(tok.lower_)
    return tuple(found)


def polarity(doc, cue, content: tuple[Span, ...]) -> str:
    """negated: the cue is negated; absence: what is reported is that something is missing or avoided."""
    negative = negated(cue)
    if negative and confirm_or_deny(cue):
        return "absence"  # "would not confirm or deny whether …": withholds both
    if cue.lemma_.lower() in ABSENCE_VERBS and cue.pos_ == "VERB" and _withholds(cue):
        return "absence"  # "The company declined to comment."
    span = doc.char_span(content[0].start, content[-1].end, alignment_mode="expand")
    quoted = span is not None and span.text[:1] in "“\"‘'"  # "I don't have any set ideas": words, not a silence
    if span is not None and span.text.lower() in ("little", "nothing", "very little", "next to nothing"):
        return "absence"  # "Officials have said little about the cause"
    if span is not None and not quoted and _absent(span.root):
        return "absence"
    if negative:
        return "absence" if any(c.lower_ in ABSENCE_OBJECTS for t in cue.subtree for c in [t]) else "negated"
    return "affirmed"


def confirm_or_deny(cue) -> bool:
    """ "confirm or deny", "confirm nor deny": the cue and a verb coordinated with it are one of each."""
    pair = {cue.lemma_.lower(), cue.head.lemma_.lower()} | {c.lemma_.lower() for c in cue.children if c.dep_ == "conj"}
    return {"confirm", "deny"} <= pair


def _absent(root) -> bool:
    """The clause says something is missing: 'has not seen any X', 'did not provide details', 'continue to avoid'."""
    verbs = [root] + [c for c in root.children if c.dep_ == "xcomp"]
    for verb in verbs:
        if verb.lemma_ in ABSENCE_VERBS and verb.pos_ == "VERB" and _withholds(verb):
            return True
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        if any(c.dep_ == "neg" for c in verb.children) and any(
                o.lower_ in ABSENCE_OBJECTS or any(d.lower_ in ("any", "no") for d in o.children) for o in objects):
            return True
    return False


def _withholds(verb) -> bool:
    """An avoidance verb governs a disclosure: 'declined to comment', 'avoid reporting', 'declined comment'."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "pcomp") and c.lemma_.lower() in DISCLOSURE_VERBS:
            return True
        if c.dep_ == "dobj" and c.lemma_.lower() in DISCLOSURE_OBJECTS:
            return True
    return False


DEADLINE_PREPS = frozenset({"by", "until", "till", "through"})  # "by 2028": when something is to be done


def date_of(cue, content: tuple[Span, ...], dates: tuple[DateMention, ...], published: str | None = None) -> str | None:
    """The ISO date of a date expression in the cue's own clause, outside the content ("confirmed on 16 December").
    Not a deadline ("By 2028, the trust aims to …", "until March") nor a date after ``published`` (the article's
    date): nothing was said after it was printed."""
    sent = cue.sent
    for d in dates:
        if not d.value or not (sent.start_char <= d.span.start < sent.end_char):
            continue
        if any(s.start <= d.span.start < s.end for s in content):
            continue
        if published and d.value[: len(published)] > published:
            continue
        tok = cue.doc.char_span(d.span.start, d.span.end, alignment_mode="expand")
        if tok is None or any(t.dep_ == "pobj" and t.head.lower_ in DEADLINE_PREPS for t in tok):
            continue
        if any(cue.i in (t.head.i, t.head.head.i, t.head.head.head.i) for t in tok):
            return d.value
    return None


def parent_of(cue_span: Span | None, others: list[tuple[str, tuple[Span, ...]]]) -> str | None:
    """The id of the innermost other attribution whose content contains this cue."""
    best, size = None, None
    if cue_span is None:
        return None
    for att_id, content in others:
        for s in content:
            if s.start <= cue_span.start and cue_span.end <= s.end and (size is None or s.end - s.start < size):
                best, size = att_id, s.end - s.start
    return best
