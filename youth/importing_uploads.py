"""The uploaded file, kept between the dry run and the commit.

The dry run stores the bytes under MEDIA_ROOT/imports/<uuid>.xlsx (mode 0600) beside a small
JSON record: who uploaded it, for which unit and default group, its SHA-256 and when; and its
reading of the file (`youth.importing_cache`, signed) as <uuid>.parse. The commit takes only
the token, checks the user and the hash, takes the dry run's reading if it is intact (else
reads the file again), checks it against the registry again, and deletes all three. Files
older than an hour are deleted on the next upload: personal data is not left lying about.
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
    default_group: str
    filename: str
    sha256: str
    stored_at: float


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _paths(token: str) -> tuple[Path, Path, Path]:
    folder = _folder()
    return folder / f"{token}.xlsx", folder / f"{token}.json", folder / f"{token}.parse"


def keep(
    data: bytes, *, user_id: int, unit_id: int, default_group: str, filename: str, parsed: bytes | None = None
) -> KeptUpload:
    """Store the upload; `parsed` is the dry run's reading of it (`importing_cache.dumps`)."""
    purge_expired()
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    upload = KeptUpload(
        token=uuid.uuid4().hex,
        user_id=user_id,
        unit_id=unit_id,
        default_group=default_group,
        filename=filename[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        stored_at=time.time(),
    )
    data_path, record_path, parsed_path = _paths(upload.token)
    contents = [(data_path, data), (record_path, json.dumps(asdict(upload)).encode())]
    if parsed is not None:
        contents.append((parsed_path, parsed))
    for path, content in contents:
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
    data_path, record_path, _parsed_path = _paths(token)
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


def load_parsed(upload: KeptUpload) -> bytes | None:
    """The dry run's reading of a kept upload (see `load`), or None if there is none."""
    try:
        return _paths(upload.token)[2].read_bytes()
    except OSError:
        return None


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
            if path.stat().st_mtime < limit:
                path.unlink()
