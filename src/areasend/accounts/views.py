"""Signing in and out, invitations, and the data-protection officer's audit trail."""

import base64
import csv
import itertools
import json

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from markupsafe import Markup

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from areasend.access import gate
from areasend.accounts import queries, services
from areasend.access.capabilities import Capability as C
from areasend.accounts.forms import AuditFilterForm, CodeForm, SignInForm
from areasend.ui.spreadsheets import safe_row


class SignInView(auth_views.LoginView):
    """Django's sign-in; the sign-in, refusals and sign-out are recorded through auth signals."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.AREASEND_OIDC_ENABLED
        context["oidc_provider_name"] = settings.OIDC_PROVIDER_NAME
        context["provider_refused"] = self.request.GET.get("provider") == "refused"
        return context


sign_in = gate.page(GET=C.PUBLIC, POST=C.PUBLIC)(SignInView.as_view())
sign_out = gate.page(POST=C.PUBLIC)(auth_views.LogoutView.as_view())


def locked_out(request, response=None, credentials=None, *args, **kwargs):
    """django-axes' answer to a sign-in for a name locked after repeated failures (status 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _next_or_home(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(settings.LOGIN_REDIRECT_URL)


@gate.page(GET=C.SECOND_SIGN_IN_STEP, POST=C.SECOND_SIGN_IN_STEP)
def two_factor(request):
    """The second step of signing in with a password: a code from the person's authenticator app."""
    if not services.has_authenticator(request.user):
        return redirect("accounts:two-factor-setup")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.check_code(request, request.user, form.cleaned_data["code"]):
            return _next_or_home(request)
        form.add_error("code", "The code is not right. Enter the 6-digit code your authenticator app shows now")
    return render(request, "accounts/two_factor.html", {"form": form, "next": request.GET.get("next", "")})


@gate.page(GET=C.SECOND_SIGN_IN_STEP, POST=C.SECOND_SIGN_IN_STEP)
def two_factor_setup(request):
    """Set up an authenticator app: scan the code or type the key, then give one code to confirm it."""
    if services.has_authenticator(request.user):
        return redirect("accounts:two-factor")
    device = services.authenticator_to_set_up(request.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.check_code(request, request.user, form.cleaned_data["code"], setting_up=True):
            messages.success(request, "Your authenticator app is set up.")
            return _next_or_home(request)
        form.add_error("code", "The code is not right. Enter the 6-digit code your authenticator app shows now")
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "key": " ".join(key[i:i + 4] for i in range(0, len(key), 4)),
        "qr_svg": _qr_svg(device.config_url), "next": request.GET.get("next", ""),
    })


def _qr_svg(text: str) -> Markup:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return Markup(image.to_string(encoding="unicode"))


if settings.AREASEND_OIDC_ENABLED:
    from mozilla_django_oidc import views as oidc_views

    oidc_start = gate.page(GET=C.PUBLIC)(oidc_views.OIDCAuthenticationRequestView.as_view())
    oidc_callback = gate.page(GET=C.PUBLIC)(oidc_views.OIDCAuthenticationCallbackView.as_view())


@gate.page(GET=C.PUBLIC, POST=C.PUBLIC)
def invitation(request, uidb64: str, token: str):
    """An invitation link: the invited person sets a password and is signed in. The link works once."""
    user = services.invited_user(uidb64, token)
    if user is None:
        return render(request, "accounts/invitation.html", {"form": None, "valid": False})
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    form.fields["new_password1"].label = "Password"
    form.fields["new_password1"].help_text = "At least 8 characters. Avoid common passwords and your name."
    form.fields["new_password1"].error_messages["required"] = "Enter a password"
    form.fields["new_password2"].label = "Confirm password"
    form.fields["new_password2"].help_text = ""
    form.fields["new_password2"].error_messages["required"] = "Enter the password again"
    form.error_messages["password_mismatch"] = "The passwords do not match"
    if request.method == "POST" and form.is_valid():
        user = services.set_password_from_invitation(form)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set and you are signed in.")
        return redirect("work:home")
    return render(request, "accounts/invitation.html", {"form": form, "valid": True, "invited": user})


AUDIT_PAGE_SIZE = 100


class _Line:
    """A file-like object that hands back what the CSV writer writes, one row at a time."""

    def write(self, value: str) -> str:
        return value
CSV_COLUMNS = ["when", "who", "what happened", "inspection", "local area", "event", "object", "object id", "changes and details",
               "as recorded"]


def _audit_rows(events):
    for event in events:
        inspection = event.inspection
        yield safe_row([
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            event.actor_label,
            event.get_verb_display(),
            str(inspection.pk) if inspection else "",
            inspection.area.name if inspection else "",
            event.summary,
            event.object_type,
            event.object_id,
            services.payload_text(event.payload),
            json.dumps(event.payload, sort_keys=True),
        ])


@gate.page(GET=C.READ_AUDIT_TRAIL)
def audit_trail(request):
    """Every event across every inspection, read-only, with filters and a CSV download."""
    form = AuditFilterForm(request.GET if request.GET else None)
    chosen = form.chosen()
    events = queries.audit_events(chosen)
    if request.GET.get("format") == "csv" and (not form.is_bound or form.is_valid()):
        # Streamed a row at a time, so a trail of any length is never held in memory whole.
        services.record_export(request.user, "the audit trail", file_format="csv", rows=events.count(),
                               filters=chosen.__dict__)
        writer = csv.writer(_Line())
        lines = itertools.chain([writer.writerow(CSV_COLUMNS)], (writer.writerow(row) for row in _audit_rows(events.iterator())))
        response = StreamingHttpResponse((line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="audit-trail-{timezone.localdate().isoformat()}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    services.record_view(request.user, "the audit trail", filters=chosen.__dict__, page_number=page.number)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(request, "accounts/audit.html", {
        "form": form, "page": page, "rows": [(timezone.localtime(e.at), e, services.payload_text(e.payload)) for e in page.object_list],
        "query": query.urlencode(), "filtered": chosen.active, "nav_section": "audit",
    })
