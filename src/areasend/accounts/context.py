"""Values every page template can use: whether demo data is loaded, and which sections to link."""

from django.conf import settings


def page(request):
    from areasend.access import gate as access
    from areasend.access.capabilities import Capability
    from areasend.accounts.models import User

    demo_mode = getattr(settings, "AREASEND_DEMO_BANNER", None)
    if demo_mode is None:
        demo_mode = User.objects.filter(is_demo=True).exists()
    user = getattr(request, "user", None)
    signed_in = getattr(user, "is_authenticated", False)
    return {
        "demo_mode": demo_mode,
        "is_planner": signed_in and access.can(user, Capability.PLAN_PROGRAMME),
        "can_read_audit_trail": signed_in and access.can(user, Capability.READ_AUDIT_TRAIL),
        "can_see_self_evaluations": signed_in and access.can(user, Capability.SEE_SELF_EVALUATIONS),
    }
