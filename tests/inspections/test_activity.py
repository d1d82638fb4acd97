"""Every view and change of personal data is recorded, and the lead reads it on the Activity page."""

import pytest
from django.urls import reverse
from html import unescape

from areasend.accounts.models import AuditEvent
from areasend.inspections import services


def _events(inspection):
    return list(AuditEvent.objects.filter(inspection=inspection).values_list("verb", "summary"))


def test_naming_the_lano_and_viewing_pages_are_recorded(client, notified_inspection, lead):
    services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    client.force_login(lead)
    client.get(reverse("inspections:lano", args=[notified_inspection.pk]))
    client.get(reverse("inspections:team", args=[notified_inspection.pk]))
    client.get(reverse("inspections:stands", args=[notified_inspection.pk]))
    events = _events(notified_inspection)
    assert ("lano_named", "Named Demo Officer as the local area nominated officer") in events
    assert ("viewed", "Viewed the nominated officer's details") in events
    assert ("viewed", "Viewed the team") in events
    assert ("viewed", "Viewed where the inspection stands") in events


def test_lano_views_are_recorded_with_who(client, notified_inspection, lead):
    user, _ = services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    client.force_login(user)
    client.get(reverse("inspections:stands", args=[notified_inspection.pk]))
    assert AuditEvent.objects.filter(actor=user, verb="viewed", inspection=notified_inspection).exists()


def test_activity_page_shows_the_record_in_a_table(client, notified_inspection, lead):
    services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    client.force_login(lead)
    html = unescape(client.get(reverse("inspections:activity", args=[notified_inspection.pk])).content.decode())
    assert '<table class="govuk-table' in html
    assert "Nominated officer named: Named Demo Officer as the local area nominated officer" in html
    assert "Demo Lead (lead)" in html
    assert "Viewed: Viewed the activity record" in html


@pytest.mark.parametrize("who", ["planner", "inspector"])
def test_only_the_lead_reads_the_activity(client, notified_inspection, request, who):
    client.force_login(request.getfixturevalue(who))
    status = client.get(reverse("inspections:activity", args=[notified_inspection.pk])).status_code
    assert status == {"planner": 403, "inspector": 404}[who]
