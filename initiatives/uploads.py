"""The one place an evidence file or link enters: checked, cleaned and stored.

A file is judged by its content, never by its name or the browser's content type: photos are
JPEG, PNG or WebP that Pillow opens and decodes (their header dimensions are checked against
EVIDENCE_MAX_PIXELS before any pixel is decoded), then re-encoded without their metadata (EXIF
with GPS, XMP, comments), turned upright first, with a thumbnail beside them; documents are PDF
(header and end-of-file marker) or Word .docx (a zip checked with the registry import's
zip-bomb limits, `reports.importing.safety`). Everything is stored under a random name
(`models.evidence_path`). Callers (pages, API) check the user's right to write first.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

import defusedxml.ElementTree as SafeET
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

from core.auditing import acting_as
from core.vntext import nfc
from initiatives import services
from initiatives.choices import EvidenceKind
from initiatives.models import Activity, Evidence, Initiative, StepEntry
from reports.importing.report import ImportRejected
from reports.importing.safety import MAX_MEMBERS, MAX_UNCOMPRESSED_BYTES, ZIP_MAGIC, _too_big, scan_members

MB = 1024 * 1024
THUMBNAIL_SIZE = (480, 480)
PHOTO_QUALITY = 88
THUMBNAIL_QUALITY = 80

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PDF = "application/pdf"
# Pillow format -> (content type, extension) of what is stored. MPO is how Pillow names the
# JPEG of a phone that holds a second picture; only the first is kept.
PHOTO_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "MPO": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
PHOTO_TYPES = {content_type for content_type, _ext in PHOTO_FORMATS.values()}
PDF_MAGIC = re.compile(rb"%PDF-[12]\.\d")
PDF_TAIL = 1024  # the end-of-file marker must be this near the end (as readers demand)
HEIC_BRANDS = (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1", b"ftypavif")
# Grey with more than 8 bits a sample (a scanner's 16-bit PNG opens as "I;16"): convert("RGB")
# would clip every level above 255 to white, so these are scaled down to 8-bit grey first.
WIDE_GREY_MODES = ("I;16", "I;16B", "I;16L", "I", "F")


class UploadRejected(Exception):
    """The file or link cannot be accepted; `message` says why, for the user."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = str(message)


@dataclass
class _Checked:
    kind: str
    content_type: str
    extension: str
    data: bytes
    thumbnail: bytes | None = None
    width: int | None = None
    height: int | None = None


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES


def max_pixels() -> int:
    return settings.EVIDENCE_MAX_PIXELS


def not_supported_message() -> str:
    return _("Only photos (JPEG, PNG, WebP) and documents (PDF, Word .docx) can be added.")


def save_evidence(
    initiative: Initiative,
    uploaded_file: IO[bytes],
    *,
    purpose: str,
    title: str = "",
    by,
    step_entry: StepEntry | None = None,
    activity: Activity | None = None,
) -> Evidence:
    """Check `uploaded_file` and store it as evidence of `initiative`; UploadRejected if refused."""
    if purpose not in Evidence.Purpose.values:
        raise UploadRejected(_("Choose what the file is for."))
    _check_parts(initiative, step_entry=step_entry, activity=activity)
    data = _read(uploaded_file)
    checked = check_file(data)
    if purpose == Evidence.Purpose.CONFIRMATION and checked.content_type not in {*PHOTO_TYPES, PDF}:
        raise UploadRejected(_("The scan of the signed page must be a photo or a PDF file."))
    title = _clean_title(title) or _title_from_name(getattr(uploaded_file, "name", "") or "")
    sha256 = hashlib.sha256(checked.data).hexdigest()
    stored: list[Any] = []
    try:
        with transaction.atomic(), acting_as(by):
            _lock_editable(initiative)
            if purpose != Evidence.Purpose.CONFIRMATION:
                # The signed page may be a file already among the evidence: it is a record of its own.
                _refuse_duplicate(initiative, sha256)
            evidence = Evidence(
                initiative=initiative,
                kind=checked.kind,
                purpose=purpose,
                title=title,
                content_type=checked.content_type,
                size=len(checked.data),
                width=checked.width,
                height=checked.height,
                sha256=sha256,
                step_entry=step_entry,
                activity=activity,
                uploaded_by=by,
            )
            # The name only carries the extension: evidence_path makes the stored name random.
            evidence.file.save(f"file{checked.extension}", ContentFile(checked.data), save=False)
            stored.append(evidence.file)
            if checked.thumbnail is not None:
                evidence.thumbnail.save("thumbnail.jpg", ContentFile(checked.thumbnail), save=False)
                stored.append(evidence.thumbnail)
            evidence.save()
            services.touch(initiative)
    except BaseException:
        # Nothing was recorded, so nothing may stay on disk.
        for field in stored:
            with contextlib.suppress(OSError):
                field.storage.delete(field.name)
        raise
    return evidence


