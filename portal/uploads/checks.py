"""The checks by format, each on the bytes of one file named `name` in its messages.

PDFs are parsed (pypdf) and every object is looked at, within a bound: JavaScript, actions that open
other files or programs or send data out, embedded files, rich media and XFA forms are refused, and so
are PDFs that cannot be read without a password. Zip containers (zip, docx, xlsx, pptx) are decompressed
in memory as a stream against a byte budget (declared sizes can lie), must not nest archives, and must
not hold entries whose names are absolute, climb out with `..` or carry control characters. Office files
must not carry macros, found by what the package declares (content types, relationships) and by any part
that is an OLE2 file holding a VBA project, whatever it is called; nor links that make Office fetch a
template, object or workbook from elsewhere. Legacy Office files (doc, xls, ppt) must be real OLE2
documents with their main stream and no VBA project. Images are checked for decompression bombs by their
declared size before any pixel is decoded. CSV cells that a spreadsheet would run as a formula are
refused, naming the cell. Each check raises ValidationError with a Japanese message.
"""

import csv
import io
import itertools
import re
import struct
import time
import unicodedata
import warnings
import zipfile
import zlib
from xml.parsers import expat

import olefile
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 × 5000
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
# The ratio applies to entries that expand beyond this; small, very regular XML parts may exceed it.
MAX_ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_CHUNK = 64 * 1024
# Archives inside archives are refused: they would escape the byte budget when someone opens them.
ARCHIVE_EXTENSIONS = frozenset({"zip", "7z", "rar", "gz", "tgz", "bz2", "xz", "tar", "lzh", "cab", "jar"})
ARCHIVE_MAGICS = (b"PK\x03\x04", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
# The main stream each legacy Office type must have, and the storages where a VBA project lives.
OLE_MAIN_STREAMS = {"doc": ("WordDocument",), "xls": ("Workbook", "Book"), "ppt": ("PowerPoint Document",)}
OLE_MACRO_STORAGES = frozenset({"macros", "_vba_project_cur", "vba", "_vba_project"})

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# [Content_Types].xml and .rels parts are a few KB; one far larger is no Office file's.
MAX_PACKAGE_XML_BYTES = 1024 * 1024
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
# What an Office package declares, lower-cased: content types (substrings) and relationship types
# (endings) of VBA projects and their signatures, Word's VBA data, macro-enabled main parts, ActiveX
# controls and Excel 4 (XLM) macro sheets.
OOXML_MACRO_TYPES = (
    "vnd.ms-office.vbaproject",
    "vnd.ms-word.vbadata",
    "macroenabled",
    "vnd.ms-office.activex",
    "vnd.ms-excel.macrosheet",
    "vnd.ms-excel.intlmacrosheet",
)
OOXML_MACRO_RELATIONSHIPS = (
    "/vbaproject",
    "/vbaprojectsignature",
    "/wordvbadata",
    "/control",
    "/activexcontrol",
    "/activexcontrolbinary",
    "/xlmacrosheet",
    "/xlintlmacrosheet",
)
# Links that make Office fetch something when the file is opened (a remote template, an OLE object,
# another workbook or a DDE channel) are refused; a hyperlink is only followed when clicked.
OOXML_EXTERNAL_LINK_TYPES = ("spreadsheetml.externallink+xml",)
OOXML_FOLLOWED_EXTERNALLY = ("/hyperlink",)
# PDF: the work the check does is bounded. Reading an object costs pypdf about a millisecond, so
# PDF_MAX_OBJECTS bounds the time (a 3,000-page report has some 6,000); dictionaries and arrays inside
# objects are cheap once read.
PDF_MAX_OBJECTS = 100_000
# and the time it may take in all, whatever the shape of the file.
PDF_MAX_SECONDS = 5
PDF_MAX_CONTAINERS = 1_000_000
# Actions that open another file or program, or send the form's data out: `/GoToR` and `/GoToE` open
# other (or embedded) documents, possibly on a remote share; `/ImportData` reads a file.
PDF_OUTWARD_ACTIONS = frozenset({"/Launch", "/GoToR", "/GoToE", "/SubmitForm", "/ImportData"})
# A cell a spreadsheet takes as a formula (after leading blanks, which some programs drop), unless it
# is a signed number or telephone number (-1,234 / -5.0 / +81-745-76-2001) or only dashes.
CSV_SIGNED_NUMBER = re.compile(r"[+-][\s(]*[0-9][0-9\s,.()%-]*|[+-]+")
# Excel reads a first line `sep=X` as "the cells are separated by X" (and does not show it).
CSV_SEPARATOR_LINE = re.compile(r"sep=(.)\r?\n", re.IGNORECASE)
CSV_LEADING_BLANKS = " \t\r\n\u3000"


def reject(message: str):
    raise ValidationError(message, code="invalid_upload")


def _bomb(name: str):
    reject(
        _("%(name)s: 展開すると極端に大きくなる圧縮ファイル（zip爆弾の疑い）は受け付けられません。")
        % {"name": name}
    )


class _UnreadableEntry(Exception):
    """An archive entry this check will not open: encrypted, or compressed other than stored/deflate."""


def _inflate(data: bytes, entry: zipfile.ZipInfo, limit: int) -> tuple[int | None, bytes]:
    """Decompress one entry's raw bytes as a stream, ignoring the sizes its headers declare: returns
    (bytes produced, the first bytes), or (None, …) as soon as more than `limit` bytes come out."""
    if entry.flag_bits & 0x1:
        raise _UnreadableEntry("encrypted entry")
    header = data[entry.header_offset : entry.header_offset + 30]
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("no local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    # Tools that extract by the local header's name must see the name that was checked.
    local_name = data[entry.header_offset + 30 : entry.header_offset + 30 + name_length]
    if local_name != entry.orig_filename.encode("utf-8" if entry.flag_bits & 0x800 else "cp437"):
        raise zipfile.BadZipFile("local name differs")
    start = entry.header_offset + 30 + name_length + extra_length
    raw = memoryview(data)[start : start + entry.compress_size]
    if entry.compress_type == zipfile.ZIP_STORED:
        return (len(raw) if len(raw) <= limit else None), bytes(raw[:8])
    if entry.compress_type != zipfile.ZIP_DEFLATED:
        raise _UnreadableEntry("compression method")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced, head = 0, b""
    for offset in range(0, len(raw), ZIP_CHUNK):
        pending = bytes(raw[offset : offset + ZIP_CHUNK])
        while pending:
            out = inflater.decompress(pending, ZIP_CHUNK)
            head = head or out[:8]
            produced += len(out)
            if produced > limit:
                return None, head
            pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return produced, head


def _check_entry_name(entry: zipfile.ZipInfo, name: str) -> None:
    """Refuse a name that would be written outside the folder it is extracted into, or that hides
    what it is behind control characters (a NUL cuts it short, a right-to-left mark reverses it)."""
    raw = entry.orig_filename  # as stored: zipfile cuts `filename` at the first NUL
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in raw):
        reject(
            _(
                "%(name)s: 圧縮ファイルの中に、制御文字を含む名前のファイルがあります。"
                "名前を付け直してから圧縮し直してください。"
            )
            % {"name": name}
        )
    parts = re.split(r"[\\/]", raw)
    if raw.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", raw) or ".." in parts:
        reject(
            _(
                "%(name)s: 圧縮ファイルの中に、展開すると別の場所に書き込まれる名前のファイル"
                "（%(entry)s）があります。「..」や絶対パスを含む名前は受け付けられません。"
            )
            % {"name": name, "entry": raw[:80]}
        )


def _scan_xml(part: bytes, on_element) -> None:
    """Call on_element(local name, attributes) for each element of an XML part as it is parsed (no
    list of elements is built). A document type declaration is refused outright: package parts never
    have one, and it is where entity expansion attacks live."""

    def refuse(*_args):
        raise _DoctypeDeclared

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = lambda tag, attributes: on_element(tag.rpartition(" ")[2], attributes)
    parser.Parse(part, True)


def _check_declaration(tag: str, attributes: dict[str, str], macros: str, external: str) -> None:
    """One element of [Content_Types].xml or a .rels part: a macro or an outside link is refused."""
    if tag in ("Default", "Override"):
        declared = attributes.get("ContentType", "").lower()
        if any(kind in declared for kind in OOXML_MACRO_TYPES):
            reject(macros)
        if any(kind in declared for kind in OOXML_EXTERNAL_LINK_TYPES):
            reject(external)
    elif tag == "Relationship":
        kind = attributes.get("Type", "").lower()
        if kind.endswith(OOXML_MACRO_RELATIONSHIPS):
            reject(macros)
        if attributes.get("TargetMode", "").lower() == "external" and not kind.endswith(
            OOXML_FOLLOWED_EXTERNALLY
        ):
            reject(external)


class _DoctypeDeclared(Exception):
    """An XML part declares a document type (and with it, possibly entities)."""


def _has_vba_project(part: bytes) -> bool:
    with olefile.OleFileIO(io.BytesIO(part)) as document:
        paths = document.listdir(streams=True, storages=True)
    return any(piece.lower() in OLE_MACRO_STORAGES for path in paths for piece in path)


def _check_ooxml_declarations(archive: zipfile.ZipFile, entries, name: str) -> None:
    """Macros and outside links, found by what the package declares rather than by part names."""
    macros = _("%(name)s: マクロを含むOfficeファイルは受け付けられません。") % {"name": name}
    external = _(
        "%(name)s: 外部のテンプレートやファイルを読み込むリンクを含むOfficeファイルは受け付けられません。"
        "リンクを解除してから添付してください。"
    ) % {"name": name}
    for entry in entries:
        lowered = entry.filename.lower()
        if lowered != "[content_types].xml" and not lowered.endswith(".rels"):
            continue
        try:
            part = archive.read(entry)  # inflated within budget before this
            if len(part) > MAX_PACKAGE_XML_BYTES:
                reject(
                    _("%(name)s: Officeファイルの構成情報（XML）が異常に大きいため受け付けられません。")
                    % {"name": name}
                )
            _scan_xml(part, lambda tag, attributes: _check_declaration(tag, attributes, macros, external))
        except _DoctypeDeclared:
            reject(
                _(
                    "%(name)s: Officeファイルの構成情報（XML）に文書型定義（DOCTYPE・ENTITY）が"
                    "含まれています。通常のOfficeファイルには含まれないため受け付けられません。"
                )
                % {"name": name}
            )
        except (expat.ExpatError, zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError):
            reject(_("%(name)s: ファイルが壊れているか、拡張子と中身が一致しません。") % {"name": name})


def check_zip(
    data: bytes, name: str, extension: str, budget: int = MAX_ZIP_TOTAL, *, inside_package: bool = False
) -> int:
    """Check a zip container; returns what is left of the byte budget, which a package embedded in
    an Office file (a workbook in a document) shares with it. Packages nest one level at most."""
    damaged = _("%(name)s: ファイルが壊れているか、拡張子と中身が一致しません。") % {"name": name}
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        reject(damaged)
    if len(entries) > MAX_ZIP_ENTRIES:
        _bomb(name)
    names = {entry.filename for entry in entries}
    compound_files, packages = [], []
    for entry in entries:
        _check_entry_name(entry, name)
        inner = entry.filename.rpartition("/")[2]
        inner_extension = inner.rpartition(".")[2].lower() if "." in inner else ""
        embedded = extension in OOXML_PARTS and not inside_package and "/embeddings/" in f"/{entry.filename}"
        if not embedded and not entry.is_dir() and inner_extension in ARCHIVE_EXTENSIONS:
            reject(_("%(name)s: 圧縮ファイルの中の圧縮ファイルは受け付けられません。") % {"name": name})
        # Count what really comes out, not what the headers declare; stop as soon as it is too much.
        entry_limit = max(MAX_ZIP_RATIO * max(entry.compress_size, 1), MAX_ZIP_RATIO_FLOOR)
        try:
            produced, head = _inflate(data, entry, min(budget, entry_limit))
        except (zipfile.BadZipFile, zlib.error, struct.error, _UnreadableEntry):
            # A broken entry, encryption, or a compression method other than stored and deflate.
            reject(damaged)
        if produced is None:
            _bomb(name)
        budget -= produced
        if not embedded and head.startswith(ARCHIVE_MAGICS):
            reject(_("%(name)s: 圧縮ファイルの中の圧縮ファイルは受け付けられません。") % {"name": name})
        if head.startswith(OLE_MAGIC):
            compound_files.append(entry)
        elif embedded and head.startswith(b"PK\x03\x04"):
            packages.append((entry, inner_extension if inner_extension in OOXML_PARTS else "zip"))
    macros = _("%(name)s: マクロを含むOfficeファイルは受け付けられません。") % {"name": name}
    # A VBA project is an OLE2 file with a VBA storage, whatever the part or file is called. zipfile's
    # own errors: NotImplementedError for a compression method it lacks, RuntimeError for encryption.
    for entry in compound_files:
        try:
            if _has_vba_project(archive.read(entry)):  # inflated within budget above
                reject(macros)
        except ValidationError:
            raise
        except Exception:
            reject(damaged)
    if extension in OOXML_PARTS:
        if "[Content_Types].xml" not in names or not any(n.startswith(OOXML_PARTS[extension]) for n in names):
            reject(_("%(name)s: 拡張子と中身が一致しません。") % {"name": name})
        if any(n.lower().rpartition("/")[2] == "vbaproject.bin" for n in names):
            reject(macros)
        _check_ooxml_declarations(archive, entries, name)
    # An embedded workbook or document is opened by a double click: it is held to the same rules.
    for entry, package_extension in packages:
        try:
            package = archive.read(entry)  # inflated within budget above
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError):
            reject(damaged)
        budget = check_zip(package, name, package_extension, budget, inside_package=True)
    return budget


