"""The question sets of the three surveys, as data with a version id.

A survey records the id of the set it was opened with, so a later edit here (made as a new
set with a new id, never by changing an old one) leaves earlier results readable. Each choice
question names the evaluation criteria (``framework.CRITERIA`` ids) its answers bear on, and
which answer counts as pointing to a problem.

No question asks for a name or anything else that identifies the person answering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from areasend import framework

CYP = "cyp"
PARENTS = "parents"
PRACTITIONERS = "practitioners"
GROUPS = (CYP, PARENTS, PRACTITIONERS)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    negative: bool = False


@dataclass(frozen=True)
class Picture:
    """An OpenMoji symbol (by its file name, without ``.svg``) and its text alternative."""

    code: str
    alt: str

    @property
    def static_path(self) -> str:
        return f"openmoji/{self.code}.svg"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...] = ()
    criteria: tuple[str, ...] = ()
    hint: str = ""
    picture: Picture | None = None
    optional: bool = False

    @property
    def is_free_text(self) -> bool:
        return not self.options

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def label_for(self, value: str) -> str:
        option = self.option(value)
        return option.label if option else value

    @property
    def spoken_text(self) -> str:
        """What the audio recording says: the question, then each answer to choose from."""
        parts = [self.text]
        if self.hint:
            parts.append(self.hint)
        if self.options:
            parts.append("The answers are:")
            parts.extend(f"{o.label}." for o in self.options)
        else:
            parts.append("You can write your answer in the box. You do not have to.")
        return " ".join(parts)


@dataclass(frozen=True)
class QuestionSet:
    id: str
    group: str
    title: str
    easy_read: bool
    introduction: tuple[str, ...]
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def index_of(self, question_id: str) -> int:
        return [q.id for q in self.questions].index(question_id)


# Answer scales ------------------------------------------------------------------------------------

_EASY = (
    Option("yes", "Yes"),
    Option("sometimes", "Sometimes"),
    Option("no", "No", negative=True),
    Option("not_sure", "I am not sure"),
)
_AGREE = (
    Option("yes", "Yes"),
    Option("partly", "Partly"),
    Option("no", "No", negative=True),
    Option("dont_know", "Don't know"),
)


def _q(id_, text, criteria=(), options=_AGREE, **extra) -> Question:
    for item in criteria:
        framework.criterion(item)  # an unknown criterion id fails at import, not in a results page
    return Question(id_, text, options, tuple(criteria), **extra)


CYP_2025_1 = QuestionSet(
    id="cyp-2025-1",
    group=CYP,
    title="Your views about help for children and young people with SEND",
    easy_read=True,
    introduction=(
        "This survey is for people aged 11 to 25.",
        "It is for people who get extra help with learning, health or getting about.",
        "Inspectors want to know what the help is like where you live.",
        "There are 8 questions. You can listen to each one.",
        "Do not write your name. Nobody will know which answers are yours.",
        "Someone can help you if you want.",
    ),
    questions=(
        _q("help_at_school", "Do you get the help you need at school or college?", ("I3",), _EASY,
           picture=Picture("1F3EB", "A school building")),
        _q("adults_listen", "Do the adults who help you listen to what you want?", ("I2", "L2"), _EASY,
           picture=Picture("1F5E3", "A head speaking")),
        _q("say_in_plan", "Do you get a say in your plan or the help you get?", ("I2",), _EASY,
           picture=Picture("1F4DD", "A notepad and pencil")),
        _q("health_help", "Do you get help with your health when you need it?", ("I3", "L4"), _EASY,
           hint="For example from a doctor, nurse or therapist.",
           picture=Picture("1F3E5", "A hospital")),
        _q("next_steps", "Do you know what you will do next?", ("I4",), _EASY,
           hint="For example a new school, college, a job or living on your own.",
           picture=Picture("1F9ED", "A compass")),
        _q("join_in", "Can you do things you enjoy with other people where you live?", ("I5",), _EASY,
           picture=Picture("1F9D1-200D-1F91D-200D-1F9D1", "Two people holding hands")),
        _q("anything_else", "Is there anything else you want to tell us?", options=(), optional=True,
           hint="You do not have to write anything. Do not write any names.",
           picture=Picture("1F4AC", "A speech bubble")),
        _q("helped", "Did someone help you answer these questions?", options=(
            Option("helped", "Yes, someone helped me"),
            Option("on_my_own", "No, I answered on my own"),
        ), picture=Picture("1F91D", "Two hands shaking")),
    ),
)

PARENTS_2025_1 = QuestionSet(
    id="parents-2025-1",
    group=PARENTS,
    title="Survey for parents and carers of children and young people with SEND",
    easy_read=False,
    introduction=(
        "Inspectors are looking at how well education, health and care services in this area work for children and young people with special educational needs and disabilities (SEND).",
        "Your answers help them decide what to look at more closely. The survey takes about 5 minutes.",
        "It is anonymous: please do not write names of children, families or staff in your answers.",
    ),
    questions=(
        _q("needs_found_early", "Were your child's needs spotted early enough?", ("I1", "L3")),
        _q("assessment_in_time", "Was your child's needs assessment done without long delays?", ("I1",)),
        _q("family_involved", "Are you involved in decisions about your child's plan and support?", ("I2", "L2")),
        _q("right_help", "Does your child get the right help when they need it?", ("I3",)),
        _q("health_services", "Can your child get the health services they need?", ("I3", "L4"),
           hint="For example speech and language therapy, or mental health support."),
        _q("ready_for_next", "Is your child being helped to get ready for their next stage?", ("I4",),
           hint="For example moving school, starting college or work, or adult life."),
        _q("in_community", "Can your child take part in clubs and activities in the community?", ("I5",)),
        _q("leaders_act", "Do the area's leaders listen to families and change things as a result?", ("L2", "L5")),
        _q("comments", "Is there anything else you would like the inspectors to know?", options=(), optional=True,
           hint="Optional. Please do not include names."),
    ),
)

PRACTITIONERS_2025_1 = QuestionSet(
    id="practitioners-2025-1",
    group=PRACTITIONERS,
    title="Survey for practitioners who work with children and young people with SEND",
    easy_read=False,
    introduction=(
        "Inspectors want to hear from people who work in education, health and social care with children and young people with special educational needs and disabilities (SEND) in this area.",
        "The survey takes about 5 minutes. It is anonymous: please do not write names of children, families or colleagues.",
    ),
    questions=(
        _q("sector", "Which kind of service do you mainly work in?", options=(
            Option("education", "Education"),
            Option("health", "Health"),
            Option("social_care", "Social care"),
            Option("other", "Another service"),
        )),
        _q("needs_identified", "Are children's and young people's needs identified accurately and promptly in this area?", ("I1", "L3")),
        _q("work_together", "Do services work well together for children and young people with SEND?", ("L6",)),
        _q("training", "Do you get the training and supervision you need to do this work well?", ("L6",)),
        _q("enough_provision", "Are there enough services and places to meet children's needs here?", ("L4",)),
        _q("ambition", "Are leaders ambitious for children and young people with SEND?", ("L1",)),
        _q("leaders_improve", "Do leaders check how well services work and improve them?", ("L5",)),
        _q("comments", "Is there anything else you would like the inspectors to know?", options=(), optional=True,
           hint="Optional. Please do not include names."),
    ),
)

QUESTION_SETS: dict[str, QuestionSet] = {s.id: s for s in (CYP_2025_1, PARENTS_2025_1, PRACTITIONERS_2025_1)}
#: The set a newly made survey of each group uses.
CURRENT: dict[str, str] = {CYP: CYP_2025_1.id, PARENTS: PARENTS_2025_1.id, PRACTITIONERS: PRACTITIONERS_2025_1.id}

#: Credit for the pictures, shown wherever they are.
OPENMOJI_CREDIT = "Pictures: OpenMoji, the open-source emoji and icon project, licensed under CC BY-SA 4.0."
OPENMOJI_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


def question_set(set_id: str) -> QuestionSet:
    return QUESTION_SETS[set_id]
