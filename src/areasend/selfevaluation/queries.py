"""Reads the self-evaluation's pages share: the criteria at a glance, versions and their changes,
and the comparison with the team's evidence matrix."""

from __future__ import annotations

from dataclasses import dataclass

from areasend import framework as fw
from areasend.framework import selfevaluation as core
from areasend.selfevaluation.models import Comment, Contributor, Entry, Evidence, Export, PlanAction, Version


@dataclass(frozen=True)
class CriterionRow:
    criterion: fw.Criterion
    answered: int
    view: str
    evidence: int
    comments: int


def criterion_rows(self_evaluation) -> list[CriterionRow]:
    if self_evaluation.pk is None:
        return [CriterionRow(c, 0, "", 0, 0) for c in fw.CRITERIA]
    entries = {e.criterion: e for e in Entry.objects.filter(self_evaluation=self_evaluation)}
    evidence = [e.criterion for e in Evidence.objects.filter(self_evaluation=self_evaluation).only("criterion")]
    comments = [c.criterion for c in Comment.objects.filter(self_evaluation=self_evaluation).only("criterion")]
    rows = []
    for c in fw.CRITERIA:
        entry = entries.get(c.id)
        answered = sum(1 for k in core.QUESTION_KEYS if entry and getattr(entry, k).strip())
        view = core.AreaView(entry.view).label if entry and entry.view else ""
        rows.append(CriterionRow(c, answered, view, evidence.count(c.id), comments.count(c.id)))
    return rows


def entry(self_evaluation, criterion: str) -> Entry | None:
    if self_evaluation.pk is None:
        return None
    return Entry.objects.filter(self_evaluation=self_evaluation, criterion=criterion).select_related("updated_by").first()


def evidence_for(self_evaluation, criterion: str) -> list[Evidence]:
    if self_evaluation.pk is None:
        return []
    return list(Evidence.objects.filter(self_evaluation=self_evaluation, criterion=criterion).select_related("added_by"))


def comments_for(self_evaluation, criterion: str) -> list[Comment]:
    if self_evaluation.pk is None:
        return []
    return list(Comment.objects.filter(self_evaluation=self_evaluation, criterion=criterion).select_related("author"))


def versions(self_evaluation) -> list[Version]:
    if self_evaluation.pk is None:
        return []
    return list(Version.objects.filter(self_evaluation=self_evaluation).select_related("made_by").prefetch_related("sign_offs", "shares"))


def contributors(self_evaluation) -> list[Contributor]:
    if self_evaluation.pk is None:
        return []
    return list(Contributor.objects.filter(self_evaluation=self_evaluation).select_related("user"))


def previous_version(version: Version) -> Version | None:
    return Version.objects.filter(self_evaluation=version.self_evaluation, number__lt=version.number).order_by("-number").first()


def changes_since_previous(version: Version) -> tuple[Version | None, tuple[core.SelfEvaluationChange, ...]]:
    previous = previous_version(version)
    return previous, core.changes_between(previous.content if previous else {}, version.content)


def exports_of(version: Version) -> list[Export]:
    return list(Export.objects.filter(version=version))


def actions(self_evaluation) -> list[PlanAction]:
    if self_evaluation.pk is None:
        return []
    return list(PlanAction.objects.filter(self_evaluation=self_evaluation).prefetch_related("progress__recorded_by"))


# Beside the evidence matrix ------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    criterion: fw.Criterion
    view: str
    reasons: str
    #: The team's evidence for the criterion, in words; empty when the matrix is not available.
    evidence: str
    #: Where the area's view and the evidence agree or differ, in words.
    reading: str


def _team_matrix(inspection):
    """The team's criteria x sources matrix, from the evidence log."""
    from areasend.evidence import queries as evidence_queries

    return evidence_queries.criteria_matrix(inspection)


def _reading(view: str, row) -> str:
    if row is None:
        return ""
    thin = row.strength.is_gap
    if view == core.AreaView.STRENGTH.value:
        return ("Differs: the area sees a strength, and the team's evidence for it is thin so far: test it on site"
                if thin else "Agrees so far: the area sees a strength and the team's evidence is corroborated")
    if view == core.AreaView.TO_IMPROVE.value:
        return ("Agrees so far: the area says it needs to improve; the team's evidence is thin so far" if thin
                else "The area says it needs to improve: check the team's evidence points the same way")
    return "The area sees a mixed picture: check which parts the team's evidence supports"


def beside_matrix(version: Version, inspection) -> tuple[bool, list[Comparison]]:
    """Per criterion: the area's view (from the shared version) beside the team's evidence."""
    matrix = _team_matrix(inspection)
    rows = {row.key: row for row in matrix.rows} if matrix is not None else {}
    found = []
    for c in fw.CRITERIA:
        item = version.content.get("criteria", {}).get(c.id, {})
        view = item.get("view", "")
        row = rows.get(c.id)
        found.append(Comparison(
            criterion=c, view=core.AreaView(view).label if view else "Not recorded", reasons=item.get("reasons", ""),
            evidence=row.strength.label if row is not None else "", reading=_reading(view, row),
        ))
    return matrix is not None, found


def area_people_roles(user, area) -> tuple[bool, bool]:
    """(whether ``user`` is the nominated officer who leads ``area``'s self-evaluation, whether they
    are a contributor invited to it): the area's own people, for pages about the area."""
    from areasend.selfevaluation.access import current_lano_id

    if getattr(user, "pk", None) is None:
        return False, False
    return (current_lano_id(area) == user.pk,
            Contributor.objects.filter(self_evaluation__area=area, user=user).exists())
