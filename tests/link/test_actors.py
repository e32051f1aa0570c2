"""Actors: one actor per real entity across articles; surname-only merges stay inside a story."""

from __future__ import annotations

from claimgraph.link.actors import acronym_of, display_name, resolve

from .builders import make


def names(actors):
    return {a.name: set(a.aliases) for a in actors}


def test_surname_full_name_and_role_prefixed_source_are_one_actor():
    a = make("a", "US NSC spokesperson Jane Miller said on Monday talks resumed. Miller added that progress was slow.",
             persons=("Jane Miller", "Miller"),
             attributions=({"source": "US NSC spokesperson Jane Miller", "content": "talks resumed"},))
    b = make("b", "Jane Miller told reporters the talks were constructive.", persons=("Jane Miller",))
    actors = resolve([a, b], {"a": "s1", "b": "s1"})
    (miller,) = [x for x in actors if "Miller" in x.name]
    assert miller.name == "Jane Miller" and miller.aliases == ("Miller",)
    assert [(r.role, r.article) for r in miller.roles] == [("US NSC spokesperson", "a")]


def test_same_surname_in_different_stories_is_not_merged():
    a = make("a", "Coach Tom Berg praised the team. Berg said the season was long.", persons=("Tom Berg", "Berg"))
    b = make("b", "Berg, the new mayor, opened the bridge.", persons=("Berg",))
    c = make("c", "Anna Berg won the chess final.", persons=("Anna Berg",))
    actors = resolve([a, b, c], {"a": "s1", "b": "s2", "c": "s3"})
    assert sorted(x.name for x in actors) == ["Anna Berg", "Berg", "Tom Berg"]


def test_surname_joins_full_name_of_its_story_only_when_unique():
    a = make("a", "Tom Berg scored twice.", persons=("Tom Berg",))
    b = make("b", "Berg scored twice in the final.", persons=("Berg",))
    c = make("c", "Anna Berg and Tom Berg met. Berg spoke first.", persons=("Anna Berg", "Tom Berg", "Berg"))
    joined = resolve([a, b], {"a": "s1", "b": "s1"})
    assert names(joined) == {"Tom Berg": {"Berg"}}
    ambiguous = resolve([c], {"c": "s1"})
    assert sorted(x.name for x in ambiguous) == ["Anna Berg", "Berg", "Tom Berg"]


def test_acronym_joins_its_expansion_and_honorifics_drop():
    a = make("a", "The World Health Organization (WHO) warned of a new wave. WHO experts met. "
                  "Dr. Lena Ortiz led the meeting.", orgs=("World Health Organization", "WHO"), persons=("Dr. Lena Ortiz",))
    b = make("b", "Lena Ortiz said the vaccine works.", persons=("Lena Ortiz",))
    got = names(resolve([a, b], {"a": "s1", "b": "s2"}))
    assert got["World Health Organization"] == {"WHO"}
    assert got["Lena Ortiz"] == {"Dr. Lena Ortiz"}


def test_unnamed_sources_are_actors_and_descriptions_are_not():
    a = make("a", "Diplomatic sources said the deal was close. Some reports suggested delays.",
             attributions=({"source": "Diplomatic sources", "kind": "unnamed", "content": "the deal was close"},
                           {"source": "Some reports", "kind": "person", "content": "delays"}))
    actors = resolve([a])
    assert [(x.name, x.kind) for x in actors] == [("Diplomatic sources", "unnamed")]


def test_an_unnamed_source_named_through_a_possessive_is_no_actor():
    a = make("a", "Its official programme said the troops were heroes. Western officials said otherwise.",
             attributions=({"source": "Its official programme", "kind": "unnamed", "content": "the troops were heroes"},
                           {"source": "Western officials", "kind": "unnamed", "content": "otherwise"}))
    assert [x.name for x in resolve([a])] == ["Western officials"]


def test_a_source_of_punctuation_only_is_no_actor_and_no_crash():
    # an FNC-1 body: the extractor took a lone quotation mark as the source of an unnamed attribution
    a = make("a", "“ said the troops were heroes. Western officials said otherwise.",
             attributions=({"source": "“", "kind": "unnamed", "content": "the troops were heroes"},
                           {"source": "Western officials", "kind": "unnamed", "content": "otherwise"}))
    assert [x.name for x in resolve([a])] == ["Western officials"]


