import pytest

from areasend.access.roles import Role
from areasend.selfevaluation import access, services
from tests.factories import make_user


@pytest.fixture
def place(db, area, settings, tmp_path):
    """An inspection of the area with its LANO, the area's self-evaluation, its director and ICB representative."""
    from areasend.inspections import services as inspections

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    settings.AREASEND_RUN_EXPORTS_INLINE = True
    planner = make_user(Role.NATIONAL_PLANNER, username="planner")
    lead = make_user(Role.INSPECTOR, username="lead")
    inspection = inspections.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    lano, _ = inspections.name_lano(lead, inspection, name="Lana Officer", email="lano@example.gov.uk")
    se = access._fetch(area.ons_code)
    director = services.invite_contributor(lano, se, name="Dana Director", email="dcs@example.gov.uk", position="director").user
    se = access._fetch(area.ons_code)
    icb = services.invite_contributor(lano, se, name="Ian Board", email="icb@example.gov.uk", position="icb").user
    return {"area": area, "inspection": inspection, "lead": lead, "lano": lano, "se": se, "director": director,
            "icb": icb, "planner": planner}