def check_ole(data: bytes, name: str, extension: str) -> None:
    """A legacy Office file: a real OLE2 compound file with its main stream and no VBA project."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as document:
            paths = document.listdir(streams=True, storages=True)
            has_main = any(document.exists(stream) for stream in OLE_MAIN_STREAMS[extension])
    except Exception:
        reject(_("%(name)s: ファイルが壊れているか、拡張子と中身が一致しません。") % {"name": name})
    if not has_main:
        reject(_("%(name)s: 拡張子と中身が一致しません。") % {"name": name})
    if any(part.lower() in OLE_MACRO_STORAGES for path in paths for part in path):
        reject(_("%(name)s: マクロを含むOfficeファイルは受け付けられません。") % {"name": name})


def _pdf_name(item: DictionaryObject, key: str) -> str | None:
    value = item[key] if key in item else None  # indexing follows a reference
    return value if isinstance(value, NameObject) else None


def _pdf_refusal(reader: PdfReader, name: str) -> str | None:
    """Why the document is refused, if a viewer could run or open something in it: every object the
    cross-reference table lists is looked at (not only those reachable from the catalog), at most
    PDF_MAX_OBJECTS dictionaries and arrays."""
    stack = [reader.trailer]
    for generation, numbers in reader.xref.items():
        stack.extend(IndirectObject(number, generation, reader) for number in numbers)
    stack.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    containers = 0
    deadline = time.monotonic() + PDF_MAX_SECONDS
    for step in itertools.count():
        if not stack:
            break
        if step % 1000 == 0 and time.monotonic() > deadline:
            return _("%(name)s: PDFの構造が複雑すぎるため確認できません。") % {"name": name}
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > PDF_MAX_OBJECTS:
                return _("%(name)s: PDFの構造が複雑すぎるため確認できません。") % {"name": name}
            item = item.get_object()
        if not isinstance(item, DictionaryObject | ArrayObject):
            continue
        containers += 1
        if containers > PDF_MAX_CONTAINERS:
            return _("%(name)s: PDFの構造が複雑すぎるため確認できません。") % {"name": name}
        if isinstance(item, ArrayObject):
            stack.extend(item)  # unresolved: each reference is followed once, above
            continue
        keys = set(dict.keys(item))  # an outline item iterates over its children, not its keys
        kind = _pdf_name(item, "/S")
        subtype = _pdf_name(item, "/Subtype")
        if keys & {"/JS", "/JavaScript"} or kind == "/JavaScript":
            return _(
                "%(name)s: JavaScript（スクリプト）を含むPDFは受け付けられません。"
                "開いたときにプログラムが実行されるおそれがあります。"
            ) % {"name": name}
        if kind in PDF_OUTWARD_ACTIONS:
            return _(
                "%(name)s: ほかのファイルやプログラムを開く動作、またはデータを外部へ送る動作"
                "（%(action)s）を含むPDFは受け付けられません。"
            ) % {"name": name, "action": kind[1:]}
        if keys & {"/EmbeddedFiles", "/EF"} or subtype == "/FileAttachment":
            return _(
                "%(name)s: ファイルを埋め込んだPDFは受け付けられません。埋め込まれたファイルは"
                "確認できないため、それぞれのファイルを直接添付してください。"
            ) % {"name": name}
        if "/RichMediaContent" in keys or subtype == "/RichMedia" or kind == "/RichMediaExecute":
            return _("%(name)s: 動画やFlashなどのリッチメディアを含むPDFは受け付けられません。") % {
                "name": name
            }
        if "/XFA" in keys:
            return _(
                "%(name)s: XFAフォームを含むPDFは受け付けられません。スクリプトを含められる形式で、"
                "中身を確認できません。通常のPDFとして保存し直してから添付してください。"
            ) % {"name": name}
        stack.extend(dict.values(item))
    return None


def check_pdf(data: bytes, name: str) -> None:
    """A PDF a viewer can open without a password, with no active content (see _pdf_refusal)."""
    unreadable = _("%(name)s: PDFとして読み込めません。ファイルが壊れているか、PDFではありません。") % {
        "name": name
    }
    # pypdf raises many kinds of error on hostile input (its own, and ValueError, KeyError,
    # RecursionError on deep nesting...): any of them means the file is not a PDF we can check.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Opening without a password (only printing or copying restricted) is fine: check it.
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = False
            if not opened:
                reject(
                    _(
                        "%(name)s: パスワードで保護（暗号化）されたPDFは、中身を確認できないため"
                        "受け付けられません。保護を解除してから添付してください。"
                    )
                    % {"name": name}
                )
        catalog = reader.trailer["/Root"]
        if not isinstance(catalog, DictionaryObject) or "/Pages" not in catalog:
            reject(unreadable)
        refusal = _pdf_refusal(reader, name)
    except ValidationError:
        raise
    except Exception:
        reject(unreadable)
    if refusal:
        reject(refusal)


def check_image(data: bytes, name: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                reject(
                    _("%(name)s: 画像の画素数が大きすぎます（%(max)s画素まで）。")
                    % {"name": name, "max": f"{MAX_IMAGE_PIXELS:,}"}
                )
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        reject(
            _("%(name)s: 画像の画素数が大きすぎます（%(max)s画素まで）。")
            % {"name": name, "max": f"{MAX_IMAGE_PIXELS:,}"}
        )
    except Exception:
        reject(_("%(name)s: 画像ファイルとして読み込めません。") % {"name": name})


def check_text(data: bytes, name: str) -> str:
    """The text, decoded as UTF-8 (with or without a byte order mark) or Shift_JIS (cp932)."""
    if b"\x00" in data:
        reject(_("%(name)s: テキストファイルではありません。") % {"name": name})
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    reject(_("%(name)s: 文字コードが UTF-8 でも Shift_JIS でもありません。") % {"name": name})


def _starts_a_formula(cell: str) -> bool:
    value = cell.lstrip(CSV_LEADING_BLANKS)
    if value.startswith(("=", "@")):
        return True
    return value.startswith(("+", "-")) and not CSV_SIGNED_NUMBER.fullmatch(value)


def check_csv(text: str, name: str) -> None:
    """Refuse, rather than quietly change, a cell a spreadsheet would run as a formula (`=cmd|…` is a
    DDE call): the municipality's file is kept exactly as sent, and the message names the cell."""
    # Excel obeys a first line `sep=;` and splits the rest at that character: so does this check.
    delimiter, first_row = ",", 1
    declared = CSV_SEPARATOR_LINE.match(text.lstrip("\ufeff"))
    if declared:
        delimiter, first_row = declared.group(1), 2
        text = text.lstrip("\ufeff")[declared.end() :]
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for row_number, row in enumerate(rows, start=first_row):
            for column_number, cell in enumerate(row, start=1):
                if _starts_a_formula(cell):
                    reject(
                        _(
                            "%(name)s: %(row)d行目%(column)d列目のセルが数式（=、+、-、@ で始まる値）です。"
                            "表計算ソフトで開くと命令として実行されるおそれがあるため受け付けられません。"
                            "値の先頭に ' を付けるか、Excel形式（.xlsx）で添付してください。"
                        )
                        % {"name": name, "row": row_number, "column": column_number}
                    )
    except csv.Error:
        reject(
            _("%(name)s: CSVとして読み込めません（引用符の対応が崩れているか、セルが長すぎます）。")
            % {"name": name}
        )
