"""Header inference (headline, byline) and boilerplate removal: tables with negative rows."""

from __future__ import annotations

import pytest

from claimgraph.ingest.clean import (
    is_name,
    parse_byline,
    read_header,
    strip_boilerplate,
)

BODY = "The minister said on Monday that the plan would go ahead.\n\nShe gave no details."


@pytest.mark.parametrize(
    ("text", "title", "author", "published"),
    [
        # headline + byline with date and time
        ("Talks resume in Geneva\n\nJane Doe — Wednesday, 18 December 2024, 04:44\n\n" + BODY,
         "Talks resume in Geneva", "Jane Doe", "2024-12-18T04:44"),
        # headline directly followed by a "By" byline
        ("Talks resume in Geneva\nBy Jane Doe and John Roe\n\n" + BODY, "Talks resume in Geneva", "Jane Doe and John Roe", None),
        # headline + dateline only
        ("Talks resume in Geneva\n\n18 December 2024\n\n" + BODY, "Talks resume in Geneva", None, "2024-12-18"),
        # headline that is a question
        ("Will the talks resume?\n\n" + BODY, "Will the talks resume?", None, None),
        # byline with a pipe separator and US date order
        ("Markets rally\n\nJohn Roe | Dec. 3, 2021 5:30 pm\n\n" + BODY, "Markets rally", "John Roe", "2021-12-03T17:30"),
        # a name line with the date line under it, right below the headline (no blank line between)
        ("Talks resume in Geneva\nJane Doe, Reuters\n5 March 2024 10:15 GMT\n\n" + BODY,
         "Talks resume in Geneva", "Jane Doe", "2024-03-05T10:15+00:00"),
        ("Talks resume in Geneva\n\nJane Doe\nTue 5 Mar 2024 10.15 GMT\n\n" + BODY,
         "Talks resume in Geneva", "Jane Doe", "2024-03-05T10:15+00:00"),
        # labelled fields on one line
        ("Talks resume in Geneva\n\nPublished: 2024-03-05 | Author: Jane Doe\n\n" + BODY,
         "Talks resume in Geneva", "Jane Doe", "2024-03-05"),
        # negative: a name line with no date under it is the body's first line, not a byline
        ("Talks resume in Geneva\n\nJane Doe\n\n" + BODY, "Talks resume in Geneva", None, None),
        # a headline in title case may end in a full stop; a lead sentence full of names is no headline
        ("Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton.\n\n" + BODY,
         "Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton.", None, None),
        ("The Islamic State kidnapped American journalist James Foley on November 22, 2012.\n\n" + BODY,
         None, None, None),
        # negative: first line is a sentence (ends with a period)
        (BODY, None, None, None),
        # negative: first line not followed by a blank line
        ("Talks resume in Geneva\nThe minister said on Monday that the plan would go ahead.", None, None, None),
        # negative: a dateline or an editor's note opening the text is no headline
        ("NEW YORK, New York -\n\n" + BODY, None, None, None),
        ("GR editor’s Note\n\n" + BODY, None, None, None),
        # negative: a photo caption with its credit is no headline
        ("A soldier scans the border in Havana, Texas.  John Moore / Getty Images\n\n" + BODY, None, None, None),
        # negative: a single line is no headline
        ("Talks resume in Geneva", None, None, None),
        # negative: a dateline-looking location is not an author ("Kyiv, 18 December 2024" has no dash)
        ("Kyiv, 18 December 2024 — the minister said the plan would go ahead.\n\nMore text.", None, None, None),
        # negative: a date inside a sentence is not a dateline
        ("On 18 December 2024 the minister said the plan would go ahead.\n\nMore.", None, None, None),
    ],
)
def test_read_header(text, title, author, published):
    header = read_header(text.split("\n"))
    assert (header.title, header.author, header.published) == (title, author, published)
    if title is None and author is None and published is None:
        assert header.body_start == 0


def test_header_lines_are_not_in_body():
    text = "Talks resume in Geneva\n\nJane Doe — 18 December 2024\n\n" + BODY
    lines = text.split("\n")
    header = read_header(lines)
    assert "\n".join(lines[header.body_start :]) == BODY


