"""A parsed statement → what it says someone did not acknowledge (a silence claim), as content lemmas.

"Russia has not acknowledged the troops", "the Kremlin avoids reporting on the deployment of the troops"
and "Moscow's reluctance to confirm the troops' presence" say one thing in many words: an actor keeps
silent about something. The matcher, trained on sentence paraphrases, scores such pairs low because
their verbs and frames differ. A statement is a silence statement when a disclosure word (acknowledge,
confirm, report, comment, …) is negated ("has not confirmed", "no acknowledgment") or governed by an
avoidance word ("avoids", "refused", "reluctance"); what is kept silent is the content words of the
disclosure word's subtree. Two silence statements about the same thing make one claim (see claims.py).
"""

from __future__ import annotations

DISCLOSURE = frozenset({
    "acknowledge", "acknowledgment", "acknowledgement", "recognize", "recognise", "recognition", "confirm",
    "confirmation", "report", "reporting", "comment", "admit", "admission", "disclose", "disclosure", "announce",
    "announcement", "mention",
})
AVOIDANCE = frozenset({
    "avoid", "refuse", "refusal", "decline", "fail", "reluctance", "reluctant", "unwilling", "unwillingness",
    "silent", "silence",
})
NEGATORS = frozenset({"not", "no", "never", "n't", "without"})
OBJECT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
WHO_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "aux", "auxpass", "neg", "poss"})
# Dependencies through which a negation or an avoidance word above reaches the disclosure word; a
# subordinate or coordinated clause ("did not withdraw although officials confirmed …") is a boundary.
CHAIN_DEPS = frozenset({"xcomp", "pcomp", "pobj", "prep", "dobj", "acl", "attr", "oprd", "compound", "ROOT"})
# How far up from the disclosure word an avoidance word or a negation may sit ("has not seen any
# acknowledgment" → seen; "continue to avoid reporting" → avoid → continue).
MAX_CHAIN = 4


def silenced(doc, indexes: tuple[int, ...]) -> frozenset[str] | None:
    """Content lemmas of what the clause at ``indexes`` of ``doc`` says was not acknowledged, or None."""
    inside = set(indexes)
    for i in indexes:
        word = doc[i]
        if word.lemma_.lower() not in DISCLOSURE or not _kept_silent(word, inside):
            continue
        found = frozenset(
            t.lemma_.lower() for t in _object_side(word)
            if t.i in inside and t.pos_ in OBJECT_POS and not t.is_stop
        )
        if found:
            return found
    return None


def _object_side(word):
    """The words of what is (not) disclosed: the disclosure word's dependents less who keeps silent
    ("Russia has not acknowledged X", "acknowledgment by officials of X" → X)."""
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            yield from _attached_to_agent(child)
        elif child.dep_ not in WHO_DEPS:
            yield from child.subtree


def _attached_to_agent(by):
    """What the parser hung on the agent of "acknowledgment by officials or media of X": the X."""
    agents = [t for t in by.children if t.dep_ == "pobj"]
    for agent in agents:
        agents.extend(c for c in agent.children if c.dep_ == "conj")  # "officials or state media"
        for child in agent.children:
            if child.dep_ == "prep":
                yield from child.subtree


def _kept_silent(word, inside: set[int]) -> bool:
    """The disclosure word, or a word above it in the clause, is negated or means avoiding."""
    if any(c.lower_ == "no" for c in word.children):
        return True
    node = word
    for _ in range(MAX_CHAIN + 1):
        if node.lemma_.lower() in AVOIDANCE or any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in node.children):
            return True
        if node.head is node or node.head.i not in inside or node.dep_ not in CHAIN_DEPS:
            return False
        node = node.head
    return False
