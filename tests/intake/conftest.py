# The information request belongs to an inspection: the inspections tests' fixtures serve here too.
from tests.inspections.conftest import _uploads_in_a_temporary_directory, lead, notified_inspection  # noqa: F401
