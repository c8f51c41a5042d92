"""PDFs built in the test with pypdf's writer: a plain one, and ones carrying active content in the
places a viewer looks for it (catalog, names tree, page, annotations)."""

import io

from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def obj(**entries) -> DictionaryObject:
    """A PDF dictionary from keyword arguments: names stay names ("/JavaScript"), text becomes strings."""

    def value(v):
        if isinstance(v, str) and v.startswith("/"):
            return NameObject(v)
        if isinstance(v, str):
            return TextStringObject(v)
        if isinstance(v, int):
            return NumberObject(v)
        if isinstance(v, list):
            return ArrayObject(value(item) for item in v)
        return v

    return DictionaryObject({NameObject(f"/{key}"): value(v) for key, v in entries.items()})


def action(kind: str, **entries) -> DictionaryObject:
    return obj(Type="/Action", S=f"/{kind}", **entries)


def annotation(subtype: str, **entries) -> DictionaryObject:
    rect = ArrayObject(FloatObject(n) for n in (10, 10, 100, 40))
    return obj(Type="/Annot", Subtype=f"/{subtype}", Rect=rect, **entries)


def build(*, catalog=None, page=None, annotations=(), configure=None, padding=0) -> bytes:
    """One A4 page; `catalog` and `page` entries are added to those dictionaries; `configure(writer)`
    may use the writer's own API (JavaScript, attachments, encryption)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if padding:
        writer.add_metadata({"/Subject": "0" * padding})
    writer.root_object.update(catalog or {})
    writer.pages[0].update(page or {})
    for annot in annotations:
        writer.add_annotation(0, annot)
    if configure:
        configure(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def plain(padding=0) -> bytes:
    return build(padding=padding)


def with_link() -> bytes:
    return build(annotations=[Link(rect=(10, 10, 100, 40), url="https://www.pref.nara.jp/")])


def javascript_open_action() -> bytes:
    return build(catalog=obj(OpenAction=action("JavaScript", JS="app.alert('x')")))


def javascript_in_names_tree() -> bytes:
    script = action("JavaScript", JS="app.alert('x');")
    return build(catalog=obj(Names=obj(JavaScript=obj(Names=[TextStringObject("init"), script]))))


def javascript_on_page_open() -> bytes:
    return build(page=obj(AA=obj(O=action("JavaScript", JS="app.alert('x')"))))


def javascript_in_link_annotation() -> bytes:
    return build(annotations=[annotation("Link", A=action("JavaScript", JS="app.alert('x')"))])


def javascript_with_escaped_name() -> bytes:
    """`/J#61vaScript` is `/JavaScript` written with a hex escape; the byte length is kept."""
    data = build(catalog=obj(OpenAction=action("JavaScript", JS="xxapp.alert('x')")))
    data = data.replace(b"/S /JavaScript", b"/S /J#61vaScript").replace(b"(xxapp", b"(app")
    assert b"#61" in data
    return data


def launch_action() -> bytes:
    return build(catalog=obj(OpenAction=action("Launch", F="cmd.exe", Win=obj(F="cmd.exe"))))


def remote_goto() -> bytes:
    return build(annotations=[annotation("Link", A=action("GoToR", F="\\\\server\\share\\x.pdf"))])


def submit_form() -> bytes:
    return build(page=obj(AA=obj(C=action("SubmitForm", F="https://example.com/collect"))))


def import_data() -> bytes:
    return build(catalog=obj(OpenAction=action("ImportData", F="data.fdf")))


def embedded_file() -> bytes:
    return build(configure=lambda writer: writer.add_attachment("payload.exe", b"MZ\x90\x00"))


def file_attachment_annotation() -> bytes:
    spec = obj(Type="/Filespec", F="payload.exe")
    return build(annotations=[annotation("FileAttachment", FS=spec)])


def rich_media() -> bytes:
    return build(annotations=[annotation("RichMedia", RichMediaContent=obj())])


def xfa_form() -> bytes:
    return build(catalog=obj(AcroForm=obj(Fields=[], XFA=[])))


def encrypted(user_password="secret") -> bytes:  # noqa: S107 (a test file's password)
    return build(configure=lambda writer: writer.encrypt(user_password, "owner", algorithm="AES-128"))


def many_dictionaries(count: int) -> bytes:
    return build(catalog=obj(Extra=ArrayObject(obj(N=i) for i in range(count))))


def hand_built(*objects: bytes) -> bytes:
    """A PDF written byte by byte with a correct cross-reference table: object 1 is the catalog."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def deeply_nested(depth=50_000) -> bytes:
    return hand_built(
        b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * depth + b"]" * depth + b" >>", PAGES, PAGE
    )


def javascript_in_an_unreferenced_object() -> bytes:
    return hand_built(
        b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, PAGE, b"<< /S /JavaScript /JS (app.alert(1)) >>"
    )


def referring_to_itself() -> bytes:
    return hand_built(b"<< /Type /Catalog /Pages 2 0 R /Self 1 0 R /Loop [1 0 R 2 0 R] >>", PAGES, PAGE)


def many_objects(count: int) -> bytes:
    return hand_built(b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, PAGE, *([b"<< /N 1 >>"] * count))
