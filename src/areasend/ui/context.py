"""Values every page template can use."""

from django.conf import settings


def page(request):
    from areasend.accounts.models import User

    demo_mode = getattr(settings, "AREASEND_DEMO_BANNER", None)
    if demo_mode is None:
        demo_mode = User.objects.filter(is_demo=True).exists()
    from areasend.accounts.roles import is_national_planner

    return {"demo_mode": demo_mode, "is_planner": is_national_planner(getattr(request, "user", None))}
