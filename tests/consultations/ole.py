"""A minimal OLE2 (Compound File Binary, version 3) writer, so tests can build real legacy Office
files with the streams they need (olefile reads but does not create them).

Every stream is padded to at least 4096 bytes so that it lives in ordinary sectors (no mini stream);
siblings are chained through their right-sibling pointers, which readers accept as a (degenerate) tree.
"""

import itertools
import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECTOR = 512
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    """Bytes of a compound file holding `streams`, keyed by path ("Macros/VBA/dir")."""
    # Directory entries: the root, then every storage and stream, in path order.
    entries = [{"name": "Root Entry", "type": 5, "children": [], "data": b""}]
    by_path = {"": 0}
    for path in sorted(streams):
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if sub in by_path:
                continue
            is_stream = depth == len(parts)
            data = streams[path].ljust(4096, b"\0") if is_stream else b""
            entries.append(
                {"name": parts[depth - 1], "type": 2 if is_stream else 1, "children": [], "data": data}
            )
            by_path[sub] = len(entries) - 1
            entries[by_path["/".join(parts[: depth - 1])]]["children"].append(by_path[sub])

    directory_sectors = -(-len(entries) // 4)
    fat = [FAT_SECTOR]
    chains = []
    next_sector = 1

    def chain(count):
        nonlocal next_sector
        start = next_sector
        for i in range(count):
            fat.append(start + i + 1 if i < count - 1 else END)
        next_sector += count
        return start

    directory_start = chain(directory_sectors)
    for entry in entries:
        if entry["type"] == 2:
            entry["start"] = chain(-(-len(entry["data"]) // SECTOR))
            chains.append(entry)
        else:
            entry["start"] = END if entry["type"] == 5 else 0
    assert len(fat) <= 128, "one FAT sector is enough for test files"
    fat += [FREE] * (128 - len(fat))

    def record(entry, right):
        name = entry["name"].encode("utf-16-le") + b"\0\0"
        children = entry["children"]
        return (
            name.ljust(64, b"\0")
            + struct.pack("<HBB", len(name), entry["type"], 1)
            + struct.pack("<III", NONE, right, children[0] if children else NONE)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", entry["start"], len(entry["data"]))
        )

    # Each storage's children are chained through their right-sibling pointers.
    right = {}
    for entry in entries:
        children = entry["children"]
        right.update(itertools.pairwise(children))
    records = [record(entry, right.get(index, NONE)) for index, entry in enumerate(entries)]
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NONE, NONE, NONE) + b"\0" * 48
    records += [empty] * (directory_sectors * 4 - len(records))

    header = (
        MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, directory_start, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    body = struct.pack("<128I", *fat) + b"".join(records)
    body += b"".join(
        entry["data"].ljust(-(-len(entry["data"]) // SECTOR) * SECTOR, b"\0") for entry in chains
    )
    return header + body


def word_document(*, macros: bool = False) -> bytes:
    streams = {"WordDocument": b"\xec\xa5" + b"\0" * 100, "1Table": b"\0" * 10}
    if macros:
        streams["Macros/VBA/dir"] = b"\x01" * 10
        streams["Macros/VBA/ThisDocument"] = b"Attribute VB_Name"
    return compound_file(streams)


def workbook(*, macros: bool = False) -> bytes:
    streams = {"Workbook": b"\x09\x08" + b"\0" * 100}
    if macros:
        streams["_VBA_PROJECT_CUR/VBA/dir"] = b"\x01" * 10
    return compound_file(streams)


def presentation() -> bytes:
    return compound_file({"PowerPoint Document": b"\0" * 100, "Current User": b"\0" * 20})