def test_name_helpers():
    assert acronym_of("Institute for the Study of War") == "ISW"
    assert acronym_of("Reuters") == ""
    assert display_name("The Institute for the Study of War (ISW") == "Institute for the Study of War"
    assert display_name("the Kremlin’s") == "Kremlin"
    assert display_name("• Tobias Harris") == "Tobias Harris"
    assert display_name("| Greg Clark") == "Greg Clark"
    assert display_name("Nicolás] Maduro") == "Nicolás Maduro"  # an editor's bracket cut by the tagger


def test_glossed_acronym_is_an_alias_whatever_its_letters():
    a = make("a", "The Ukrainian Security Service (SBU) said it had found the device. The SBU gave no details.",
             orgs=("Ukrainian Security Service", "SBU", "SBU"))
    b = make("b", "The SBU confirmed the arrest.", orgs=("SBU",))
    c = make("c", "The SBU denied the report.", orgs=("SBU",))
    got = names(resolve([a, b, c], {"a": "s1", "b": "s1", "c": "s2"}))
    # b is in the story where the gloss was made; c is not, so its SBU stays apart
    assert got == {"Ukrainian Security Service": {"SBU"}, "SBU": set()}


def test_long_form_cut_into_pieces_by_the_tagger_is_one_organisation():
    text = ("A blast killed the head of the Russian Nuclear, Biological, Chemical Defence Forces (NBC) in Moscow. "
            "NBC News reported it first.")
    a = make("a", text, orgs=("Russian Nuclear", "Biological", "Chemical Defence Forces", "NBC"))
    got = names(resolve([a]))
    assert got == {"Nuclear, Biological, Chemical Defence Forces": {"NBC"}}


def test_unglossed_pieces_and_coordinated_names_stay_apart():
    a = make("a", "Google and Microsoft (MSFT) signed the deal.", orgs=("Google", "Microsoft"))
    assert names(resolve([a])) == {"Google": set(), "Microsoft": {"MSFT"}}


def test_rank_before_a_two_word_name_tagged_org_is_a_person():
    a = make("a", "He was killed with his assistant, Major Ilya Polikarpov, on Tuesday. General Electric Company "
                  "and Major League Baseball were not involved.",
             orgs=("Major Ilya Polikarpov", "General Electric Company", "Major League Baseball"))
    kinds = {x.name: x.kind for x in resolve([a])}
    assert kinds == {"Ilya Polikarpov": "person", "General Electric Company": "organisation",
                     "Major League Baseball": "organisation"}


def test_a_report_section_tagged_org_is_no_actor():
    a = make("a", "To quote the ISW's Key Takeaways on Tuesday: the Institute for the Study of War said more.",
             orgs=("ISW", "Key Takeaways", "the Institute for the Study of War"))
    assert "Key Takeaways" not in names(resolve([a]))


def test_glossing_leaves_the_root_logger_alone():
    """The abbreviations package configures logging on import; the actors module puts it back."""
    import logging

    root = logging.getLogger()
    level = root.level
    resolve([make("a", "The World Health Organization (WHO) met.", orgs=("World Health Organization",))])
    formats = [h.formatter._fmt for h in root.handlers if h.formatter is not None]
    assert "%(asctime)s : %(levelname)s : %(message)s" not in formats and root.level == level


def test_a_headline_read_as_a_name_is_no_actor():
    from claimgraph.link.actors import _headline
    from claimgraph.types import Span

    text = "Lindsay Lohan Checks Into Court - Ordered Rehab\nLindsay Lohan arrived at the court on Monday."
    first = text.index("\n")
    assert _headline(text, Span(0, first))
    name = text.index("Lindsay", first)
    assert not _headline(text, Span(name, name + len("Lindsay Lohan")))
    assert not _headline("Esther Williams\nShe died.", Span(0, 15))  # a name alone on its line: too short


def test_kunya_names_with_one_nisba_are_two_people_and_un_is_no_actor():
    a = make("a", "Abu Hussain al-Britani posted the message. Abu Abdullah al-Britani was seen in Raqqa. "
                  "Kim Jong Un met UN envoys.",
             persons=("Abu Hussain al-Britani", "Abu Abdullah al-Britani", "Kim Jong"), orgs=("UN", "Un"))
    names = [x.name for x in resolve([a])]
    assert "Abu Hussain al-Britani" in names and "Abu Abdullah al-Britani" in names
    un = [x for x in resolve([a]) if x.name == "UN"]
    assert un and "Un" not in un[0].aliases


def test_an_article_in_another_language_gives_no_actors():
    from dataclasses import replace

    a = make("a", "Der Minister Olaf Scholz sagte, al comité habe entschieden.", persons=("Olaf Scholz",),
             orgs=("al comité",))
    german = replace(a, article=replace(a.article, language="de"))
    assert resolve([german]) == ()
    assert "Olaf Scholz" in [x.name for x in resolve([a])]  # the same text taken as English


