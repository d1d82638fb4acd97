"""The self-evaluation's pages: bad input gets a message on the page, never a 500 or a half-saved record."""

from django.urls import reverse

from areasend.accounts.models import AuditEvent, Verb
from areasend.selfevaluation.models import Entry, Evidence, PlanAction
from tests.selfevaluation.world import answer_everything


def _criterion_url(place, criterion="I1"):
    return reverse("selfevaluation:criterion", args=[place["area"].ons_code, criterion])


def test_answers_and_a_view_without_reasons_are_refused_with_a_message(client, place):
    client.force_login(place["director"])
    response = client.post(_criterion_url(place), {"action": "answers", "what_we_know": "Known", "view": "strength", "reasons": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Enter the reasons for the area" in page and 'href="#id_reasons"' in page
    assert not Entry.objects.exists()
    response = client.post(_criterion_url(place), {"action": "answers", "what_we_know": "Known", "view": "strength",
                                                   "reasons": "Figures improved"})
    assert response.status_code == 302
    assert Entry.objects.get().reasons == "Figures improved"


def test_a_bad_document_and_a_figure_without_a_source_are_refused(client, place):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(place["icb"])
    response = client.post(_criterion_url(place, "L4"), {
        "action": "document", "document-title": "Commissioning plan",
        "document-file": SimpleUploadedFile("plan.docx", b"not really a word file")})
    assert response.status_code == 200 and "The selected file is not a real DOCX file" in response.content.decode()
    response = client.post(_criterion_url(place, "L4"), {"action": "figure", "figure-title": "Places commissioned", "figure-figure": "40"})
    assert response.status_code == 200 and "Enter where the figure comes from" in response.content.decode()
    assert not Evidence.objects.exists()
    assert client.post(_criterion_url(place, "Z9"), {"action": "comment"}).status_code == 404


def test_the_overview_says_which_criteria_are_still_to_do(client, place):
    client.force_login(place["lano"])
    url = reverse("selfevaluation:overview", args=[place["area"].ons_code])
    response = client.post(url, {"note": ""})
    assert response.status_code == 200 and "Still to do: I1, I2" in response.content.decode()
    answer_everything(place["director"], place["se"])
    response = client.post(url, {"note": "For sign-off"})
    assert response.status_code == 302 and response["Location"].endswith("/versions/1/")
    page = client.get(response["Location"]).content.decode()
    assert "Version 1" in page and "Not signed yet" in page
    assert AuditEvent.objects.filter(verb=Verb.VIEWED, actor=place["lano"]).exists()


def test_an_action_with_a_bad_date_is_refused(client, place):
    client.force_login(place["director"])
    url = reverse("selfevaluation:plan", args=[place["area"].ons_code])
    response = client.post(url, {"action": "add", "action-title": "Faster plans", "action-criteria": ["I1"],
                                 "action-report_point": "none", "action-owner": "Head of SEND",
                                 "action-due_day": "31", "action-due_month": "2", "action-due_year": "2027"})
    assert response.status_code == 200 and "The due date must be a real date" in response.content.decode()
    assert not PlanAction.objects.exists()
    response = client.post(url, {"action": "progress", "action_id": "not-a-number"})
    assert response.status_code == 404


def test_the_team_page_before_anything_is_shared(client, place):
    client.force_login(place["lead"])
    response = client.get(reverse("selfevaluation:shared", args=[place["inspection"].pk]))
    assert response.status_code == 200
    assert "has not shared its self-evaluation" in response.content.decode()
    assert client.get(reverse("selfevaluation:overview", args=[place["area"].ons_code])).status_code == 404
