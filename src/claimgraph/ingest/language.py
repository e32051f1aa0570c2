"""Article text → ISO 639-1 language code (py3langid)."""

from __future__ import annotations

import py3langid

# Characters classified: a few paragraphs decide the language as well as the
# whole text, and keep detection fast on very long inputs.
LANGUAGE_SAMPLE_CHARS = 5000
# Below this many letters langid's guess is noise; the language stays unknown.
MIN_LETTERS = 20


def detect_language(text: str) -> str | None:
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang, _ = py3langid.classify(sample)
    return lang


def is_english(language: str | None) -> bool:
    """True for English or an unknown language (then a text is analysed as English)."""
    return language is None or language.lower().split("-")[0] in ("en", "und", "")
