"""Moving the uploads to the intake app keeps the table and every row in it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("inspections", "0004_meetings_and_timetable"), ("intake", None)]
AFTER = [("inspections", "0006_information_upload_moves_to_intake"), ("intake", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.fixture
def latest_schema_afterwards():
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_an_upload_saved_before_the_move_is_there_after_it(latest_schema_afterwards):
    old = _migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Area = old.get_model("areas", "LocalAreaPartnership")
    Inspection = old.get_model("inspections", "Inspection")
    OldUpload = old.get_model("inspections", "InformationUpload")
    user = User.objects.create(username="lead")
    area = Area.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West")
    inspection = Inspection.objects.create(area=area, kind="full", lead_inspector=user, created_by=user)
    OldUpload.objects.create(inspection=inspection, item_key="self_evaluation", version=1, stored_name="inspection-1/a.pdf",
                             original_name="a.pdf", kind="pdf", size=9, sha256="0" * 64, uploaded_by=user)
    ContentType = old.get_model("contenttypes", "ContentType")
    # As on a database made before the move: the model's content type is the inspections app's.
    ContentType.objects.filter(app_label="intake").delete()
    moved_type = ContentType.objects.get_or_create(app_label="inspections", model="informationupload")[0]

    new = _migrate(AFTER)
    Upload = new.get_model("intake", "InformationUpload")
    upload = Upload.objects.get()
    assert (upload.inspection_id, upload.item_key, upload.original_name, upload.uploaded_by_id) == (inspection.pk, "self_evaluation", "a.pdf", user.pk)
    assert Upload._meta.db_table == "inspections_informationupload"
    with pytest.raises(LookupError):
        new.get_model("inspections", "InformationUpload")
    moved_type.refresh_from_db()
    assert moved_type.app_label == "intake"

    back = _migrate(BEFORE)  # and back: nothing is lost either way
    assert back.get_model("inspections", "InformationUpload").objects.count() == 1
    moved_type.refresh_from_db()
    assert moved_type.app_label == "inspections"
