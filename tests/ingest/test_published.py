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
        # a full date stated twice is the day of writing; once, it is most often history
        ("WASHINGTON, 3 March 2021. The law took effect on 3 March 2021, after a vote on 5 May 2019.", "2021-03-03"),
        ("On March 3, 2019 he said so.", None),
        ("The attack of Sept. 11, 2001 and, again, Sept. 11, 2001.", "2001-09-11"),
        ("The attack of Sept. 11, 2001 and, again, Sept. 11, 2001, shaped the 2016 race.", None),  # a later year
        ("Posted 2016-02-15. — Ann (@ann) February 15, 2016", "2016-02-15"),  # ISO and written forms agree
        # a day-month takes no year from another mention: 'November 23' beside 'Sept. 11, 2012' (history)
        ("ISW reported on 17 December that... In October 2024, reports emerged. On 16 December he said.", None),
        ("He spoke on 17 December.", None),
        ("In May, he said, people may 5 times...", None),
        ("No dates here at all.", None),
    ],
)
def test_estimate_published(text, expected):
    assert estimate_published(text) == expected
