"""The uploaded file, kept between the dry run and the commit.

Each import has a store of its own, a folder under MEDIA_ROOT (a token of one import is never
taken for the other's), and a record of its own options (`KeptUpload` with more fields). The
dry run stores the bytes as <uuid>.xlsx (mode 0600) beside a small JSON record: who uploaded
it, for which unit and options, its SHA-256 and when; and, if the import keeps one, its reading
of the file as <uuid>.parse. The commit takes only the token, checks the user and the hash, and
deletes all three. Files older than an hour are deleted on the next upload and by the daily
`manage.py purge_exports` (every store registers itself in STORES): personal data is not left
lying about when nobody uploads again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

MAX_AGE_SECONDS = 3600


@dataclass(frozen=True)
class KeptUpload:
    token: str
    user_id: int
    unit_id: int
    filename: str
    sha256: str
    stored_at: float


class UploadStore[K: KeptUpload]:
    def __init__(self, folder: str, record: type[K]) -> None:
        STORES.append(self)
        self.folder, self.record = folder, record

    def _folder(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.folder

    def _paths(self, token: str) -> tuple[Path, Path, Path]:
        folder = self._folder()
        return folder / f"{token}.xlsx", folder / f"{token}.json", folder / f"{token}.parse"

    def keep(
        self, data: bytes, *, user_id: int, unit_id: int, filename: str, parsed: bytes | None = None, **options: Any
    ) -> K:
        """Store the upload with the import's `options`; `parsed` is the dry run's reading of it."""
        self.purge_expired()
        self._folder().mkdir(parents=True, exist_ok=True)
        upload = self.record(
            token=uuid.uuid4().hex,
            user_id=user_id,
            unit_id=unit_id,
            filename=filename[:200],
            sha256=hashlib.sha256(data).hexdigest(),
            stored_at=time.time(),
            **options,
        )
        data_path, record_path, parsed_path = self._paths(upload.token)
        contents = [(data_path, data), (record_path, json.dumps(asdict(upload)).encode())]
        if parsed is not None:
            contents.append((parsed_path, parsed))
        for path, content in contents:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content)
        return upload

    def load(self, token: str, *, user_id: int) -> tuple[K, bytes] | None:
        """The kept upload and its bytes, if `token` is this user's, unexpired and intact."""
        try:
            token = uuid.UUID(hex=token).hex
        except (ValueError, TypeError, AttributeError):
            return None
        data_path, record_path, _parsed_path = self._paths(token)
        try:
            upload = self.record(**json.loads(record_path.read_text()))
            data = data_path.read_bytes()
        except (OSError, ValueError, TypeError):
            return None
        if upload.user_id != user_id:
            return None
        if time.time() - upload.stored_at > MAX_AGE_SECONDS or hashlib.sha256(data).hexdigest() != upload.sha256:
            self.discard(token)
            return None
        return upload, data

    def load_parsed(self, upload: K) -> bytes | None:
        """The dry run's reading of a kept upload (see `load`), or None if there is none."""
        try:
            return self._paths(upload.token)[2].read_bytes()
        except OSError:
            return None

    def discard(self, token: str) -> None:
        for path in self._paths(token):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def purge_expired(self, now: float | None = None) -> int:
        """Delete the files older than MAX_AGE_SECONDS; returns how many."""
        folder = self._folder()
        if not folder.is_dir():
            return 0
        limit = (now or time.time()) - MAX_AGE_SECONDS
        deleted = 0
        for path in folder.iterdir():
            with contextlib.suppress(FileNotFoundError):
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    deleted += 1
        return deleted


# Every import's store (each registers itself; the apps load theirs at start-up).
STORES: list[UploadStore] = []


def purge_all_expired(now: float | None = None) -> int:
    """Every store's files past their hour deleted; returns how many files."""
    return sum(store.purge_expired(now) for store in STORES)
