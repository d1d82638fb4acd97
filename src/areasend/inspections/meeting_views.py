"""Pages for the inspection's meetings, the agreed on-site timetable and each person's calendar file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from areasend.access.capabilities import Capability as C
from areasend.inspections import access, bookings, queries, services
from areasend.inspections.forms import LocalAttendeeForm, MeetingForm, TeamAttendeeForm, VisitForm
from areasend.inspections.meetings import KINDS_BY_KEY
from areasend.inspections.models import Meeting, Visit
from areasend.ui.jinja import long_date


def _apply_errors(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _common(request, inspection):
    flags = access.flags(request.user, inspection, C.SCHEDULE_MEETINGS, C.EDIT_TIMETABLE, C.SEE_INTERNAL_NOTES, C.SEE_TEAM_VIEW)
    return {
        "inspection": inspection,
        "is_lead": flags["can_schedule_meetings"],
        "can_edit_timetable": flags["can_edit_timetable"],
        "show_notes": flags["can_see_internal_notes"],
        "is_team_view": flags["can_see_team_view"],
        "nav_section": "inspections",
    }


@access.inspection_page(GET=C.SEE_MEETINGS)
def meetings(request, inspection):
    """Every meeting of the inspection against the timeline, with who must attend and who is missing."""
    timeline = queries.timeline_for(inspection)
    services.record_view(request.user, inspection, "the meetings")
    return render(
        request,
        "inspections/meetings.html",
        {**_common(request, inspection), "timeline": timeline,
         "rows": queries.meeting_rows(inspection, timeline) if timeline else [],
         "window": queries.inspection_window(timeline) if timeline else None},
    )


@access.inspection_page(GET=C.SCHEDULE_MEETINGS, POST=C.SCHEDULE_MEETINGS)
def meeting_schedule(request, inspection, kind: str):
    """The lead inspector schedules a meeting: the date starts as the timeline's."""
    spec = KINDS_BY_KEY.get(kind)
    if spec is None:
        raise Http404("No such meeting")
    timeline = queries.timeline_for(inspection)
    if timeline is None:
        messages.info(request, "Set the notification date first: meeting dates come from the inspection's timeline.")
        return redirect("inspections:meetings", pk=inspection.pk)
    if spec.milestone is not None:
        if not queries.timeline_has(timeline, spec.milestone):
            raise Http404("No such meeting for this kind of inspection")
        existing = Meeting.objects.filter(inspection=inspection, kind=kind).first()
        if existing is not None:
            return redirect("inspections:meeting", pk=inspection.pk, meeting_id=existing.pk)
    initial = {"date": timeline.date(spec.milestone)} if spec.milestone else None
    form = MeetingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(request.user, inspection, kind=kind, details=form.details())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{spec.label} scheduled. Next, add who attends.")
            return redirect("inspections:meeting", pk=inspection.pk, meeting_id=meeting.pk)
    return render(
        request,
        "inspections/meeting_schedule.html",
        {**_common(request, inspection), "form": form, "spec": spec,
         "default_date": timeline.date(spec.milestone) if spec.milestone else None,
         "window": queries.inspection_window(timeline)},
    )


