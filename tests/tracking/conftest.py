from tests.inspections.conftest import _uploads_in_a_temporary_directory, lead, notified_inspection  # noqa: F401
from tests.intake.conftest import lano  # noqa: F401

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background work runs in the request here, as AREASEND_TASKS_BACKEND=immediate makes it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
