"""Date expressions → ISO values: table-driven rows with and without a publication date, and negatives."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract import dates, entities
from claimgraph.extract.pipeline import Step, analyze_articles
from claimgraph.types import Article, ArticleAnalysis

PUB = date(2024, 12, 18)  # a Wednesday

# (text, publication date, expected [(mention text, value, precision)])
ROWS = [
    ("Kirby confirmed on 16 December that troops are engaged.", PUB, [("16 December", "2024-12-16", "day")]),
    ("The ISW reported on 17 December 2024 that ...", PUB, [("17 December 2024", "2024-12-17", "day")]),
    ("In October 2024, reports emerged.", PUB, [("October 2024", "2024-10", "month")]),
    ("He spoke on Dec. 3, 2023 in Kyiv.", PUB, [("Dec. 3, 2023", "2023-12-03", "day")]),
    ("Filed 2024-12-16 by staff.", PUB, [("2024-12-16", "2024-12-16", "day")]),
    ("The vote is on December 20.", PUB, [("December 20", "2024-12-20", "day")]),
    ("A report published on 28 December said.", date(2025, 1, 3), [("28 December", "2024-12-28", "day")]),
    ("Talks resume on 5 January.", PUB, [("5 January", "2025-01-05", "day")]),
    ("The offensive began in March.", PUB, [("March", "2024-03", "month")]),
    ("The law was passed in 2019.", PUB, [("2019", "2019", "year")]),
    ("The minister said on Wednesday that ...", PUB, [("Wednesday", "2024-12-18", "day")]),
    ("The minister said on Monday that ...", PUB, [("Monday", "2024-12-16", "day")]),
    ("It happened last Wednesday.", PUB, [("last Wednesday", "2024-12-11", "day")]),
    ("They meet next Monday.", PUB, [("next Monday", "2024-12-23", "day")]),
    ("The strike came yesterday.", PUB, [("yesterday", "2024-12-17", "day")]),
    ("Three days ago the line moved.", PUB, [("Three days ago", "2024-12-15", "day")]),
    ("Prices rose last month.", PUB, [("last month", "2024-11", "month")]),
    # a week is given as its month
    ("The minister said last week that the plant would close.", date(2024, 12, 3), [("last week", "2024-11", "month")]),
    ("The minister said earlier this week that it would close.", date(2024, 12, 3),
     [("earlier this week", "2024-12", "month")]),
    ("Talks resumed a week ago.", date(2024, 12, 3), [("a week ago", "2024-11", "month")]),
    ("Talks resumed three weeks ago.", date(2024, 12, 30), [("three weeks ago", "2024-12", "month")]),
    ("Growth slowed this year.", PUB, [("this year", "2024", "year")]),
    ("The ceasefire ended on 29 February.", date(2025, 1, 3), [("29 February", "2024-02-29", "day")]),
    ("He left on 17 December.", PUB, [("17 December", "2024-12-17", "day")]),  # no trailing full stop
    # no publication date: the article's own dated mention gives the year, else it stays unknown
    ("The ISW reported on 17 December. In October 2024, reports emerged.", None,
     [("17 December", "2024-12-17", "day"), ("October 2024", "2024-10", "month")]),
    ("In 2019 the treaty lapsed; on 1 February the talks failed.", None,
     [("2019", "2019", "year"), ("1 February", "2019-02-01", "day")]),
    ("Kirby confirmed on 16 December that troops are engaged.", None, [("16 December", "XXXX-12-16", "day")]),
    ("The offensive began in March.", None, [("March", "XXXX-03", "month")]),
    ("The minister said on Wednesday that ...", None, [("Wednesday", None, "day")]),
    ("The strike came yesterday.", None, [("yesterday", None, "day")]),
    # negatives: numbers, ordinals, durations, vague expressions, modal "may"
    ("About 2,000 troops moved to the second line.", PUB, []),
    ("The war has lasted two years and the troops may stay.", PUB, []),
    ("In recent days and over the past year, fighting grew.", PUB, []),
    ("Last week was hard; in 2000 troops were sent.", PUB, [("Last week", "2024-12", "month")]),  # not "2000"
    ("Theresa May said the plan would work.", PUB, []),
    ("May 2 percent of voters change their minds?", PUB, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), ROWS)
def test_date_rows(text, published, expected):
    got = [(m.span.of(text), m.value, m.precision) for m in dates.resolve(dates.find(text), published)]
    assert got == expected


def test_step_uses_article_publication_date_and_spacy_date_entities():
    article = Article(id="a", path="a.txt", text="In 2023 prices fell. 2024 was worse, he said on 16 December.",
                      published="2024-12-18T04:44")
    steps = [Step("entities", "entities", (), entities.run),
             Step("dates", "dates", ("entities",), dates.run)]
    (analysis,) = analyze_articles([article], steps=steps)
    got = {(m.span.of(article.text), m.value) for m in analysis.dates}
    assert ("2023", "2023") in got and ("16 December", "2024-12-16") in got


def test_malformed_publication_date_is_treated_as_absent():
    article = Article(id="a", path="a.txt", text="He spoke on 16 December.", published="not a date")
    out = dates.run(None, ArticleAnalysis(article=article))
    assert [m.value for m in out.dates] == ["XXXX-12-16"]
