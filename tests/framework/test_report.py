"""The report's core: template, citations, partners, plain English, diffs, stages and the clock."""

import datetime as dt

import pytest

from areasend import framework as fw

R = fw.report


def test_the_template_follows_the_spec_in_order():
    assert [s.key for s in R.REPORT_SECTIONS] == ["outcome", "life", "strengths", "improve", "recommendations",
                                                   "priority", "next"]
    with pytest.raises(fw.FrameworkError):
        R.section("summary")


@pytest.mark.parametrize(("text", "expected"), [
    ("One. (evidence 1)", (("One.", (1,)),)),
    ("One (evidence 1, 3 and 4)\n\n\nTwo (entry 2)", (("One", (1, 3, 4)), ("Two", (2,)))),
    ("No citation here.", (("No citation here.", ()),)),
    ("  \n\n ", ()),
])
def test_paragraphs_and_their_citations(text, expected):
    assert R.split_paragraphs(text) == expected


@pytest.mark.parametrize(("text", "partner"), [
    ("Local authority: do it", R.Partner.LOCAL_AUTHORITY),
    ("The integrated care board: do it", R.Partner.INTEGRATED_CARE_BOARD),
    ("Both: do it", R.Partner.BOTH),
])
def test_recommendations_name_their_partner(text, partner):
    assert R.parse_partner(text) == (partner, "Do it")  # a sentence of its own once the partner is off


@pytest.mark.parametrize("text", ["Do it", "Schools: do it", "Both:"])
def test_a_recommendation_without_a_partner_is_refused(text):
    with pytest.raises(fw.FrameworkError):
        R.parse_partner(text)


def test_jargon_matches_whole_words_and_abbreviations_as_written():
    problems = R.plain_english_problems({"life": ["A co-produced plan. Ap is not AP. Utilise the cohorts."]})
    words = sorted(p.message.split("'")[1] for p in problems)
    assert words == ["AP", "co-produced", "utilise"]


def test_stages_in_order():
    stage = lambda **kw: R.report_stage(**{**dict(draft_signed_off=False, sent=False, comments_closed=False,
                                                 final_written=False, final_signed_off=False, published=False,
                                                 held=False), **kw})
    assert stage() is R.ReportStage.DRAFTING
    assert stage(draft_signed_off=True) is R.ReportStage.DRAFT_SIGNED_OFF
    assert stage(sent=True) is R.ReportStage.WITH_LOCAL_AREA
    assert stage(sent=True, comments_closed=True) is R.ReportStage.RESPONDING
    assert stage(sent=True, final_written=True) is R.ReportStage.FINAL_WRITTEN
    assert stage(final_signed_off=True) is R.ReportStage.READY
    assert stage(final_signed_off=True, held=True) is R.ReportStage.HELD
    assert stage(final_signed_off=True, held=True, published=True) is R.ReportStage.PUBLISHED


def test_timeliness_against_the_clock():
    clock = fw.publication_clock(fw.get_version("2025"), dt.date(2026, 1, 30))
    rows = R.timeliness(clock, sent=clock.draft_report_due.date, comments_closed=None, final=None, published=None,
                        today=fw.calendar.ENGLAND.add_working_days(clock.comments_due.date, 2))
    by_key = {r.key: r for r in rows}
    assert by_key["draft_report_due"].state == "on_time"
    assert by_key["comments_due"].state == "overdue" and by_key["comments_due"].working_days_late == 2
    assert by_key["publication_due"].state == "due"


def test_the_next_activity_comes_from_the_cycle():
    after_3 = R.next_activity("2025", fw.Outcome.SYSTEMIC_FAILINGS, dt.date(2026, 3, 2))
    assert "monitoring inspection" in after_3 and "priority action plan" in after_3
    after_1 = R.next_activity("2025", fw.Outcome.POSITIVE, dt.date(2026, 3, 2))
    assert "monitoring" not in after_1 and "next full inspection" in after_1
