"""Fixtures for the programme tests: the small register, plans solved in the request, short time limits."""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL = Path(__file__).resolve().parents[1] / "areas" / "fixtures" / "small"


@pytest.fixture(autouse=True)
def _inline_plans(settings):
    settings.AREASEND_RUN_PLANS_INLINE = True
    settings.AREASEND_PLAN_TIME_LIMIT = 1.0


@pytest.fixture
def register(db):
    from areasend.areas.importer import import_register

    return import_register(SMALL)
