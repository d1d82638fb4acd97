"""Tasks from the core timeline, marking them done, overdue tags, and idempotent reminders."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from html import unescape

from areasend import framework
from areasend.inspections import queries, services
from areasend.inspections.models import Task
from areasend.notifications.models import SentMessage
from tests.inspections.conftest import BEFORE, NOTIFIED


@pytest.fixture
def lano(notified_inspection, lead):
    user, _ = services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    notified_inspection.refresh_from_db()
    mail.outbox.clear()
    return user


def test_every_milestone_becomes_a_task_for_its_owner_on_the_core_date(notified_inspection):
    timeline = framework.inspection_timeline("full", notified=NOTIFIED)
    tasks = {t.milestone_key: t for t in notified_inspection.tasks.all()}
    assert set(tasks) == set(timeline.keys())
    for milestone in timeline.milestones:
        assert tasks[milestone.key].due == milestone.date
        assert tasks[milestone.key].owner == milestone.owner.name
    assert tasks["lano_nominated"].owner == Task.Party.PARTNERSHIP


def test_changing_the_notification_date_moves_tasks_and_keeps_done_ones(notified_inspection, lead):
    task = notified_inspection.tasks.get(milestone_key="set_up_discussion")
    services.mark_task_done(lead, task.pk, notified_inspection)
    later = dt.date(2026, 1, 19)
    services.set_notification_date(lead, notified_inspection, later, today=BEFORE)
    timeline = framework.inspection_timeline("full", notified=later)
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.done_by == lead
    assert task.due == timeline.date("set_up_discussion")
    assert notified_inspection.tasks.count() == len(timeline.milestones)


def test_lano_marks_only_the_partnership_steps(notified_inspection, lano):
    partnership = notified_inspection.tasks.get(milestone_key="surveys_close")
    team = notified_inspection.tasks.get(milestone_key="onsite_start")
    services.mark_task_done(lano, partnership.pk, notified_inspection)
    partnership.refresh_from_db()
    assert partnership.status == Task.Status.DONE and partnership.done_by == lano and partnership.done_at
    with pytest.raises(PermissionDenied):
        services.mark_task_done(lano, team.pk, notified_inspection)
    team.refresh_from_db()
    assert team.status == Task.Status.TO_DO


def test_states_are_overdue_due_soon_to_do_and_done(notified_inspection):
    task = notified_inspection.tasks.get(milestone_key="surveys_close")  # due 19 January 2026, a Monday
    assert queries.task_state(task, dt.date(2026, 1, 20)) == "overdue"
    assert queries.task_state(task, dt.date(2026, 1, 15)) == "due soon"  # 2 working days before
    assert queries.task_state(task, dt.date(2026, 1, 14)) == "to do"  # 3 working days before
    task.status, task.done_at = Task.Status.DONE, task.done_at or dt.datetime(2026, 1, 20, tzinfo=dt.timezone.utc)
    assert queries.task_state(task, dt.date(2026, 1, 20)) == "done"


def test_stands_page_shows_both_sides_with_text_tags_and_lano_marks_done(client, notified_inspection, lano):
    client.force_login(lano)
    url = reverse("inspections:stands", args=[notified_inspection.pk])
    html = unescape(client.get(url).content.decode())
    assert "The local area's steps" in html and "The inspection team's steps" in html
    assert "Overdue" in html  # the January 2026 steps are past today
    task = notified_inspection.tasks.get(milestone_key="surveys_close")
    response = client.post(url, {"task": task.pk})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.DONE
    team_task = notified_inspection.tasks.get(milestone_key="onsite_start")
    assert client.post(url, {"task": team_task.pk}).status_code == 403
    refused = client.post(url, {"task": "not a number"}, follow=True)
    assert "That step is not part of this inspection any more." in refused.content.decode()


def test_reminders_go_to_the_owner_and_a_second_run_sends_nothing(notified_inspection, lano):
    today = dt.date(2026, 1, 15)
    sent = services.send_task_reminders(today)
    outbox = list(mail.outbox)
    assert sent == len(outbox) > 0
    subjects = {m.subject: m.to[0] for m in outbox}
    assert subjects["Due by 19 January 2026: Surveys close (Bath and North East Somerset)"] == "officer@example.gov.uk"
    assert any(s.startswith("Overdue since 14 January 2026: Virtual set-up discussion") and to == "lead@example.gov.uk" for s, to in subjects.items())
    assert services.send_task_reminders(today) == 0
    assert len(mail.outbox) == len(outbox)
    # The next day is a new day: overdue steps are reminded again.
    assert services.send_task_reminders(dt.date(2026, 1, 16)) > 0


def test_done_steps_get_no_reminder(notified_inspection, lano, lead):
    task = notified_inspection.tasks.get(milestone_key="surveys_close")
    services.mark_task_done(lano, task.pk, notified_inspection)
    services.send_task_reminders(dt.date(2026, 1, 15))
    assert not any("Surveys close" in m.subject for m in mail.outbox)


def test_management_command_is_idempotent(notified_inspection, lano):
    out = StringIO()
    call_command("send_task_reminders", "--today", "2026-01-15", stdout=out)
    first = SentMessage.objects.filter(template__startswith="task-").count()
    assert first > 0 and f"{first} reminders sent for 2026-01-15" in out.getvalue()
    out = StringIO()
    call_command("send_task_reminders", "--today", "2026-01-15", stdout=out)
    assert "0 reminders sent" in out.getvalue()
    assert SentMessage.objects.filter(template__startswith="task-").count() == first


def test_management_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_task_reminders", "--today", "15/01/2026")


def test_no_reminders_once_the_report_is_published(notified_inspection, lead, lano):
    from areasend.inspections.queries import timeline_for

    timeline = timeline_for(notified_inspection)
    services.record_outcome(lead, notified_inspection, outcome=1, summary="Positive.", today=timeline.date("onsite_end"))
    services.publish_findings(lead, notified_inspection, today=timeline.date("publication_due"))
    assert services.send_task_reminders(timeline.date("publication_due")) == 0
    assert services.send_task_reminders(timeline.date("onsite_end")) > 0


def test_a_failed_reminder_does_not_stop_the_others_and_is_retried(notified_inspection, lano, monkeypatch):
    from areasend.notifications import services as notifications

    real = notifications.send_mail

    def flaky(subject, body, sender, to):
        if to == ["officer@example.gov.uk"]:
            raise ConnectionError("mailbox unavailable")
        return real(subject, body, sender, to)

    monkeypatch.setattr(notifications, "send_mail", flaky)
    today = dt.date(2026, 1, 15)
    sent = services.send_task_reminders(today)
    assert sent > 0 and all(m.to == ["lead@example.gov.uk"] for m in mail.outbox)
    monkeypatch.setattr(notifications, "send_mail", real)
    assert services.send_task_reminders(today) > 0
    assert any(m.to == ["officer@example.gov.uk"] for m in mail.outbox)
