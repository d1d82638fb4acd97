import datetime as dt
import json

from django.urls import reverse

from areasend.reports import services
from tests.factories import make_user
from tests.reports.conftest import TEXTS, day_after
from tests.reports.test_services import _through_final


def test_a_report_held_by_a_pause_shows_as_held_with_the_reason(client, ready, lead, ofsted, qa, lano, onsite_end, planner,
                                                                area, monkeypatch):
    inspection, _ = ready
    today = day_after(onsite_end, 5)
    _through_final(inspection, lead, ofsted, qa, lano, today)
    services.add_local_poll(planner, area=area, polling_day=today + dt.timedelta(days=10), label="council elections")
    monkeypatch.setattr("areasend.reports.views._today", lambda: today)
    client.force_login(lead)
    page = client.get(reverse("reports:builder", args=[inspection.pk])).content.decode()
    assert "Held for a pre-election period" in page
    assert "Held for the council elections: reports for this area are not published until after polling day" in page
    assert "Publish the report" not in page
    # Publishing anyway is refused on the page, with the reason.
    page = client.post(reverse("reports:step", args=[inspection.pk, "publish"])).content.decode()
    assert "There is a problem" in page and "Held for the council elections" in page


def test_the_public_report_json_and_feed(client, ready, lead, ofsted, qa, lano, onsite_end):
    inspection, _ = ready
    today = day_after(onsite_end, 5)
    _through_final(inspection, lead, ofsted, qa, lano, today)
    published = services.publish(lead, inspection, today=today)
    report_id = published.report.pk
    page = client.get(reverse("published:report", args=[report_id])).content.decode()
    assert "Area SEND inspection of Bath and North East Somerset" in page
    assert f"Published {today.day} {today:%B %Y}" in page
    data = json.loads(client.get(reverse("published:json", args=[report_id])).content)
    assert data["outcome"]["number"] == 2 and data["published"] == today.isoformat()
    assert [s["key"] for s in data["sections"]] == ["outcome", "life", "strengths", "improve", "recommendations", "next"]
    recommendation = data["sections"][4]["paragraphs"][0]
    assert recommendation == {"text": "Cut the wait for assessments.", "partner": "The local authority"}
    feed = client.get(reverse("published:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "<title>Area SEND inspection of Bath and North East Somerset</title>" in body
    assert f"/reports/{report_id}/" in body
    area_page = client.get(reverse("areas:detail", args=[inspection.area.ons_code])).content.decode()
    assert reverse("published:area", args=[inspection.area.ons_code]) in area_page


def test_unpublished_reports_are_not_public(client, ready, lead):
    inspection, _ = ready
    services.save_version(lead, inspection, texts=TEXTS)
    report_id = inspection.report.pk
    for name in ("published:report", "published:json", "published:pdf"):
        assert client.get(reverse(name, args=[report_id])).status_code == 404


def test_the_local_area_sees_only_the_draft_sent_and_never_the_evidence(client, ready, lead, qa, lano, onsite_end):
    inspection, _ = ready
    services.save_version(lead, inspection, texts=TEXTS)
    client.force_login(lano)
    assert client.get(reverse("reports:builder", args=[inspection.pk])).status_code == 403
    page = client.get(reverse("reports:accuracy", args=[inspection.pk])).content.decode()
    assert "has not been sent to the local area yet" in page and "Families wait too long" not in page
    services.qa_sign_off(qa, inspection, today=onsite_end)
    services.send_to_local_area(lead, inspection, today=onsite_end)
    page = client.get(reverse("reports:accuracy", args=[inspection.pk])).content.decode()
    assert "Families wait too long for assessments." in page
    assert "/evidence/" not in page, "no links into the evidence log"


def test_the_planner_sees_late_reports_in_working_days_and_the_history_stated_plainly(client, ready, lead, planner):
    inspection, _ = ready
    services.save_version(lead, inspection, texts=TEXTS)
    client.force_login(planner)
    page = client.get(reverse("published:late")).content.decode()
    # The draft was due in February 2026 and nothing has been sent: late by many working days.
    assert "Draft sent to the local area (not done yet)" in page
    assert "working days" in page
    assert "How long real reports took" in page


def test_the_planner_enters_a_local_poll_with_clear_errors(client, planner, area):
    client.force_login(planner)
    page = client.post(reverse("published:local-polls"), {"area": "", "polling_day_day": "31", "polling_day_month": "2",
                                                          "polling_day_year": "2027"}).content.decode()
    assert "Choose the local area holding the poll" in page and "The polling day must be a real date" in page
    answer = client.post(reverse("published:local-polls"), {"area": area.ons_code, "polling_day_day": "6",
                                                            "polling_day_month": "5", "polling_day_year": "2027"})
    assert answer.status_code == 302
    page = client.get(reverse("published:local-polls")).content.decode()
    assert "polling day 6 May 2027" in page
    other = make_user(username="someone")
    client.force_login(other)
    assert client.get(reverse("published:local-polls")).status_code == 403
