"""Loading a clean person-level return writes every checked value as the model reads it back (issue 13)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from areasend.framework import person_level as pl
from areasend.intake import person_level as checking
from areasend.intake import returns, sample_return
from areasend.intake.models import PersonLevelRecord, PersonLevelReturn

TODAY = dt.date(2026, 1, 12)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _checked_rows(data: bytes) -> dict[int, dict]:
    rows = {}
    report = checking.check_file(io.BytesIO(data), name="return.csv", size=len(data), today=TODAY,
                                 on_row=lambda number, values: rows.__setitem__(number, values))
    assert report.valid
    return rows


def test_every_checked_value_is_loaded_as_it_was_checked(notified_inspection, lano, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    monkeypatch.setattr(returns, "_today", lambda: TODAY)
    data = sample_return.csv_bytes(9000, seed=5, today=TODAY)  # more than one block of the check
    with django_capture_on_commit_callbacks(execute=True):
        upload = returns.upload_return(lano, notified_inspection, SimpleUploadedFile("return.csv", data))
    upload.refresh_from_db()
    assert upload.status == PersonLevelReturn.Status.LOADED and upload.rows == 9000
    key = bytes(notified_inspection.pseudonym_key.key)
    expected = _checked_rows(data)
    records = {record.row: record for record in PersonLevelRecord.objects.filter(person_level_return=upload)}
    assert sorted(records) == sorted(expected) == list(range(2, 9002))
    for number, values in expected.items():
        record = records[number]
        assert record.inspection_id == notified_inspection.pk
        loaded = record.values()
        assert loaded.pop("local_identifier") == returns.pseudonym(key, values["local_identifier"])
        for name, value in loaded.items():
            if value == "" and name in ("setting_name", "ethnic_group"):
                assert values.get(name) in (None, "")
            else:
                assert value == values.get(name), (number, name)
    # the types the model gives back are the schema's, not text the database happened to keep
    some = records[2]
    assert isinstance(some.date_of_birth, dt.date) and isinstance(some.part_time_timetable, bool)
    assert {column.name for column in pl.CURRENT_SCHEMA.columns} - {"local_identifier"} <= set(some.values())


def test_the_checked_rows_waiting_on_disk_are_sealed_and_a_changed_block_is_refused():
    """The spool between the check and the load holds special-category data: on disk it is ciphertext only."""
    import tempfile

    from cryptography.exceptions import InvalidTag

    from areasend.intake import returns

    with tempfile.TemporaryFile() as handle:
        spool = returns._Spool(handle, b"k" * 32)
        spool.add([2, 3], {"local_identifier": ["LA-000001", "LA-000002"], "primary_need": ["Autistic spectrum disorder"] * 2})
        spool.add([4], {"local_identifier": ["LA-000003"], "primary_need": ["Hearing impairment"]})
        handle.seek(0)
        on_disk = handle.read()
        assert b"Autistic" not in on_disk and b"Hearing" not in on_disk and b"primary_need" not in on_disk
        blocks = list(spool.blocks())
        assert [numbers for numbers, _ in blocks] == [[2, 3], [4]]
        assert blocks[1][1]["primary_need"] == ["Hearing impairment"]
        assert blocks[0][1]["local_identifier"] == [returns.pseudonym(b"k" * 32, "LA-000001"), returns.pseudonym(b"k" * 32, "LA-000002")]
        handle.seek(40)
        handle.write(bytes([on_disk[40] ^ 1]))
        with pytest.raises(InvalidTag):
            list(spool.blocks())
