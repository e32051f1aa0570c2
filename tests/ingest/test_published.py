"""Date strings → ISO, and estimates from bodies: never invented."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.ingest.published import estimate_published, parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Wednesday, 18 December 2024, 04:44", "2024-12-18T04:44"),
        ("18 December 2024", "2024-12-18"),
        ("2024-12-18", "2024-12-18"),
        ("2024-12-18T04:44:10Z", "2024-12-18T04:44:10+00:00"),
        ("2020-02-19T18:37:32+01:00", "2020-02-19T18:37:32+01:00"),
        (dt.date(2024, 1, 2), "2024-01-02"),
        (dt.datetime(2024, 1, 2, 3, 4), "2024-01-02T03:04"),
        ("18 December", None),  # no year
        ("yesterday", None),
        ("", None),
        (None, None),
        (20241218, None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISW reported on 17 December that... In October 2024, reports emerged. On 16 December he said.", "2024-12-17"),
        ("The law took effect on 3 March 2021 and was amended on 5 May 2022.", "2022-05-05"),
        ("On March 3, 2019 he said so.", "2019-03-03"),
        ("He spoke on 17 December.", None),  # no year anywhere: no estimate
        ("In May, he said, people may 5 times...", None),
        ("No dates here at all.", None),
    ],
)
def test_estimate_published(text, expected):
    assert estimate_published(text) == expected
