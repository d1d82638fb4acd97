from pathlib import Path

import pytest

REGISTER = Path(__file__).resolve().parents[2] / "data" / "register"


@pytest.fixture
def register(db):
    """The shipped register and history, imported the way a user imports it."""
    from areasend.areas.importer import import_register

    return import_register(REGISTER)