def save_link(initiative: Initiative, url: str, *, title: str, by, activity: Activity | None = None) -> Evidence:
    """A link to an article about the initiative: http or https only."""
    url = nfc(url or "").strip()
    if not url:
        raise UploadRejected(_("Enter the address of the article."))
    if len(url) > Evidence._meta.get_field("url").max_length:  # type: ignore[operator]
        raise UploadRejected(_("This address is too long."))
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise UploadRejected(
            _("Enter a web address starting with http:// or https://, as it shows in the browser.")
        ) from exc
    _check_parts(initiative, step_entry=None, activity=activity)
    with transaction.atomic(), acting_as(by):
        _lock_editable(initiative)
        evidence = Evidence.objects.create(
            initiative=initiative,
            kind=EvidenceKind.LINK,
            purpose=Evidence.Purpose.RESULT,
            title=_clean_title(title),
            url=url,
            activity=activity,
            uploaded_by=by,
        )
        services.touch(initiative)
    return evidence


def check_file(data: bytes) -> _Checked:
    """What `data` really is, cleaned for storage; UploadRejected for anything else."""
    if len(data) == 0:
        raise UploadRejected(_("The file is empty."))
    if len(data) > max_bytes():
        raise UploadRejected(_too_large())
    head = data[:32]
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return _check_photo(data)
    if PDF_MAGIC.match(data):
        return _check_pdf(data)
    if data.startswith(ZIP_MAGIC):
        return _check_docx(data)
    if any(brand in head for brand in HEIC_BRANDS):
        raise UploadRejected(
            _(
                "This is an HEIC/HEIF photo (as iPhones take them). Send it as JPEG: on the iPhone choose "
                "Settings › Camera › Formats › Most Compatible, or share the photo by e-mail or Zalo first."
            )
        )
    raise UploadRejected(not_supported_message())


def _too_large() -> str:
    return _("The file is larger than %(limit)s MB. Make the photo smaller or split the document.") % {
        "limit": megabytes(max_bytes())
    }


def megabytes(size: int) -> str:
    return f"{size / MB:.0f}" if size >= MB else f"{size / MB:.2f}"


def _read(uploaded_file: IO[bytes]) -> bytes:
    """The bytes, refusing before reading when the size is already known to be too large."""
    limit = max_bytes()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise UploadRejected(_too_large())
    with contextlib.suppress(AttributeError, OSError, ValueError):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(_too_large())
    return data


# Photos


def _pixel_bomb() -> UploadRejected:
    return UploadRejected(
        _("The photo is too large (more than %(limit)s megapixels). Make it smaller and add it again.")
        % {"limit": f"{max_pixels() / 1_000_000:g}"}
    )


def _damaged_photo() -> UploadRejected:
    return UploadRejected(_("The photo is damaged or incomplete and cannot be read. Save it again and add it."))


def _open(data: bytes) -> Image.Image:
    """Pillow reads only the header here; the dimensions are checked before any decoding."""
    try:
        image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's own guard (twice its MAX_IMAGE_PIXELS, or once when warnings are errors).
        raise _pixel_bomb() from exc
    except Exception as exc:
        raise _damaged_photo() from exc
    width, height = image.size
    if width < 1 or height < 1:
        raise _damaged_photo()
    if width * height > max_pixels():
        raise _pixel_bomb()
    if image.format not in PHOTO_FORMATS:
        raise UploadRejected(not_supported_message())
    return image


def _check_photo(data: bytes) -> _Checked:
    fmt = _open(data).format or ""
    try:
        _open(data).verify()  # structure and checksums, without decoding
        image = _open(data)  # verify() leaves the image unusable: open it again
        image.load()
        cleaned = _without_metadata(_to_srgb(_upright(image)), fmt)
        stored = _encode(cleaned, fmt)
        thumbnail = _thumbnail(cleaned)
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _pixel_bomb() from exc
    except Exception as exc:
        # Pillow raises many kinds on hostile input: OSError, SyntaxError, ValueError, struct.error…
        raise _damaged_photo() from exc
    content_type, extension = PHOTO_FORMATS[fmt]
    return _Checked(
        kind=EvidenceKind.PHOTO,
        content_type=content_type,
        extension=extension,
        data=stored,
        thumbnail=thumbnail,
        width=cleaned.width,
        height=cleaned.height,
    )


def _upright(image: Image.Image) -> Image.Image:
    """Turned as the camera's orientation tag says; a photo with a garbled tag is kept as it is."""
    try:
        return ImageOps.exif_transpose(image)
    except Exception:
        return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours kept right once the ICC profile is dropped with the rest of the metadata."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "CMYK"):
        return image
    try:
        converted = ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


