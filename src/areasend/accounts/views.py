from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from areasend.accounts import services
from areasend.accounts.forms import SignInForm
from areasend.accounts.models import AuditEvent
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
