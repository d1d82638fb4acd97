"""Where uploaded files are kept: the ``uploads`` entry of Django's ``STORAGES``.

By default a directory outside the web root (``AREASEND_UPLOAD_DIR``), readable by the service's
own user only. Setting ``AREASEND_UPLOAD_STORAGE`` to another storage class (an object store's,
for example) moves new uploads there; files are only ever served through the service's checks.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages

UPLOADS = "uploads"


class UploadStorage(FileSystemStorage):
    """A directory storage whose place is ``AREASEND_UPLOAD_DIR`` unless ``location`` is given.

    The directory is read from the setting each time, so changing the setting (as tests do)
    moves the storage with it.
    """

    def __init__(self, location=None, file_permissions_mode=0o600, directory_permissions_mode=0o700, **kwargs):
        super().__init__(location=location, file_permissions_mode=file_permissions_mode,
                         directory_permissions_mode=directory_permissions_mode, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.AREASEND_UPLOAD_DIR)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)


def upload_storage() -> Storage:
    return storages[UPLOADS]


def delete_with_files(records) -> int:
    """Delete each record of ``records`` (anything with a ``stored_name``) after its file, one at a time,
    so a failure part-way leaves the records whose files remain, for the next run to try again."""
    storage = upload_storage()
    deleted = 0
    for record in records:
        if record.stored_name and storage.exists(record.stored_name):
            storage.delete(record.stored_name)
        record.delete()
        deleted += 1
    return deleted