def _without_metadata(image: Image.Image, fmt: str) -> Image.Image:
    """A mode the format stores, and no info: Pillow's savers copy EXIF, XMP and ICC from it."""
    if image.mode in WIDE_GREY_MODES:
        image = _to_8bit_grey(image)
    keeps_alpha = fmt in ("PNG", "WEBP")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha and keeps_alpha:
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "L") or (image.mode == "L" and fmt == "WEBP"):
        image = image.convert("RGB")
    else:
        image = image.copy()
    image.info = {}
    return image


def _to_8bit_grey(image: Image.Image) -> Image.Image:
    """The 16-bit range (what PNG carries) onto 0-255; anything outside it is clipped."""
    return image.convert("F").point(lambda value: value / 256).convert("L")


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt in ("JPEG", "MPO"):
        image.save(buffer, "JPEG", quality=PHOTO_QUALITY, optimize=True)
    elif fmt == "PNG":
        image.save(buffer, "PNG")
    else:
        image.save(buffer, "WEBP", quality=PHOTO_QUALITY)
    return buffer.getvalue()


def _thumbnail(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode == "RGBA":
        background = Image.new("RGB", thumb.size, (255, 255, 255))
        background.paste(thumb, mask=thumb.getchannel("A"))
        thumb = background
    elif thumb.mode != "RGB":
        thumb = thumb.convert("RGB")
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return buffer.getvalue()


# Documents


def _check_pdf(data: bytes) -> _Checked:
    if b"%%EOF" not in data[-PDF_TAIL:]:
        raise UploadRejected(
            _("The PDF file is incomplete or damaged (it has no end). Save or export it again and add that copy.")
        )
    return _Checked(kind=EvidenceKind.DOCUMENT, content_type=PDF, extension=".pdf", data=data)


def _not_docx() -> UploadRejected:
    return UploadRejected(
        _("This zip file is not a Word document (.docx). Open it in Word and save it as Word Document (.docx) or PDF.")
    )


def _check_docx(data: bytes) -> _Checked:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_docx_archive(archive)
    except UploadRejected:
        raise
    except ImportRejected as rejected:
        # The registry import's zip-bomb and XML checks, with their messages.
        raise UploadRejected(rejected.message) from rejected
    except Exception as exc:
        # zipfile and zlib raise many kinds on hostile input (see reports.importing.safety).
        raise UploadRejected(
            _("The document is damaged or incomplete and cannot be read. Save it again as .docx or PDF and add it.")
        ) from exc
    return _Checked(kind=EvidenceKind.DOCUMENT, content_type=DOCX, extension=".docx", data=data)


def _check_docx_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _not_docx()
    names = {info.filename for info in members}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _not_docx()
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise _macros()
    if sum(info.file_size for info in members) > MAX_UNCOMPRESSED_BYTES:
        raise _too_big()
    scan_members(archive, members, workbook=False)
    root = SafeET.fromstring(archive.read("[Content_Types].xml"))
    types = {element.get("ContentType", "") for element in root.iter() if element.tag.endswith("Override")}
    if "application/vnd.ms-word.document.macroEnabled.main+xml" in types:
        raise _macros()
    if DOCX_MAIN not in types:
        raise _not_docx()


def _macros() -> UploadRejected:
    return UploadRejected(
        _("Word documents with macros (.docm) are not accepted. Save it as Word Document (.docx) or PDF.")
    )


# Shared


def _check_parts(initiative: Initiative, *, step_entry: StepEntry | None, activity: Activity | None) -> None:
    if step_entry is not None and step_entry.initiative_id != initiative.pk:
        raise UploadRejected(_("This step belongs to another initiative."))
    if activity is not None and activity.initiative_id != initiative.pk:
        raise UploadRejected(_("This activity belongs to another initiative."))


def _lock_editable(initiative: Initiative) -> None:
    """Inside the transaction: the row locked, so a close cannot slip in between."""
    current = Initiative.objects.select_for_update().only("status").get(pk=initiative.pk)
    if not current.is_editable:
        raise UploadRejected(closed_message())


def _refuse_duplicate(initiative: Initiative, sha256: str) -> None:
    """Under the initiative's lock, so two uploads of one file (even in one request) store it once."""
    existing = Evidence.objects.filter(initiative=initiative, sha256=sha256).first()
    if existing is not None:
        raise UploadRejected(
            _("This file is already among the initiative's evidence, as “%(title)s”.") % {"title": str(existing)}
        )


def closed_message() -> str:
    return _("This initiative is closed: its evidence is kept as it was reported.")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _clean_title(title: str) -> str:
    title = _CONTROL.sub(" ", nfc(title or "")).strip()
    return title[: Evidence._meta.get_field("title").max_length]


def _title_from_name(name: str) -> str:
    """The user's file name, without folders and extension, as the title."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    return _clean_title(stem)
