"""The database gone part way through a request: the person is told to try again (503), not shown an
error, on every page; the page scripts that send in the background get JSON they can act on."""

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable(monkeypatch):
    from areasend.areas import views

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views.queries, "data_currency", fail)


def test_a_page_says_the_service_is_briefly_unavailable_and_what_to_do(client, unreachable):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Sorry, the service is not available right now" in page
    assert "Wait a minute, then reload the page." in page
    assert "server closed the connection" not in page  # nothing of the fault is shown


def test_a_script_sending_in_the_background_gets_json_saying_nothing_was_stored(client, unreachable):
    response = client.get("/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    body = response.json()
    assert body["stored"] is False and "could not reach its database" in body["errors"]["__all__"][0]


def test_other_faults_are_not_taken_for_an_unreachable_database(client, monkeypatch):
    from areasend.areas import views

    def fail(*args, **kwargs):
        raise ValueError("a fault in the code")

    monkeypatch.setattr(views.queries, "data_currency", fail)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500


def test_the_database_gone_while_a_middleware_reads_the_signed_in_person_is_a_503_not_an_error(client, monkeypatch):
    """Middlewares run outside the view (reading the session's person, say): the failure reaches the error
    view, which tells the person to try again just the same."""
    from django.contrib.auth import middleware

    from tests.factories import make_user

    client.force_login(make_user())

    def fail(request):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(middleware, "get_user", fail)
    client.raise_request_exception = False
    page = client.get("/your-work/")
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert "Sorry, the service is not available right now" in page.content.decode()
    script = client.post("/your-work/", HTTP_ACCEPT="application/json")
    assert script.status_code == 503 and script.json()["stored"] is False
