"""Fixtures for the areas tests: the shipped register, a small register, and copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from areasend.areas.importer import import_register

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small"
MALFORMED = FIXTURES / "malformed"
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "register"


@pytest.fixture
def small_dir(tmp_path) -> Path:
    """A writable copy of the small register."""
    target = tmp_path / "register"
    shutil.copytree(SMALL, target)
    return target


@pytest.fixture
def small_register(db, small_dir):
    import_register(small_dir)
    return small_dir


@pytest.fixture
def shipped_register(db):
    return import_register(SHIPPED)
