"""The committed OpenAPI document (api/openapi.json): the API's contract, compared with the
generated one by a test and rewritten by `manage.py export_openapi`."""

from __future__ import annotations

import json
from pathlib import Path

SNAPSHOT_PATH = Path(__file__).resolve().parent / "openapi.json"


def render_openapi() -> str:
    from api.api import api

    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
