"""Values every page template can use."""

from django.conf import settings


def page(request):
    from areasend.accounts.models import User

    demo_mode = getattr(settings, "AREASEND_DEMO_BANNER", None)
    if demo_mode is None:
        demo_mode = User.objects.filter(is_demo=True).exists()
    return {"demo_mode": demo_mode}