def test_a_lone_given_name_joins_the_one_full_name_that_has_it():
    a = make("a", "Joan Rivers died on Thursday. Joan had gone in for a routine procedure.",
             persons=("Joan Rivers", "Joan"))
    b = make("b", "Friends said Joan loved the stage.", persons=("Joan",))
    assert names(resolve([a, b], {"a": "s1", "b": "s1"})) == {"Joan Rivers": {"Joan"}}
    two = make("c", "Joan Rivers and Joan Baez met. Joan spoke first.", persons=("Joan Rivers", "Joan Baez", "Joan"))
    assert sorted(x.name for x in resolve([two], {"c": "s2"})) == ["Joan", "Joan Baez", "Joan Rivers"]
    # a surname that fits wins over a given name: "Rivers" is Joan Rivers even beside a "Rivers Cuomo"
    c = make("d", "Joan Rivers and Rivers Cuomo met. Rivers spoke first.", persons=("Joan Rivers", "Rivers Cuomo", "Rivers"))
    assert names(resolve([c], {"d": "s3"}))["Joan Rivers"] == {"Rivers"}


def test_someone_of_a_named_person_is_not_that_person():
    a = make("a", "Joan Rivers' personal doctor said the reports were lies. Joan Rivers died in September.",
             persons=("Joan Rivers",),
             attributions=({"source": "Joan Rivers' personal doctor", "kind": "unnamed", "role": "personal doctor",
                            "org": "Joan Rivers", "content": "the reports were lies"},))
    actors = {x.name: x for x in resolve([a])}
    assert actors["Joan Rivers"].roles == ()
    assert actors["Joan Rivers' personal doctor"].kind == "unnamed"


def test_a_source_is_the_person_the_extractor_named_not_the_longest_name_in_its_span():
    a = make("a", "Gwen Korovin, Joan Rivers's personal doctor, denied taking a selfie.",
             persons=("Gwen Korovin", "Joan Rivers's"),
             attributions=({"source": "Gwen Korovin, Joan Rivers's personal doctor", "name": "Gwen Korovin",
                            "content": "taking a selfie"},))
    actors = {x.name: x for x in resolve([a])}
    assert actors["Gwen Korovin"].aliases == () and actors["Joan Rivers"].roles == ()


def test_full_names_that_differ_in_their_middle_words_are_two_people():
    a = make("a", "George W. Bush and George H. W. Bush met. Kim Jong Il and Kim Sun Il spoke. Kevin Vickers waved.",
             persons=("George W. Bush", "George H. W. Bush", "Kim Jong Il", "Kim Sun Il", "Kevin Vickers"))
    b = make("b", "Kevin Michael Vickers, the sergeant-at-arms, was praised. Kevin M. Vickers thanked them.",
             persons=("Kevin Michael Vickers", "Kevin M. Vickers"))
    c = make("c", "George Bush spoke.", persons=("George Bush",))
    got = names(resolve([a, b, c], {"a": "s1", "b": "s1", "c": "s1"}))
    assert {"George W. Bush", "George H. W. Bush", "Kim Jong Il", "Kim Sun Il"} <= set(got)
    # a name without its middle word joins the one full name that has it, not one of two
    assert got["Kevin Michael Vickers"] == {"Kevin M. Vickers", "Kevin Vickers"}
    assert "George Bush" in got


def test_degrees_after_a_name_and_an_initial_for_a_given_name_join_the_full_name():
    a = make("a", "It read: 'Gwen S. Korovin M.D. is a board certified otolaryngologist.' Dr Gwen Korovin declined to "
             "comment.", persons=("S. Korovin M.D", "Gwen Korovin"))
    actors = resolve([a], {"a": "s1"})
    assert [x.name for x in actors] == ["Gwen Korovin"]


def test_an_unresolved_pronoun_or_number_source_is_no_actor():
    a = make("a", "It read: the doctor is respected. We ask that the press respect her privacy. The two share a laugh.",
             attributions=({"source": "It", "content": "the doctor is respected", "kind": "unnamed"},
                           {"source": "We", "content": "that the press respect her privacy", "kind": "unnamed"},
                           {"source": "two", "content": "a laugh", "kind": "unnamed"}))
    assert resolve([a], {"a": "s1"}) == ()


def test_the_us_is_no_bare_pronoun():
    from claimgraph.extract.attrib.sources import bare_source

    assert bare_source("It") and bare_source("we") and bare_source("two")
    assert not bare_source("US") and not bare_source("Russia") and not bare_source(None)
