"""The programme pages through the test client: planners only, forms with GOV.UK errors, exports."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from areasend.accounts.models import AuditEvent, Verb
from areasend.programme import services
from areasend.programme.models import PlanRun


@pytest.fixture
def signed_in(client, planner):
    client.force_login(planner)
    return client


@pytest.fixture
def plan(register, planner):
    today = timezone.localdate()
    return services.start_plan(planner, until=today + dt.timedelta(days=365), full_per_week=2,
                               monitoring_per_week=1, region_cap=2, today=today)


def _date(prefix, day):
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_the_index_invites_a_first_plan(signed_in, register):
    response = signed_in.get(reverse("programme:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "No plan has been accepted yet" in body
    assert 'href="/programme/"' in body and ">Programme<" in body


def test_the_nav_shows_programme_to_planners_only(client, inspector, register):
    client.force_login(inspector)
    body = client.get(reverse("inspections:list")).content.decode()
    assert ">Programme<" not in body


def test_making_a_plan_shows_table_and_chart(signed_in, register):
    until = timezone.localdate() + dt.timedelta(days=200)
    response = signed_in.post(reverse("programme:new"), {
        **_date("until", until), "full_per_week": "2", "monitoring_per_week": "1", "region_cap": "2"})
    run = PlanRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("programme:run", args=[run.pk])
    page = signed_in.get(response["Location"])
    body = page.content.decode()
    assert "Refresh" not in page.headers
    for heading in ("Area", "Region", "Kind", "On-site week", "Due by", "Reason"):
        assert f'<th scope="col" class="govuk-table__header">{heading}</th>' in body
    assert "Barking and Dagenham" in body and "Nottinghamshire" in body
    assert '<svg role="img" aria-labelledby="chart-heading"' in body
    assert "Show the weeks as a table" in body
    assert "Accept as the programme" in body


def test_the_plan_is_said_in_a_planners_words_with_the_figures_in_a_details_element(signed_in, plan):
    import re
    from html import unescape

    body = unescape(signed_in.get(reverse("programme:run", args=[plan.pk])).content.decode())
    summary, details = body.split('<details class="govuk-details"', 1)[0], body.split("How the plan was scored", 1)[1]
    result = plan.result
    assert "Late inspections" in summary and "Is this the best plan possible?" in summary
    late = [i for i in result["items"] if i["days_late"]]
    if late:
        assert f"{len(late)} of {len(result['items'])} " in summary
    else:
        assert "Every inspection in the plan is on site by its due date" in summary
    for jargon in ("objective", "bound", "FEASIBLE", "OPTIMAL", "Greedy", "gap "):
        assert jargon not in summary.split("<main", 1)[1], jargon
    assert f"<dd class=\"govuk-summary-list__value\">\n        {result['objective']}" in details or str(result["objective"]) in details
    assert str(result["greedy_terms"]["objective"]) in details
    main = re.sub(r"<[^>]+>", " ", body.split("<main", 1)[1])
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", main), "no ISO dates in what the page says (reasons included)"


def test_a_bad_plan_form_shows_the_error_summary_and_saves_nothing(signed_in, register):
    past = timezone.localdate() - dt.timedelta(days=3)
    response = signed_in.post(reverse("programme:new"), {
        **_date("until", past), "full_per_week": "0", "monitoring_per_week": "x", "region_cap": "2"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "<title>Error:" in body
    assert "Full inspections per week must be 1 or more" in body
    assert "Monitoring inspections per week must be a whole number" in body
    assert 'href="#id_full_per_week"' in body
    assert not PlanRun.objects.exists()
    response = signed_in.post(reverse("programme:new"), {
        **_date("until", past), "full_per_week": "2", "monitoring_per_week": "1", "region_cap": "2"})
    assert "The end of the plan must be in the future" in response.content.decode()
    assert not PlanRun.objects.exists()


def test_a_solving_plan_refreshes_until_ready(signed_in, register):
    run = PlanRun.objects.create(title="waiting", parameters={"time_limit": 1})
    url = reverse("programme:run", args=[run.pk])
    response = signed_in.get(url)
    body = response.content.decode()
    assert response["Refresh"] == "3"
    assert "Solving the plan" in body and "Stop refreshing this page" in body
    stopped = signed_in.get(url + "?refresh=off")
    assert "Refresh" not in stopped.headers
    assert "Check again" in stopped.content.decode()


def test_a_failed_plan_says_why(signed_in, register):
    run = PlanRun.objects.create(title="failed", parameters={"time_limit": 1}, status=PlanRun.Status.FAILED,
                                 error="There are no local areas to plan")
    body = signed_in.get(reverse("programme:run", args=[run.pk])).content.decode()
    assert "The plan could not be made" in body and "There are no local areas to plan" in body


def test_a_what_if_is_compared_with_its_base(signed_in, plan):
    response = signed_in.post(reverse("programme:what-if", args=[plan.pk]), {
        "full_per_week": "2", "monitoring_per_week": "1", "exclude_area": "E09000002", "pin_area": ""})
    run = PlanRun.objects.exclude(pk=plan.pk).get()
    assert response["Location"] == reverse("programme:run", args=[run.pk])
    body = signed_in.get(response["Location"]).content.decode()
    assert f"Compared with plan {plan.pk}" in body
    dropped = body[body.index('id="dropped"'):]
    assert "Barking and Dagenham" in dropped[:dropped.index("</table>")]
    assert "Objective terms" in body


def test_a_what_if_is_compared_with_the_current_programme(signed_in, plan, planner):
    services.accept(planner, plan)
    week = timezone.localdate() + dt.timedelta(days=70)
    response = signed_in.post(reverse("programme:what-if", args=[plan.pk]), {
        "full_per_week": "3", "monitoring_per_week": "1", **_date("blackout_week", week)})
    body = signed_in.get(response["Location"]).content.decode()
    assert "Compared with the current programme" in body
    assert "full inspections per week 2 to 3" in body


def test_bad_what_ifs_show_clear_messages(signed_in, plan):
    url = reverse("programme:what-if", args=[plan.pk])
    form = signed_in.get(url).content.decode()
    assert 'value="2"' in form and "Barking and Dagenham" in form
    past = timezone.localdate() - dt.timedelta(days=14)
    cases = [
        ({"exclude_area": "E99999999"}, "Choose an area from the list"),
        ({**_date("blackout_week", past)}, "The week with no inspections must be this week or later"),
        ({"full_per_week": "-1"}, "Full inspections per week must be 1 or more"),
        ({}, "Change at least one thing"),
    ]
    for data, message in cases:
        response = signed_in.post(url, {"full_per_week": "2", "monitoring_per_week": "1", **data})
        body = response.content.decode()
        assert response.status_code == 200, data
        assert "There is a problem" in body and message in body, data
    assert PlanRun.objects.count() == 1


def test_accepting_asks_first_without_javascript(signed_in, plan):
    run_page = signed_in.get(reverse("programme:run", args=[plan.pk])).content.decode()
    confirm_url = reverse("programme:run", args=[plan.pk]) + "?accept=confirm"
    assert f'href="{confirm_url}"' in run_page, "the plan page links to a confirmation, it does not post"
    asked = signed_in.get(confirm_url).content.decode()
    assert "Are you sure you want to make this plan the national programme?" in asked
    assert 'name="confirm" value="yes"' in asked and "Cancel" in asked
    unconfirmed = signed_in.post(reverse("programme:accept", args=[plan.pk]))
    assert unconfirmed["Location"] == confirm_url
    plan.refresh_from_db()
    assert not plan.is_current


def test_accepting_makes_the_programme_with_start_links(signed_in, plan, planner):
    response = signed_in.post(reverse("programme:accept", args=[plan.pk]), {"confirm": "yes"})
    assert response["Location"] == reverse("programme:index")
    plan.refresh_from_db()
    assert plan.is_current
    assert AuditEvent.objects.filter(object_id=str(plan.pk), verb=Verb.PLAN_ACCEPTED, actor=planner).exists()
    body = signed_in.get(reverse("programme:index")).content.decode()
    assert "The current programme" in body and "is now the national programme" in body
    assert f'<a class="govuk-link" href="{reverse("programme:run", args=[plan.pk])}">Plan to ' in body
    from areasend.areas.models import LocalAreaPartnership

    pk = LocalAreaPartnership.objects.get(ons_code="E10000024").pk
    start = f'{reverse("inspections:create")}?area={pk}"'  # the area only: the rest comes from the accepted plan
    assert start in body
    form = signed_in.get(reverse("inspections:create") + f"?area={pk}").content.decode()
    assert 'value="monitoring" checked' in form and 'id="from-plan"' in form
    assert signed_in.get(reverse("programme:accept", args=[plan.pk])).status_code == 405


def test_the_start_link_prefills_the_new_inspection(signed_in, register):
    from areasend.areas.models import LocalAreaPartnership

    area = LocalAreaPartnership.objects.get(ons_code="E10000024")
    body = signed_in.get(reverse("inspections:create") + f"?area={area.pk}&kind=monitoring").content.decode()
    assert f'<option value="{area.pk}" selected>' in body
    assert 'value="monitoring" checked' in body


def test_accepting_an_unfinished_plan_is_refused(signed_in, register):
    run = PlanRun.objects.create(title="waiting", parameters={"time_limit": 1})
    response = signed_in.post(reverse("programme:accept", args=[run.pk]), {"confirm": "yes"}, follow=True)
    assert "Only a finished plan can be accepted" in response.content.decode()
    assert not PlanRun.objects.filter(is_current=True).exists()


def test_csv_export(signed_in, plan):
    response = signed_in.get(reverse("programme:export-csv", args=[plan.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert f"programme-plan-{plan.pk}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Area code", "Area", "Region", "Kind", "On-site week"]
    assert len(rows) == 1 + len(plan.result["items"]) + len(plan.result["unscheduled"])
    first = plan.result["items"][0]
    assert rows[1][0] == first["area_code"] and rows[1][4] == first["onsite_start"]


def test_xlsx_export(signed_in, plan):
    from openpyxl import load_workbook

    response = signed_in.get(reverse("programme:export-xlsx", args=[plan.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Plan", "Weeks", "Summary"]
    rows = list(book["Plan"].iter_rows(values_only=True))
    assert rows[0][0] == "Area code"
    assert {r[0] for r in rows[1:]} == {i["area_code"] for i in plan.result["items"]}
    assert len(list(book["Weeks"].iter_rows())) == 1 + len(plan.result["weeks"])


def test_exports_of_an_unfinished_plan_are_not_found(signed_in, register):
    run = PlanRun.objects.create(title="waiting", parameters={"time_limit": 1})
    assert signed_in.get(reverse("programme:export-csv", args=[run.pk])).status_code == 404
    assert signed_in.get(reverse("programme:what-if", args=[run.pk])).status_code == 404


def test_others_cannot_see_plans(client, inspector, plan):
    client.force_login(inspector)
    assert client.get(reverse("programme:index")).status_code == 403
    assert client.get(reverse("programme:run", args=[plan.pk])).status_code == 404
    assert client.get(reverse("programme:export-xlsx", args=[plan.pk])).status_code == 404
    assert client.post(reverse("programme:accept", args=[plan.pk])).status_code == 404
    plan.refresh_from_db()
    assert not plan.is_current


def test_an_unknown_plan_is_not_found(signed_in, register):
    assert signed_in.get(reverse("programme:run", args=[9999])).status_code == 404


def test_the_chart_labels_months_without_crowding():
    from areasend.programme.queries import chart

    weeks = [{"monday": (dt.date(2026, 11, 23) + dt.timedelta(days=7 * i)).isoformat(), "full_used": i % 3,
              "full_capacity": 2, "monitoring_used": 0, "monitoring_capacity": 1, "closed": ""} for i in range(10)]
    bars = chart({"weeks": weeks})["bars"]
    labels = [(i, bar["month_label"]) for i, bar in enumerate(bars) if bar["month_label"]]
    assert labels == [(0, "Nov"), (6, "Jan")]  # December's first Monday is too close to November's label
    assert bars[2]["full_h"] == 2 * bars[1]["full_h"] > 0


def test_a_plan_can_start_from_the_last_day_of_the_history_and_the_form_says_so(signed_in, register):
    from areasend.programme import queries

    data_ends = queries.latest_data_date()
    assert data_ends is not None and data_ends < timezone.localdate()
    from html import unescape

    body = unescape(signed_in.get(reverse("programme:new")).content.decode())
    written = f"{data_ends.day} {data_ends:%B %Y}"
    assert f"The register's inspection history ends on {written}" in body
    assert f'value="{data_ends.year}"' in body  # the form starts from that day
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    refused = signed_in.post(reverse("programme:new"), {
        **_date("as_of", tomorrow), **_date("until", tomorrow + dt.timedelta(days=200)),
        "full_per_week": "2", "monitoring_per_week": "1", "region_cap": "2"})
    assert "The day to plan from must be today or earlier" in refused.content.decode()
    assert not PlanRun.objects.exists()
    response = signed_in.post(reverse("programme:new"), {
        **_date("as_of", data_ends), **_date("until", data_ends + dt.timedelta(days=300)),
        "full_per_week": "2", "monitoring_per_week": "1", "region_cap": "2"})
    run = PlanRun.objects.get()
    assert response.status_code == 302 and run.parameters["as_of"] == data_ends.isoformat()
