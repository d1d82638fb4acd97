from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods, require_POST

from areasend.accounts import services
from areasend.accounts.forms import SignInForm
from areasend.accounts.models import AuditEvent, User
from areasend.accounts.roles import roles_of
from areasend.inspections import permissions as inspection_permissions
from areasend.inspections import queries as inspection_queries


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        services.record(form.get_user(), AuditEvent.Action.SIGN_IN, form.get_user(), "Signed in")
        return response


sign_out = require_POST(auth_views.LogoutView.as_view())


@login_required
def home(request):
    return render(
        request,
        "accounts/home.html",
        {
            "roles": roles_of(request.user),
            "inspections": inspection_queries.visible_to(request.user),
            "can_create": inspection_permissions.can_create(request.user),
            "nav_section": "work",
        },
    )


def _invited_user(uidb64: str, token: str):
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@require_http_methods(["GET", "POST"])
def invitation(request, uidb64: str, token: str):
    """An invitation link: the invited person sets a password and is signed in. The link works once."""
    user = _invited_user(uidb64, token)
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
        user = form.save()
        services.record(user, AuditEvent.Action.CHANGE, user, "Set a password from an invitation link")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set and you are signed in.")
        return redirect("accounts:home")
    return render(request, "accounts/invitation.html", {"form": form, "valid": True, "invited": user})
