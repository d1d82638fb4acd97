# The information request belongs to an inspection: the inspections tests' fixtures serve here too.
from tests.inspections.conftest import _uploads_in_a_temporary_directory, lead, notified_inspection  # noqa: F401


import pytest  # noqa: E402


@pytest.fixture
def lano(notified_inspection, lead):
    from areasend.inspections import services as inspection_services

    user, _ = inspection_services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    notified_inspection.refresh_from_db()
    return user
