"""Language detection per article; non-English articles are returned and flagged."""

from __future__ import annotations

import pytest

from claimgraph.ingest import read_inputs
from claimgraph.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government announced on Tuesday that the new rules would take effect next month.", "en"),
        ("Die Regierung kündigte am Dienstag an, dass die neuen Regeln nächsten Monat in Kraft treten.", "de"),
        ("El gobierno anunció el martes que las nuevas normas entrarán en vigor el próximo mes.", "es"),
        ("Le gouvernement a annoncé mardi que les nouvelles règles entreront en vigueur le mois prochain.", "fr"),
        ("OK", None),  # too short to tell
        ("12345 67890 !!!", None),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_non_english_article_is_returned_and_flagged(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Die Regierung kündigte am Dienstag an, dass die neuen Regeln nächsten Monat in Kraft treten.")
    (article,) = read_inputs([str(path)])
    assert article.language == "de"
