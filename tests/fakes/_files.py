"""Slack's file upload, as files_upload_v2 drives it: files.getUploadURLExternal gives an
upload URL on this fake, the bytes are POSTed there, files.completeUploadExternal shares the
file in a channel (and thread). Each step checks what Slack checks."""

from __future__ import annotations

import itertools
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.fakes.slack_api import FakeSlack

Result = dict[str, Any]
UPLOAD_PREFIX = "/upload/v1/"


class FakeFiles:
    """Uploads under way and files shared, by id."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self._serial = itertools.count(1)
        self.reset()

    def reset(self) -> None:
        self.files: dict[str, Result] = {}

    def get_upload_url(self, params: Result) -> Result:
        """files.getUploadURLExternal: a filename and the exact length are required."""
        filename, length = params.get("filename"), str(params.get("length") or "")
        if not filename or not length.isdigit() or int(length) <= 0:
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._serial):08d}"
        self.files[file_id] = {"id": file_id, "name": filename, "length": int(length),
                               "alt_txt": params.get("alt_txt"), "data": None,
                               "shared": None}
        return {"ok": True, "file_id": file_id,
                "upload_url": f"{self.fake.base_url}{UPLOAD_PREFIX}{file_id}"}

    def receive(self, path: str, data: bytes) -> tuple[int, str]:
        """The POST of the bytes to the upload URL: 200 only for a known id and its length."""
        found = self.files.get(path.removeprefix(UPLOAD_PREFIX))
        if found is None:
            return 404, "not_found"
        if len(data) != found["length"]:
            return 400, "length_mismatch"
        found["data"] = data
        return 200, f"OK - {len(data)}"

    def complete(self, params: Result) -> Result:
        """files.completeUploadExternal: every file uploaded, then shared where asked."""
        listed = params.get("files")
        if isinstance(listed, str):
            listed = json.loads(listed)
        if not listed:
            return {"ok": False, "error": "invalid_arguments"}
        out = []
        for item in listed:
            found = self.files.get(str(item.get("id")))
            if found is None or found["data"] is None:
                return {"ok": False, "error": "file_not_found"}
            found["title"] = item.get("title") or found["name"]
            found["shared"] = {"channel": params.get("channel_id"),
                               "thread_ts": params.get("thread_ts")}
            out.append({"id": found["id"], "name": found["name"], "title": found["title"],
                        "alt_txt": found["alt_txt"]})
        return {"ok": True, "files": out}

    def shared_in(self, channel: str) -> list[Result]:
        """The files shared in a channel, oldest first (with where and their bytes)."""
        return [f for f in self.files.values() if (f["shared"] or {}).get("channel") == channel]
