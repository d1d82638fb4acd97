"""The question sets: data the surveys are built from, checked against the framework's criteria."""

import re

from django.conf import settings

from areasend import framework
from areasend.surveys import questions as qs


def test_each_group_has_a_current_set_of_its_own_group():
    assert set(qs.CURRENT) == set(qs.GROUPS)
    for group, set_id in qs.CURRENT.items():
        assert qs.question_set(set_id).group == group


def test_question_ids_are_unique_and_criteria_are_the_frameworks():
    ids = {c.id for c in framework.CRITERIA}
    for question_set in qs.QUESTION_SETS.values():
        question_ids = [q.id for q in question_set.questions]
        assert len(question_ids) == len(set(question_ids)), question_set.id
        for question in question_set.questions:
            assert set(question.criteria) <= ids, (question_set.id, question.id)


def test_every_criterion_is_asked_about_by_some_survey():
    asked = {c for s in qs.QUESTION_SETS.values() for q in s.questions for c in q.criteria}
    assert asked == {c.id for c in framework.CRITERIA}


def test_no_question_asks_who_the_person_is():
    for question_set in qs.QUESTION_SETS.values():
        for question in question_set.questions:
            text = question.text.lower()
            assert not re.search(r"\b(your name|name of|email|address|date of birth|postcode)\b", text), question.id


def test_young_peoples_set_is_easy_read_with_pictures_and_someone_helped_me():
    cyp = qs.question_set(qs.CURRENT[qs.CYP])
    assert cyp.easy_read
    assert len(cyp.questions) == 8
    for question in cyp.questions:
        assert question.picture is not None and question.picture.alt, question.id
        svg = settings.OPENMOJI_SVG / f"{question.picture.code}.svg"
        assert svg.exists(), svg
        # Short sentences: easy read keeps each question under 15 words.
        assert len(question.text.split()) < 15, question.id
    helped = [o.label for q in cyp.questions for o in q.options if "helped me" in o.label]
    assert helped == ["Yes, someone helped me"]


def test_spoken_text_reads_the_question_and_every_answer():
    question = qs.question_set(qs.CURRENT[qs.CYP]).questions[0]
    spoken = question.spoken_text
    assert spoken.startswith(question.text)
    for option in question.options:
        assert option.label in spoken
