"""The text of one file, by format: what the child process of ``search.extraction`` runs.

This module imports neither Django nor anything of the project: it runs in a fresh interpreter
(``python -m search.parsers KIND MAX_CHARS`` with the bytes on standard input and the text on standard
output), under a memory and CPU limit, so a hostile file can exhaust only that process, which the parent
kills at its deadline. A file that cannot be parsed ends the process with status 1 and the reason on
standard error.

Libraries: pypdf (already used to check uploaded PDFs; pure Python, maintained), python-docx and
openpyxl (the maintained readers of Word and Excel's Office Open XML; openpyxl is Wagtail's own
dependency for its spreadsheet exports). openpyxl reads in read-only mode, which streams the sheets.
"""

import io
import resource
import sys

import docx
import openpyxl
from pypdf import PdfReader

PARSED_KINDS = ("pdf", "docx", "xlsx", "txt", "csv")
# Address space of the child: large enough for a 20 MB report, small enough that a bomb dies alone.
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024


class _Enough(Exception):
    """More text than will be stored: stop reading."""


class _Collector:
    def __init__(self, max_chars: int):
        self.parts: list[str] = []
        self.left = max_chars

    def add(self, text: str | None) -> None:
        text = (text or "").strip()
        if not text:
            return
        self.parts.append(text[: self.left])
        self.left -= len(text) + 1
        if self.left <= 0:
            raise _Enough

    def text(self) -> str:
        return "\n".join(self.parts)


def _pdf(data: bytes, out: _Collector) -> None:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    for page in reader.pages:
        out.add(page.extract_text())


def _docx(data: bytes, out: _Collector) -> None:
    document = docx.Document(io.BytesIO(data))
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            out.add(paragraph.text)
    # Paragraphs and tables in the order a reader meets them.
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                out.add("\t".join(cell.text for cell in row.cells))
        else:
            out.add(block.text)


def _xlsx(data: bytes, out: _Collector) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                out.add("\t".join(str(value) for value in row if value is not None))
    finally:
        workbook.close()


def _text(data: bytes, out: _Collector) -> None:
    # The encodings portal.uploads accepts for text files.
    for encoding in ("utf-8-sig", "cp932"):
        try:
            out.add(data.decode(encoding))
            return
        except UnicodeDecodeError:
            continue
    raise ValueError("neither UTF-8 nor Shift_JIS")


PARSERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "txt": _text, "csv": _text}


def parse(kind: str, data: bytes, max_chars: int) -> str:
    """The text of ``data`` read as ``kind``, at most ``max_chars`` characters; raises if unreadable."""
    out = _Collector(max_chars)
    try:
        PARSERS[kind](data, out)
    except _Enough:
        pass
    return out.text()


def main() -> int:
    kind, max_chars = sys.argv[1], int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    data = sys.stdin.buffer.read()
    try:
        text = parse(kind, data, max_chars)
    except Exception as error:  # any failure of a parser on a hostile file means "unreadable"
        sys.stderr.write(f"{type(error).__name__}: {error}"[:300])
        return 1
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
