"""The evidence pages through the Django test client: plain forms, no JavaScript."""

import uuid

import pytest
from django.urls import reverse

from areasend.accounts.models import AuditEvent
from areasend.evidence.models import EvidenceEntry, EvidenceVersion, LineOfEnquiry


def _entry(client, inspection, **data):
    body = {"key": str(uuid.uuid4()), "text": "A parent said the plan arrived late.", "source": "survey", **data}
    return client.post(reverse("evidence:log", args=[inspection.pk]), body)


def test_the_log_page_adds_an_entry_with_a_plain_save(client, inspection, ofsted):
    client.force_login(ofsted)
    page = client.get(reverse("evidence:log", args=[inspection.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Save entry" in html and "No entries yet." in html
    assert AuditEvent.objects.filter(verb="viewed", actor=ofsted, summary="Viewed the evidence log").exists()
    response = _entry(client, inspection, criteria=["I2"])
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Entry 1 saved." in html and "A parent said the plan arrived late." in html and "I2" in html


def test_a_form_with_problems_says_which_field_and_what_to_do(client, inspection, ofsted):
    client.force_login(ofsted)
    response = _entry(client, inspection, text="", source="")
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Enter what you found" in html and "Choose where the evidence came from" in html
    assert not EvidenceEntry.objects.exists()


def test_the_send_endpoint_stores_an_entry_once_however_often_it_is_sent(client, inspection, cqc):
    client.force_login(cqc)
    body = {"key": str(uuid.uuid4()), "text": "Typed on a train.", "source": "other"}
    first = client.post(reverse("evidence:send", args=[inspection.pk]), body).json()
    second = client.post(reverse("evidence:send", args=[inspection.pk]), body).json()
    assert first["stored"] and first["created"] and second["stored"] and not second["created"]
    assert first["entry"] == second["entry"] == 1
    assert EvidenceEntry.objects.count() == 1
    bad = client.post(reverse("evidence:send", args=[inspection.pk]), {**body, "key": str(uuid.uuid4()), "text": ""})
    assert bad.status_code == 400 and "Enter what you found" in bad.json()["errors"]["text"][0]


def test_autosave_keeps_a_draft_and_the_writer_can_carry_on(client, inspection, ofsted):
    client.force_login(ofsted)
    key = str(uuid.uuid4())
    answer = client.post(reverse("evidence:save-draft", args=[inspection.pk]), {"key": key, "text": "Half", "source": "survey"})
    assert answer.json()["saved"]
    html = client.get(reverse("evidence:log", args=[inspection.pk])).content.decode()
    assert "You have 1 unsaved draft" in html
    draft = client.get(reverse("evidence:draft", args=[inspection.pk, key])).content.decode()
    assert ">Half</textarea>" in draft and key in draft


def test_a_correction_shows_every_version_with_who_and_when(client, inspection, ofsted, lead):
    client.force_login(ofsted)
    _entry(client, inspection, text="Nine schools visited.")
    entry = EvidenceEntry.objects.get()
    client.force_login(lead)
    url = reverse("evidence:entry", args=[inspection.pk, entry.pk])
    response = client.post(url, {"key": str(uuid.uuid4()), "text": "Ten schools visited.", "source": "sampling_visit"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Version 1" in html and "Nine schools visited." in html and "Version 2 (current)" in html
    assert "Owen Tester" in html and "Lena Lead" in html
    assert EvidenceVersion.objects.count() == 2


def test_the_local_area_never_sees_the_log(client, inspection, lano):
    client.force_login(lano)
    for name in ("evidence:log", "evidence:lines", "evidence:triangulation", "evidence:decision"):
        assert client.get(reverse(name, args=[inspection.pk])).status_code == 403, name
    assert client.get(reverse("evidence:export", args=[inspection.pk, "csv"])).status_code == 403
    html = client.get(reverse("inspections:stands", args=[inspection.pk])).content.decode()
    assert "Evidence log" not in html


def test_exports_download_and_are_audited(client, inspection, ofsted):
    client.force_login(ofsted)
    _entry(client, inspection)
    csv = client.get(reverse("evidence:export", args=[inspection.pk, "csv"]))
    assert csv["Content-Type"].startswith("text/csv") and "A parent said the plan arrived late." in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("evidence:export", args=[inspection.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("evidence:export", args=[inspection.pk, "pdf"])).status_code == 404
    assert AuditEvent.objects.filter(verb="exported", inspection=inspection).count() == 2


def test_lines_and_triangulation_pages(client, inspection, ofsted):
    client.force_login(ofsted)
    response = client.post(reverse("evidence:lines", args=[inspection.pk]), {"title": "Are families heard?", "criteria": ["I2"]})
    assert response.status_code == 302
    line = LineOfEnquiry.objects.get()
    _entry(client, inspection, criteria=["I2"], lines_for=[str(line.pk)])
    html = client.get(reverse("evidence:line", args=[inspection.pk, line.pk])).content.decode()
    assert "A parent said the plan arrived late." in html and "No entries point against it yet." in html
    html = client.get(reverse("evidence:triangulation", args=[inspection.pk])).content.decode()
    assert "One source only" in html and "Rests on one kind of source only" in html
    assert "11 of 11 criteria rest on one kind of source or none" in html
    both = _entry(client, inspection, lines_for=[str(line.pk)], lines_against=[str(line.pk)])
    assert "cannot be both supported and pointed against" in both.content.decode()


def test_the_old_outcome_page_leads_to_the_decision(client, inspection, lead):
    client.force_login(lead)
    response = client.get(reverse("inspections:outcome", args=[inspection.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("evidence:decision", args=[inspection.pk])


@pytest.mark.parametrize("today_is_before", [True, False])
def test_the_decision_page_waits_for_the_end_of_the_on_site_week(client, inspection, lead, onsite_end, today_is_before, monkeypatch):
    import datetime as dt

    from areasend.evidence import views

    day = onsite_end - dt.timedelta(days=1) if today_is_before else onsite_end
    monkeypatch.setattr(views, "_today", lambda: day)
    client.force_login(lead)
    _entry(client, inspection)
    html = client.get(reverse("evidence:decision", args=[inspection.pk])).content.decode()
    assert ("can be proposed once the on-site week ends" in html) == today_is_before
    assert ("Save the proposal" in html) != today_is_before
