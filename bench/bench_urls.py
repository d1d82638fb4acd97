"""The project's URLs and the bench's bare view, which inserts one row (see bench/surveys.py)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (key) VALUES (%s)", [request.POST.get("key", "")])
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), path("", include("areasend.config.urls"))]

handler404 = "areasend.ui.views.not_found"
handler403 = "areasend.ui.views.forbidden"
handler500 = "areasend.ui.views.server_error"