def test_known_title_only_strips_matching_line():
    lines = ("A subheading\n\n" + BODY).split("\n")
    assert read_header(lines, known_title="Another title").title is None
    assert read_header(lines, known_title="A subheading").title == "A subheading"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Olha Hlushchenko — Wednesday, 18 December 2024, 04:44", ("Olha Hlushchenko", "2024-12-18T04:44")),
        ("By Anna Maria de la Cruz", ("Anna Maria de la Cruz", None)),
        ("By Jane Doe, 4 May 2023", ("Jane Doe", "2023-05-04")),
        ("Published: 2023-05-04 09:30", (None, "2023-05-04T09:30")),
        ("Jane Doe — yesterday", None),  # no explicit date: never invented
        ("Jane Doe — 18 December", None),  # no year: never guessed
        ("The war — 18 December 2024 was a turning point for everyone involved.", None),
        ("Source: Reuters", None),
        # a wire or outlet credit and a job title beside the names are not the author
        ("By Jane Doe and John Roe, Associated Press", ("Jane Doe and John Roe", None)),
        ("By Jane Doe, Reuters, March 5, 2024 10:15 AM", ("Jane Doe", "2024-03-05T10:15")),
        ("By Jane Doe, Staff Writer", ("Jane Doe", None)),
        ("By John Roe, Kyiv correspondent", ("John Roe", None)),
        ("By Jane Doe, John Roe and Ann Lee", ("Jane Doe, John Roe and Ann Lee", None)),
        ("Jane Doe | Reuters | 5 March 2024", ("Jane Doe", "2024-03-05")),
        ("The New York Times | 5 March 2024", (None, "2024-03-05")),
        ("By: Rory McConville", ("Rory McConville", None)),
        ("By Reuters", ("Reuters", None)),  # one word after "By" is still the byline
        ("Jane Doe, Reuters", None),  # a bare name: a byline only above a date line (read_header)
        ("By Jane Doe, who lives in Kyiv", None),
        ("By the way, this is a sentence", None),
        ("", None),
        # an update time, a relative or reading time, an outlet beside a labelled author, a date then "by"
        ("December 18, 2024 10:12 AM GMT+2 Updated 3 hours ago", (None, "2024-12-18T10:12+02:00")),
        ("Published: 18 Dec 2024 Updated: 19 Dec 2024", (None, "2024-12-18")),
        ("By Jane Doe | The Kyiv Independent | Dec. 18, 2024", ("Jane Doe", "2024-12-18")),
        ("Jane Doe · Dec 18, 2024 · 4 min read", ("Jane Doe", "2024-12-18")),
        ("Posted on December 18, 2024 by Jane Doe", ("Jane Doe", "2024-12-18")),
        ("Written by Jane Doe", ("Jane Doe", None)),
        ("Updated 3 hours ago", None),
        ("18 December 2024 | 19 December 2024", None),  # two dates, the second not an update
        ("Jane Doe | The Kyiv Independent", None),  # an unlabelled name beside another: not sure which is who
        # a wire credit without a comma; names in capitals
        ("By LOLITA C. BALDOR Associated Press", ("Lolita C. Baldor", None)),
        ("By JEAN-PIERRE DE LA CRUZ", ("Jean-Pierre de la Cruz", None)),
        ("By Jane Press", ("Jane Press", None)),
    ],
)
def test_parse_byline(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("text", "ok"),
    [("Jane Doe", True), ("Olha Hlushchenko", True), ("Jean-Luc O'Neil", True), ("Jane Doe and John Roe", True),
     ("the minister", False), ("Jane 2024", False), ("Analysts say", False)],
)
def test_is_name(text, ok):
    assert is_name(text) is ok


@pytest.mark.parametrize(
    ("body", "kept", "removed"),
    [
        ("Para one.\n\nSupport XYZ or become our patron!", "Para one.", ("Support XYZ or become our patron!",)),
        # boilerplate glued to the start of the next paragraph
        ("Para one.\n\nSupport XYZ or become our patron!The next paragraph starts here.",
         "Para one.\n\nThe next paragraph starts here.", ("Support XYZ or become our patron!",)),
        # boilerplate glued to the end of a paragraph
        ("The vote passed.Follow us on Telegram and X.", "The vote passed.", ("Follow us on Telegram and X.",)),
        ("Text.\n\nSubscribe to our daily newsletter\nShare this article\nFollow us on Facebook", "Text.",
         ("Subscribe to our daily newsletter", "Share this article", "Follow us on Facebook")),
        ("Text.\n\nWe use cookies to improve your experience. Accept all cookies", "Text.",
         ("We use cookies to improve your experience.", "Accept all cookies")),
        ("Text.\n\n© 2024 Example Media. All rights reserved.", "Text.", ("© 2024 Example Media. All rights reserved.",)),
        ("Text.\n\nRead more: Another story about the war", "Text.", ("Read more: Another story about the war",)),
        # wire and syndication footers
        ("Text.\nSign up here.\nOur Standards: The Thomson Reuters Trust Principles.\nRelated: Another story",
         "Text.", ("Sign up here.", "Our Standards: The Thomson Reuters Trust Principles.", "Related: Another story")),
        ("Text.\nThis article was originally published by The Conversation.\n"
         "Get the latest news from Ukraine on our Telegram channel.", "Text.",
         ("This article was originally published by The Conversation.",
          "Get the latest news from Ukraine on our Telegram channel.")),
        ("The related story: officials said more.", "The related story: officials said more.", ()),
        # negatives: news sentences that merely share words with calls to action
        ("Support for the bill fell sharply in the polls.", "Support for the bill fell sharply in the polls.", ()),
        ("Supporters urged people to follow the rules on Facebook.", "Supporters urged people to follow the rules on Facebook.", ()),
        ("Copyright law was changed in 2020.", "Copyright law was changed in 2020.", ()),
        ("Voters were asked to share their views on the plan.", "Voters were asked to share their views on the plan.", ()),
        ("Source: ISW\n\nDetails follow.", "Source: ISW\n\nDetails follow.", ()),
        # a wire story's staff credit, with or without parentheses; a news sentence about reporting stays
        ("Text.\n\n(Reporting by Ece Toksabay; Editing by Alex Richardson)", "Text.",
         ("(Reporting by Ece Toksabay; Editing by Alex Richardson)",)),
        ("Text.\n\nReporting by Jane Doe in Lagos; Editing by John Roe", "Text.",
         ("Reporting by Jane Doe in Lagos; Editing by John Roe",)),
        ("Reporting by the BBC showed that the firm had lied.", "Reporting by the BBC showed that the firm had lied.", ()),
    ],
)
def test_strip_boilerplate(body, kept, removed):
    assert strip_boilerplate(body) == (kept, removed)