@access.inspection_page(GET=C.SEE_MEETINGS, POST=C.SCHEDULE_MEETINGS)
def meeting(request, inspection, meeting_id: int):
    """One meeting: when and where, who attends, and which required attendees are missing."""
    meeting = Meeting.objects.filter(inspection=inspection, pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting")
    timeline = queries.timeline_for(inspection)
    members = list(inspection.team.select_related("user"))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    bound = request.POST if request.method == "POST" else None
    details_form = MeetingForm(bound if action == "details" else None, prefix="details", initial={
        "date": queries.meeting_date(meeting, timeline), "start_time": f"{meeting.start_time:%H:%M}" if meeting.start_time else "",
        "end_time": f"{meeting.end_time:%H:%M}" if meeting.end_time else "", "place": meeting.place,
        "video_link": meeting.video_link, "notes": meeting.notes,
    })
    team_form = TeamAttendeeForm(bound if action == "team" else None, prefix="team", members=members)
    local_form = LocalAttendeeForm(bound if action == "local" else None, prefix="local")
    failed = None
    if request.method == "POST":
        try:
            if action == "details":
                failed = details_form
                if details_form.is_valid():
                    services.update_meeting(request.user, inspection, meeting.pk, details=details_form.details())
                    messages.success(request, f"{meeting.get_kind_display()} saved.")
                    return redirect("inspections:meeting", pk=inspection.pk, meeting_id=meeting.pk)
            elif action == "team":
                failed = team_form
                if team_form.is_valid():
                    attendee = services.add_team_attendee(request.user, inspection, meeting.pk, member_id=team_form.cleaned_data["member"])
                    messages.success(request, f"{attendee.name} added." + bookings.warning(attendee.name, bookings.for_attendee(attendee, timeline)))
                    return redirect("inspections:meeting", pk=inspection.pk, meeting_id=meeting.pk)
            elif action == "local":
                failed = local_form
                if local_form.is_valid():
                    attendee = services.add_local_attendee(request.user, inspection, meeting.pk, **local_form.cleaned_data)
                    messages.success(request, f"{attendee.name} added." + bookings.warning(attendee.name, bookings.for_attendee(attendee, timeline)))
                    return redirect("inspections:meeting", pk=inspection.pk, meeting_id=meeting.pk)
            elif action in ("remove", "cancel") and request.POST.get("confirm") != "yes":
                return _confirm_meeting_change(request, inspection, meeting, action)
            elif action == "remove":
                try:
                    services.remove_attendee(request.user, inspection, meeting.pk, int(request.POST.get("attendee", "")))
                except (ValueError, ValidationError):
                    messages.info(request, "That person is not at this meeting any more.")
                else:
                    messages.success(request, "Removed from the meeting.")
                return redirect("inspections:meeting", pk=inspection.pk, meeting_id=meeting.pk)
            elif action == "cancel":
                services.cancel_meeting(request.user, inspection, meeting.pk)
                messages.success(request, f"{meeting.get_kind_display()} cancelled.")
                return redirect("inspections:meetings", pk=inspection.pk)
            else:
                raise Http404("No such action")
        except ValidationError as exc:
            if failed is None:
                messages.info(request, " ".join(exc.messages))
                return redirect("inspections:meetings", pk=inspection.pk)
            _apply_errors(failed, exc)
    attendees = list(meeting.attendees.all())
    from areasend.inspections.meetings import missing_roles

    services.record_view(request.user, inspection, f"the {meeting.get_kind_display().lower()}", meeting=meeting.pk)
    return render(
        request,
        "inspections/meeting.html",
        {**_common(request, inspection), "meeting": meeting, "spec": KINDS_BY_KEY[meeting.kind],
         "date": queries.meeting_date(meeting, timeline), "follows_timeline": meeting.date is None,
         "attendees": attendees, "missing": missing_roles(meeting.kind, [a.role for a in attendees]),
         "details_form": details_form, "team_form": team_form, "local_form": local_form, "form": failed,
         "window": queries.inspection_window(timeline) if timeline else None},
    )


def _posted_id(request, name: str) -> int:
    """The record id a form posted under ``name``; 0, which matches nothing, when it is missing or not a number."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _confirm_meeting_change(request, inspection, meeting, action):
    """Taking someone off a meeting, or cancelling it, is confirmed first."""
    back = reverse("inspections:meeting", args=[inspection.pk, meeting.pk])
    label = meeting.get_kind_display()
    if action == "cancel":
        return render(request, "inspections/confirm.html", {
            **_common(request, inspection), "heading": f"Are you sure you want to cancel the {label.lower()}?",
            "body": ["Its date, place, notes and the people invited are removed. The meeting goes back on the "
                     "timeline to be scheduled again."],
            "fields": {"action": "cancel"}, "button": f"Cancel the {label.lower()}",
            "back_url": back, "back_text": f"Back to the {label.lower()}"})
    attendee = meeting.attendees.filter(pk=_posted_id(request, "attendee")).first()
    if attendee is None:
        messages.info(request, "That person is not at this meeting any more.")
        return redirect("inspections:meeting", pk=inspection.pk, meeting_id=meeting.pk)
    return render(request, "inspections/confirm.html", {
        **_common(request, inspection), "heading": f"Are you sure you want to remove {attendee.name} from the {label.lower()}?",
        "body": ["You can add them again later."],
        "fields": {"action": "remove", "attendee": attendee.pk}, "button": "Remove from the meeting",
        "back_url": back, "back_text": f"Back to the {label.lower()}"})


@access.inspection_page(GET=C.SEE_MEETINGS, POST=C.EDIT_TIMETABLE)
def timetable(request, inspection):
    """The agreed on-site timetable, day by day: meetings and visits."""
    timeline = queries.timeline_for(inspection)
    if request.method == "POST" and request.POST.get("confirm") != "yes":
        visit = inspection.visits.filter(pk=_posted_id(request, "remove")).first()
        if visit is None:
            messages.info(request, "That visit is not on the timetable any more.")
            return redirect("inspections:timetable", pk=inspection.pk)
        return render(request, "inspections/confirm.html", {
            **_common(request, inspection),
            "heading": f"Are you sure you want to remove the visit to {visit.place or 'a place to be agreed'}?",
            "body": [f"It is on {long_date(visit.day)}. You can add it again later."],
            "fields": {"remove": visit.pk}, "button": "Remove the visit",
            "back_url": reverse("inspections:timetable", args=[inspection.pk]), "back_text": "Back to the timetable"})
    if request.method == "POST":
        try:
            services.remove_visit(request.user, inspection, int(request.POST.get("remove", "")))
        except (ValueError, ValidationError):
            messages.info(request, "That visit is not on the timetable any more.")
        else:
            messages.success(request, "Visit removed from the timetable.")
        return redirect("inspections:timetable", pk=inspection.pk)
    services.record_view(request.user, inspection, "the on-site timetable")
    return render(
        request,
        "inspections/timetable.html",
        {**_common(request, inspection), "days": queries.timetable(inspection, timeline) if timeline else None},
    )


def _visit_page(request, inspection, visit=None):
    timeline = queries.timeline_for(inspection)
    if timeline is None:
        messages.info(request, "Set the notification date first: the on-site days come from the inspection's timeline.")
        return redirect("inspections:timetable", pk=inspection.pk)
    days = queries.onsite_day_list(timeline)
    members = list(inspection.team.select_related("user"))
    initial = None
    if visit is not None:
        initial = {
            "day": visit.day.isoformat(), "start_time": f"{visit.start_time:%H:%M}" if visit.start_time else "",
            "end_time": f"{visit.end_time:%H:%M}" if visit.end_time else "", "place": visit.place, "kind": visit.kind,
            "members": [m.pk for m in visit.members.all()], "notes": visit.notes,
        }
    form = VisitForm(request.POST if request.method == "POST" else None, initial=initial, days=days, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            if visit is None:
                saved = services.add_visit(request.user, inspection, details=form.details())
            else:
                saved = services.update_visit(request.user, inspection, visit.pk, details=form.details())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            warnings = "".join(bookings.warning(str(user), found) for user, found in bookings.for_visit(saved))
            messages.success(request, f"{saved.place} on {saved.day:%A} {saved.day.day} {saved.day:%B} saved on the timetable." + warnings)
            return redirect("inspections:timetable", pk=inspection.pk)
    return render(request, "inspections/visit.html", {**_common(request, inspection), "form": form, "visit": visit})


@access.inspection_page(GET=C.EDIT_TIMETABLE, POST=C.EDIT_TIMETABLE)
def visit_add(request, inspection):
    return _visit_page(request, inspection)


@access.inspection_page(GET=C.EDIT_TIMETABLE, POST=C.EDIT_TIMETABLE)
def visit(request, inspection, visit_id: int):
    # The local area sees visits on the timetable; the page to change one is the team's.
    found = Visit.objects.filter(inspection=inspection, pk=visit_id).first()
    if found is None:
        raise Http404("No such visit")
    return _visit_page(request, inspection, found)


@access.inspection_page(GET=C.SEE_MEETINGS)
def calendar(request, inspection):
    """The signed-in person's meetings and visits on this inspection, as an .ics file."""
    text = services.calendar_file(request.user, inspection, now=timezone.now())
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inspection-{inspection.pk}-my-meetings-and-visits.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
