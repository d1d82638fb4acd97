from tests.inspections.conftest import _uploads_in_a_temporary_directory, lead, notified_inspection  # noqa: F401
