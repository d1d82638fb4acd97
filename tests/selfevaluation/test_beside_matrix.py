"""The team's page puts the area's view beside the evidence matrix (the evidence app's
``queries.criteria_matrix``; tests/evidence reads it beside a real matrix)."""

from types import SimpleNamespace


from areasend import framework as fw
from areasend.selfevaluation import queries


def _strength(label, gap):
    return SimpleNamespace(label=label, is_gap=gap)


def _version(views):
    return SimpleNamespace(content={"criteria": {c: {"view": v, "reasons": f"Because {c}"} for c, v in views.items()}})


def test_views_and_evidence_agree_or_differ(monkeypatch):
    thin, corroborated = _strength("One source only", True), _strength("Corroborated by two sources", False)
    rows = [SimpleNamespace(key="I1", strength=thin), SimpleNamespace(key="I2", strength=corroborated),
            SimpleNamespace(key="L1", strength=thin)]
    monkeypatch.setattr(queries, "_team_matrix", lambda inspection: SimpleNamespace(rows=rows))
    has_matrix, found = queries.beside_matrix(_version({"I1": "strength", "I2": "strength", "L1": "to_improve"}), None)
    assert has_matrix and [c.criterion.id for c in found] == [c.id for c in fw.CRITERIA]
    by_id = {c.criterion.id: c for c in found}
    assert by_id["I1"].reading.startswith("Differs") and by_id["I1"].evidence == "One source only"
    assert by_id["I2"].reading.startswith("Agrees") and by_id["I1"].view == "A strength"
    assert by_id["L1"].reading.startswith("Agrees so far: the area says it needs to improve")
    assert by_id["I3"].view == "Not recorded" and by_id["I3"].evidence == "" and by_id["I3"].reading == ""
