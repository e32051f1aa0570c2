"""spaCy Doc → attributions: who is credited with saying, believing or intending what (pipeline step)."""

from __future__ import annotations

from dataclasses import replace

from ..types import ArticleAnalysis, Attribution
from .attrib import annotate, citing, cues, forms, spans
from .attrib import filter as attfilter
from .attrib.cues import REPORTING_VERBS, UNDERRATED_VERBS
from .attrib.quotes import quote_regions
from .attrib.features import is_quote
from .attrib.sources import MEMBER_NOUNS, ORG_NOUNS, VAGUE_NOUNS, SourceResolver, consistent_entities
from .attrib.spans import RawAttribution


def _vague(raw: RawAttribution) -> bool:
    """'Reports emerged that …': a report-like plural subject without determiner marks a vague-source attribution,
    kept whatever the filter says (the kind of statement issue 3 asks to mark as vague)."""
    src = raw.source_tok
    return (src is not None and src.lower_ in VAGUE_NOUNS and src.tag_ == "NNS"
            and not any(c.dep_ in ("det", "poss") for c in src.children))


def _reported_speech(tok) -> bool:
    """A reporting verb with its own nominal subject and a complement clause opened by "that"."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_VERBS
            and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children)
            and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    for c in tok.children))


# "did not (immediately) respond to requests for comment": who stayed silent, kept whatever the classifiers say
# (PolNeAR annotates it; they kept 2 of its 3 in dev)
NO_REPLY_VERBS = frozenset({"respond", "reply", "comment", "return", "answer"})
NO_REPLY_OBJECTS = frozenset({"comment", "request", "question", "call", "email", "message", "inquiry", "enquiry"})


# "Russia has not confirmed the deployment", "Moscow has not acknowledged …": who keeps silent about what
UNDISCLOSED_VERBS = frozenset({"confirm", "acknowledge", "recognize", "recognise", "admit", "disclose", "announce"})


DENIAL_VERBS = frozenset({"deny", "refute"})


def _accusation(tok) -> bool:
    """ "Russia blamed Ukraine for the attack", "Kyiv accused Moscow of …": who accuses whom of what, kept."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in ("accuse", "blame") and tok.tag_ != "VBN"
            and any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in tok.children))


def _denial(tok) -> bool:
    """ "Moscow denies targeting civilians", "Russia denied attacking the hospital": a denial with a subject of its
    own and what it denies (kept whatever the classifiers say: who denied what is what a reader looks for)."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in DENIAL_VERBS and not tok.tag_ == "VBN"
            and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "PRON") for c in tok.children)
            and any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in tok.children))


def _withheld(tok) -> bool:
    """ "neither confirmed nor denied the report", "would not confirm or deny whether …": a silence, kept."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in UNDISCLOSED_VERBS | {"deny"}
            and annotate.negated(tok) and annotate.confirm_or_deny(tok))


def _no_reply(tok) -> bool:
    """A negated cue of replying to requests ("did not respond to requests for comment", "has yet to comment") or of
    disclosing with its own subject ("Russia has not confirmed the deployment")."""
    if tok.pos_ != "VERB" or not (any(c.dep_ == "neg" for c in tok.children) or annotate.yet_to(tok)):
        return False
    lemma = tok.lemma_.lower()
    if annotate.yet_to(tok):
        return lemma in UNDISCLOSED_VERBS | NO_REPLY_VERBS  # its subject is the "has" it hangs from
    if lemma in UNDISCLOSED_VERBS:
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return lemma in NO_REPLY_VERBS and any(t.lemma_.lower() in NO_REPLY_OBJECTS for t in tok.subtree if t.i > tok.i)


def _trailing_report(tok) -> bool:
    """A reporting verb closing its sentence after a comma, with its own nominal subject and no complement of
    its own: "Peskov dismissed the figure, state news agency TASS reported." (the parser did not attach the
    sentence to it; the classifiers never saw the content so found)."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_VERBS
            and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children)
            and not any(c.dep_ in spans.CONTENT_DEPS for c in tok.children)
            and bool(spans.before_trailing_cue(tok)))


# verbs of going on with something: "went on to say that …" is the saying, never the going on
GOING_ON = frozenset({"go", "continue", "proceed"})


def _went_on_to_say(tok) -> bool:
    """A reporting verb with a clause of its own, governed by a verb of going on ("He went on to say that …")."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_VERBS and tok.dep_ == "xcomp"
            and tok.head.lemma_.lower() in GOING_ON and any(c.dep_ == "ccomp" for c in tok.children))


