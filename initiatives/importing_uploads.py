"""The uploaded Form 01, kept between the dry run and the commit.

As the registry's import keeps its files (`youth.importing_uploads`), with this import's own
options (year, default domain) and in a folder of its own, MEDIA_ROOT/initiative-imports/: a
token of one import is never taken for the other's. The bytes go under <uuid>.xlsx (mode
0600) beside a small JSON record: who uploaded it, for which unit, year and default domain, its
SHA-256 and when. The commit takes only the token, checks the user and the hash, and deletes
the file. Files older than an hour are deleted on the next upload.
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

from django.conf import settings

MAX_AGE_SECONDS = 3600


@dataclass(frozen=True)
class KeptUpload:
    token: str
    user_id: int
    unit_id: int
    year: int
    default_domain: str
    filename: str
    sha256: str
    stored_at: float


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "initiative-imports"


def _paths(token: str) -> tuple[Path, Path]:
    folder = _folder()
    return folder / f"{token}.xlsx", folder / f"{token}.json"


def keep(data: bytes, *, user_id: int, unit_id: int, year: int, default_domain: str, filename: str) -> KeptUpload:
    purge_expired()
    _folder().mkdir(parents=True, exist_ok=True)
    upload = KeptUpload(
        token=uuid.uuid4().hex,
        user_id=user_id,
        unit_id=unit_id,
        year=year,
        default_domain=default_domain,
        filename=filename[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        stored_at=time.time(),
    )
    data_path, record_path = _paths(upload.token)
    for path, content in ((data_path, data), (record_path, json.dumps(asdict(upload)).encode())):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
    return upload


def load(token: str, *, user_id: int) -> tuple[KeptUpload, bytes] | None:
    """The kept upload and its bytes, if `token` is this user's, unexpired and intact."""
    try:
        token = uuid.UUID(hex=token).hex
    except (ValueError, TypeError, AttributeError):
        return None
    data_path, record_path = _paths(token)
    try:
        upload = KeptUpload(**json.loads(record_path.read_text()))
        data = data_path.read_bytes()
    except (OSError, ValueError, TypeError):
        return None
    if upload.user_id != user_id:
        return None
    if time.time() - upload.stored_at > MAX_AGE_SECONDS or hashlib.sha256(data).hexdigest() != upload.sha256:
        discard(token)
        return None
    return upload, data


def discard(token: str) -> None:
    for path in _paths(token):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def purge_expired(now: float | None = None) -> None:
    folder = _folder()
    if not folder.is_dir():
        return
    limit = (now or time.time()) - MAX_AGE_SECONDS
    for path in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
