"""The self-evaluation as the core frames it: the three questions, the signatories, what changed."""

from areasend import framework as fw
from areasend.framework import selfevaluation as core


def _content(**by_criterion):
    return {"criteria": by_criterion}


def test_three_questions_asked_of_every_criterion():
    assert [q.key for q in core.QUESTIONS] == ["what_we_know", "how_we_know", "next_twelve_months"]
    assert "12 months" in core.QUESTIONS[2].text
    assert len(fw.CRITERIA) == 11


def test_the_director_and_the_icb_representative_sign():
    assert core.SIGNATORIES == (core.Position.DIRECTOR, core.Position.ICB_REPRESENTATIVE)
    assert core.missing_signatories(set()) == core.SIGNATORIES
    assert core.missing_signatories({core.Position.DIRECTOR}) == (core.Position.ICB_REPRESENTATIVE,)
    assert core.missing_signatories({core.Position.DIRECTOR, core.Position.ICB_REPRESENTATIVE, core.Position.LEADER}) == ()


def test_changes_between_versions_name_the_criterion_and_field():
    before = _content(I1={"what_we_know": "Line one\nLine two", "view": "mixed", "evidence": []})
    after = _content(I1={"what_we_know": "Line one\nLine three", "view": "strength",
                         "evidence": [{"title": "Annual report"}]},
                     L6={"reasons": "New"})
    changes = core.changes_between(before, after)
    assert [(c.criterion, c.field) for c in changes] == [("I1", "what_we_know"), ("I1", "view"), ("I1", "evidence"),
                                                         ("L6", "reasons")]
    assert changes[0].diff_lines() == ("- Line two", "+ Line three")
    assert (changes[1].before, changes[1].after) == ("Some strengths, some gaps", "A strength")
    assert changes[2].after == "Annual report"
    assert core.changes_between(after, after) == ()


def test_unanswered_lists_criteria_missing_an_answer_or_a_view():
    full = {k: "x" for k in core.QUESTION_KEYS}
    content = _content(**{c.id: {**full, "view": "strength"} for c in fw.CRITERIA})
    assert core.is_complete(content)
    content["criteria"]["L3"]["how_we_know"] = "  "
    del content["criteria"]["I2"]["view"]
    assert core.unanswered(content) == ("I2", "L3")