def _going_on(tok) -> bool:
    """"go on to …": no cue itself; what follows is the saying ("went on to say") or no saying at all ("the two go on
    to share a few laughs")."""
    return tok.lemma_.lower() == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children)


# what makes "call" a verb of saying: a name for its object ("called the plan a disgrace", "called it outrageous"),
# a clause ("called on X to …") or a demand ("called for …"); without one, "called X" is a telephone call
CALL_COMPLEMENTS = frozenset({"oprd", "attr", "acomp", "xcomp", "dative"})
CALL_PREPS = frozenset({"for", "on", "upon", "out"})
PHONED_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})
PHONED_NOUNS = frozenset({"police", "hotline", "number", "911", "ambulance", "doctor", "mother", "father", "wife",
                          "husband", "family", "friend", "son", "daughter", "station", "newsroom", "service"})


def _phone_call(tok) -> bool:
    """ "She called the fire department", "ABC13 called the sheriff's office asking questions": calling someone (a
    person, a body, a service) with nothing after that names them, not calling something something."""
    if tok.lemma_.lower() != "call":
        return False
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:  # "called [the sheriff's office asking questions]": the parser's subject of the participle
        obj = next((s for c in tok.children if c.dep_ == "ccomp" and c.tag_ == "VBG" for s in c.children
                    if s.dep_ == "nsubj" and s.i < c.i), None)
    if obj is None or not _callee(obj):
        return False
    after = obj.doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(obj.doc) else None
    if after is not None and (is_quote(after) or after.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM")):
        return False  # "called Obamacare 'crazy system'": a name the parser did not attach
    for c in tok.children:
        if c.dep_ in CALL_COMPLEMENTS or (c.dep_ in ("prep", "prt") and c.lower_ in CALL_PREPS):
            return False
        if c.dep_ == "ccomp" and c.tag_ != "VBG":
            return False
    return True


def _callee(obj) -> bool:
    """An object one telephones: a named person or body, a personal pronoun, a body or a service by its noun."""
    if obj.ent_type_ in ("PERSON", "ORG") or obj.lower_ in PHONED_PRONOUNS:
        return True
    return obj.lemma_.lower() in ORG_NOUNS | MEMBER_NOUNS | PHONED_NOUNS


# verbs of aiming, and the things that aim without holding a view: "its programme aims to install veterans", "the
# law seeks to curb …" state a purpose, not what someone says or thinks
INTENT_LEMMAS = frozenset({"aim", "seek", "intend", "try", "attempt", "strive", "want", "hope", "plan", "mean"})
PURPOSE_NOUNS = frozenset({"programme", "program", "plan", "law", "bill", "policy", "measure", "project", "initiative",
                           "scheme", "legislation", "proposal", "rule", "regulation", "reform", "system", "strategy",
                           "effort", "deal", "agreement", "treaty", "budget", "package", "fund", "tool", "app",
                           "device", "technology", "product", "feature", "service", "process"})


def _in_caveat(tok) -> bool:
    """The verb of a writer's comment on a statement ("…, a figure that could not be independently confirmed")."""
    return (tok.dep_ == "relcl" and spans.is_caveat(tok.head)
            and not any(c.dep_ == "nsubj" and c.lower_ not in ("that", "which") for c in tok.children))


def _aim_of_a_thing(raw: RawAttribution) -> bool:
    src = raw.source_tok
    if src is not None and src.lower_ in ("which", "that") and raw.cue.dep_ == "relcl":
        src = raw.cue.head  # "its programme, which aims to …"
    return (src is not None and raw.cue.lemma_.lower() in INTENT_LEMMAS and src.is_lower
            and src.lemma_.lower() in PURPOSE_NOUNS)


def _quoted_as_saying(tok) -> bool:
    """ "X was quoted (by Y) as saying that …": the quote verb, or its "saying"."""
    if tok.dep_ == "pcomp" and tok.head.lower_ == "as":
        tok = tok.head.head
    return tok.lemma_.lower() == "quote" and spans.as_saying(tok) is not None


def _speech_counts(raw: RawAttribution, nested: bool, regions: list[tuple[int, int]]) -> bool:
    """Whether reported speech the classifiers dropped is kept: an underrated verb, a trailing report (or an
    inverted one the parser misread), or a cue
    nested in another attribution's indirect content (inside a quotation it is the quoted speaker's words, not
    the article's)."""
    if raw.cue.lemma_.lower() in UNDERRATED_VERBS or _trailing_report(raw.cue) or _quoted_as_saying(raw.cue) \
            or _went_on_to_say(raw.cue) or spans.misparsed_inversion(raw.cue) is not None:
        return True
    start = raw.cue_span.start
    return nested and not any(a <= start < b for a, b in regions)


def detect(doc, ents: list | None = None) -> list[RawAttribution]:
    """Every raw attribution in the doc, in text order, without duplicates; ``ents``: the entities the colon and
    dash forms name speakers from (default: ``consistent_entities(doc)``)."""
    text = doc.text
    regions = quote_regions(text)
    min_p1 = attfilter.model()["min_p1"]
    built = [(r, p, speech) for tok, p in cues.detect(doc, threshold=0.0)
             if ((speech := _reported_speech(tok) or _trailing_report(tok) or _quoted_as_saying(tok)
                  or _went_on_to_say(tok) or spans.misparsed_inversion(tok) is not None) or p >= min_p1
                 or annotate.yet_to(tok) and _no_reply(tok) or _withheld(tok) or _accusation(tok))
             and not _going_on(tok) and not _phone_call(tok) and not _in_caveat(tok)
             and (r := spans.build(tok, regions, text)) is not None]
    # a closing report's content is a whole sentence with its own speaker and cue: that one stays whole
    containers = [not _trailing_report(r.cue) for r, _, _ in built]
    nested = attfilter.nested_flags([r for r, _, _ in built], containers)
    raws = [r for (r, p, speech), inner in zip(built, nested)
            if ((speech and _speech_counts(r, inner, regions)) or attfilter.keep(r, p, inner) or _vague(r)
                or _no_reply(r.cue) or _denial(r.cue) or _withheld(r.cue) or _accusation(r.cue))
            and not _aim_of_a_thing(r)]
    ents = consistent_entities(doc) if ents is None else ents
    credits = list(forms.credit_lines(doc, text))
    credited = {r.cue_span.start for r in credits}  # "Trump says he will win: report": no quoting header there
    raws += [r for r in forms.colon_attributions(doc, text, ents, cues.lexicon()) if r.cue_span.end - 1 not in credited]
    raws += forms.dash_bylines(doc, text, ents)
    raws += credits
    # one attribution per content: the one with the tightest cue ("told" rather than the colon form's whole
    # lead-in "Asked about it, Peskov told reporters:"), the first in the text among equals
    # (two sources of one content stay two: "X said P, a figure that Y did not confirm")
    best: dict[tuple, RawAttribution] = {}
    for raw in sorted(raws, key=lambda r: (r.cue_span.start, r.content_spans[0].start)):
        key = (raw.content_spans, _speaker_key(raw))
        kept = best.get(key)
        if kept is None or raw.cue_span.end - raw.cue_span.start < kept.cue_span.end - kept.cue_span.start:
            best[key] = raw
    # the colon form's lead-in holding another's cue, over the same content with a different end ("Mark Harper told
    # him: “…”", where "told" also takes the next quoted sentence): the verb's attribution stays
    verbs = {(r.cue.i, r.content_spans[0].start) for r in best.values() if r.form != "colon"}
    out = sorted((r for r in best.values() if r.form != "colon" or not any(
        (t.i, r.content_spans[0].start) in verbs for t in _tokens_in(doc, r.cue_span) if t.i != r.cue.i)),
        key=lambda r: (r.cue_span.start, r.content_spans[0].start))
    return citing.relay_chains(doc, out)


def _speaker_key(raw: RawAttribution) -> str:
    """The speaker's words, lower-cased, for telling two attributions of one content apart ("" for none)."""
    return raw.source_tok.lower_ if raw.source_tok is not None else ""


def _tokens_in(doc, span):
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(found) if found is not None else []


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    art = analysis.article
    ents = consistent_entities(doc, analysis.entities)
    resolver = SourceResolver(doc, ents)
    raws = detect(doc, ents)
    cited = {r.cue_span: r.cited_by for r in raws if r.cited_by is not None}  # citing.py: cited source → relay
    follow = forms.continuations(doc, raws)  # index of a raw → the sentence that goes on with its reasoning
    out: list[Attribution] = []
    for k, raw in enumerate(raws):
        src = resolver.resolve(raw.source_tok, raw.source_span)
        out.append(Attribution(
            id="",
            article=art.id,
            source=src.name,
            source_span=raw.source_span,
            source_kind=src.kind,
            cue_span=raw.cue_span,
            content_spans=raw.content_spans,
            form=raw.form,
            stance="reports" if raw.form in ("according_to", "colon", "list") else annotate.stance(raw.cue),
            hedges=annotate.hedges(doc, raw.cue, raw.content_spans),
            polarity=annotate.polarity(doc, raw.cue, raw.content_spans),
            date=annotate.date_of(raw.cue, raw.content_spans, analysis.dates, art.published),
            source_role=src.role,
            source_org=src.org,
        ))
        if k in follow:
            out.append(replace(out[-1], source_span=None, cue_span=None, content_spans=(follow[k],),
                               cue=f"{raw.cue_span.of(doc.text) if raw.cue_span else ''} (implicit continuation)",
                               hedges=annotate.hedges(doc, raw.cue, (follow[k],)), date=None))
    out = [replace(a, id=f"{art.id}:a{n}") for n, a in enumerate(out, 1)]
    contents = [(a.id, a.content_spans) for a in out]
    by_cue = {a.cue_span: a.id for a in out if a.cue_span is not None}

    def parent(a: Attribution) -> str | None:
        if a.cue_span in cited and cited[a.cue_span] in by_cue:
            return by_cue[cited[a.cue_span]]  # a cited source's parent is the attribution that cites it
        return annotate.parent_of(a.cue_span, [c for c in contents if c[0] != a.id])

    out = [replace(a, parent=parent(a)) for a in out]
    return replace(analysis, attributions=tuple(_acyclic(doc, out)))


def _scope(doc, att: Attribution) -> float:
    """How far below its sentence's root an attribution's cue sits (smaller: wider scope). An "according
    to" phrase counts as the verb it modifies, less a half: "Police said X, according to a report"
    puts the report around the police's statement; "X explained that, according to legend, Y"
    keeps the legend inside X's."""
    if att.cue_span is None:
        return 0.0
    cue = doc.char_span(att.cue_span.start, att.cue_span.end, alignment_mode="expand")
    if cue is None:
        return 0.0
    tok, shift = cue.root, 0.0
    if att.form == "according_to" and tok.head.i != tok.i:
        tok, shift = tok.head, -0.5
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth + shift


def _acyclic(doc, atts: list[Attribution]) -> list[Attribution]:
    """Break nesting cycles: two attributions whose contents hold each other's cue ("Police said X,
    according to a report": each content reaches over the other) would each be the other's parent.
    In a cycle, the member whose cue has the widest scope (``_scope``) loses its parent."""
    parent = {a.id: a.parent for a in atts}
    by_id = {a.id: a for a in atts}
    for att in atts:
        chain, node = [], att.id
        while node is not None and node not in chain:
            chain.append(node)
            node = parent.get(node)
        if node is not None:
            cycle = chain[chain.index(node):]
            outer = min(cycle, key=lambda i: (_scope(doc, by_id[i]), by_id[i].cue_span.start if by_id[i].cue_span else 0))
            parent[outer] = None
    return [a if a.parent == parent[a.id] else replace(a, parent=parent[a.id]) for a in atts]
