#!/usr/bin/env python3
"""Build a Lightroom Classic catalog (an SQLite .lrcat) for tests, from a JSON description.

  Scripts/make-test-catalog.py --schema classic14 --photos photos.json --out Test.lrcat

Schemas (--schema), each with the tables and columns AutoTone reads, as the published dumps of
Lightroom catalogs describe them (catalog readers such as lrcat-extractor document Lightroom 4
and 6; a dump of Classic 13 from 2024 lists every column):
  lr6        Adobe_DBVersion 0600008; the develop table without the columns later versions
             added (hasDevelopAdjustmentsEx, isHdrEditMode, masks flags), Adobe_images without
             developSettingsIDCache: the reader's fall-backs for older catalogs
  classic10  Adobe_DBVersion 1000003; hasDevelopAdjustmentsEx, no isHdrEditMode
  classic14  Adobe_DBVersion 1400005; every column of the 2024 dump
  --db-version overrides Adobe_DBVersion (to test unknown versions); --journal wal makes a
  write-ahead-log catalog, as recent Lightroom Classic versions keep them.

The JSON: {"roots": [{"name": "Pictures", "absolutePath": "/Users/ana/Pictures/"}, ...],
           "photos": [{"root": 0, "folder": "2026/shoot/", "file": "IMG_1.CR2",
                       "develop": {"Exposure2012": 0.35, "ProcessVersion": "15.4", ...} or null,
                       "adjusted": 1 (hasDevelopAdjustments[Ex]; default 1 when develop is given),
                       "hdr": false, "touchTime": seconds since 2001-01-01,
                       "captureTime": "2026-05-01T10:00:00", "staleRows": [{develop…}, …],
                       "virtualCopies": [{"copyName": "Copy 1", "develop": {…}}]}, ...]}
A develop dict becomes Lightroom's Lua text (`s = { Name = value, … }`): numbers, strings
(with escapes), booleans, lists and dicts (nested tables, as tone curves and masks are);
{"$lua": "text"} is written verbatim, for malformed texts. Needs only Python's standard library.
"""
import argparse
import json
import sqlite3
import sys
import uuid

SCHEMAS = {
    "lr6": {"version": "0600008", "ex": False, "hdr": False, "cache": False},
    "classic10": {"version": "1000003", "ex": True, "hdr": False, "cache": True},
    "classic14": {"version": "1400005", "ex": True, "hdr": True, "cache": True},
}


def lua_string(text):
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append("\\%03d" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def lua_value(value, indent):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, str):
        return lua_string(value)
    if isinstance(value, list):
        return "{ " + ", ".join(lua_value(v, indent + 1) for v in value) + ", }"
    if isinstance(value, dict):
        if "$lua" in value:
            return value["$lua"]
        pad = "\t" * (indent + 1)
        body = "".join(f"{pad}{key} = {lua_value(v, indent + 1)},\n" for key, v in value.items())
        return "{\n" + body + "\t" * indent + "}"
    raise SystemExit(f"cannot write {value!r} as Lua")


def develop_text(develop):
    """Lightroom's layout: `s = { ` then one `Name = value,` per line, names sorted."""
    if develop is None:
        return None
    if "$lua" in develop:
        return develop["$lua"]
    lines = [f"{key} = {lua_value(develop[key], 0)}," for key in sorted(develop)]
    return "s = { " + "\n".join(lines) + "\n}"


def create_tables(db, schema):
    s = SCHEMAS[schema]
    develop_columns = ["id_local INTEGER PRIMARY KEY", "allowFastRender INTEGER", "beforeSettingsIDCache",
                       "croppedHeight", "croppedWidth", "digest", "fileHeight", "fileWidth", "grayscale INTEGER",
                       "hasDevelopAdjustments INTEGER"]
    if s["ex"]:
        develop_columns.append("hasDevelopAdjustmentsEx")
    if s["hdr"]:
        develop_columns += ["hasAIMasks INTEGER NOT NULL DEFAULT 0", "hasBigData INTEGER NOT NULL DEFAULT 0",
                            "hasLensBlur INTEGER NOT NULL DEFAULT 0", "hasMasks INTEGER NOT NULL DEFAULT 0",
                            "hasPointColor INTEGER NOT NULL DEFAULT 0", "hasRetouch", "hasSettings1", "hasSettings2",
                            "isHdrEditMode INTEGER NOT NULL DEFAULT 0"]
    develop_columns += ["historySettingsID", "image INTEGER", "processVersion", "profileCorrections",
                        "removeChromaticAberration", "settingsID", "snapshotID", "text", "validatedForVersion",
                        "whiteBalance"]
    image_columns = ["id_local INTEGER PRIMARY KEY", "id_global UNIQUE NOT NULL",
                     "aspectRatioCache NOT NULL DEFAULT -1", "bitDepth NOT NULL DEFAULT 0", "captureTime",
                     "colorChannels NOT NULL DEFAULT 0", "colorLabels NOT NULL DEFAULT ''",
                     "colorMode NOT NULL DEFAULT -1", "copyCreationTime NOT NULL DEFAULT -63113817600",
                     "copyName", "copyReason"]
    if s["cache"]:
        image_columns.append("developSettingsIDCache")
    image_columns += ["editLock INTEGER NOT NULL DEFAULT 0", "fileFormat NOT NULL DEFAULT 'unset'", "fileHeight",
                      "fileWidth", "hasMissingSidecars INTEGER", "masterImage INTEGER", "orientation",
                      "originalCaptureTime", "originalRootEntity INTEGER", "panningDistanceH", "panningDistanceV",
                      "pick NOT NULL DEFAULT 0", "positionInFolder NOT NULL DEFAULT 'z'", "propertiesCache",
                      "pyramidIDCache", "rating", "rootFile INTEGER NOT NULL DEFAULT 0", "sidecarStatus",
                      "touchCount NOT NULL DEFAULT 0", "touchTime NOT NULL DEFAULT 0"]
    db.execute(f"CREATE TABLE Adobe_imageDevelopSettings ({', '.join(develop_columns)})")
    db.execute(f"CREATE TABLE Adobe_images ({', '.join(image_columns)})")
    db.execute("""CREATE TABLE AgLibraryFile (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL,
        baseName NOT NULL DEFAULT '', errorMessage, errorTime, extension NOT NULL DEFAULT '', externalModTime,
        folder INTEGER NOT NULL DEFAULT 0, idx_filename NOT NULL DEFAULT '', importHash,
        lc_idx_filename NOT NULL DEFAULT '', lc_idx_filenameExtension NOT NULL DEFAULT '', md5, modTime,
        originalFilename NOT NULL DEFAULT '', sidecarExtensions)""")
    db.execute("""CREATE TABLE AgLibraryFolder (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL,
        parentId INTEGER, pathFromRoot NOT NULL DEFAULT '', rootFolder INTEGER NOT NULL DEFAULT 0, visibility INTEGER)""")
    db.execute("""CREATE TABLE AgLibraryRootFolder (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL,
        absolutePath UNIQUE NOT NULL DEFAULT '', name NOT NULL DEFAULT '', relativePathFromCatalog)""")
    db.execute("""CREATE TABLE Adobe_variablesTable (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL,
        name, type, value NOT NULL DEFAULT '')""")
    db.execute("""CREATE TABLE Adobe_AdditionalMetadata (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL,
        additionalInfoSet INTEGER NOT NULL DEFAULT 0, embeddedXmp INTEGER NOT NULL DEFAULT 0,
        externalXmpIsDirty INTEGER NOT NULL DEFAULT 0, image INTEGER, xmp NOT NULL DEFAULT '')""")


class Ids:
    """Lightroom numbers id_local across the whole database."""
    def __init__(self):
        self.next = 1

    def __call__(self):
        self.next += 1
        return self.next


def insert_develop(db, schema, ids, image, develop, adjusted, hdr):
    s = SCHEMAS[schema]
    row = ids()
    columns = {"id_local": row, "image": image, "text": develop_text(develop),
               "processVersion": (develop or {}).get("ProcessVersion") if isinstance(develop, dict) else None,
               "hasDevelopAdjustments": 1 if adjusted > 0 else 0, "whiteBalance": "As Shot"}
    if s["ex"]:
        columns["hasDevelopAdjustmentsEx"] = float(adjusted)
    if s["hdr"]:
        columns["isHdrEditMode"] = 1 if hdr else 0
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    db.execute(f"INSERT INTO Adobe_imageDevelopSettings ({names}) VALUES ({marks})", list(columns.values()))
    return row


def build(spec, schema, out, db_version=None, journal="delete"):
    s = SCHEMAS[schema]
    db = sqlite3.connect(out)
    if journal == "wal":
        db.execute("PRAGMA journal_mode=WAL")
    create_tables(db, schema)
    ids = Ids()
    db.execute("INSERT INTO Adobe_variablesTable (id_local, id_global, name, type, value) VALUES (?, ?, ?, ?, ?)",
               (ids(), str(uuid.uuid4()).upper(), "Adobe_DBVersion", "", db_version or s["version"]))
    roots = []
    for root in spec.get("roots", []):
        rid = ids()
        db.execute("INSERT INTO AgLibraryRootFolder (id_local, id_global, absolutePath, name) VALUES (?, ?, ?, ?)",
                   (rid, str(uuid.uuid4()).upper(), root["absolutePath"], root.get("name", "")))
        roots.append(rid)
    folders = {}
    for photo in spec.get("photos", []):
        key = (photo.get("root", 0), photo.get("folder", ""))
        if key not in folders:
            fid = ids()
            db.execute("INSERT INTO AgLibraryFolder (id_local, id_global, pathFromRoot, rootFolder) VALUES (?, ?, ?, ?)",
                       (fid, str(uuid.uuid4()).upper(), key[1], roots[key[0]]))
            folders[key] = fid
        base, _, ext = photo["file"].rpartition(".")
        file_id = ids()
        db.execute("""INSERT INTO AgLibraryFile (id_local, id_global, baseName, extension, folder, idx_filename,
                      lc_idx_filename, lc_idx_filenameExtension, originalFilename) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                   (file_id, str(uuid.uuid4()).upper(), base, ext, folders[key], photo["file"], photo["file"].lower(),
                    ext.lower(), photo["file"]))

        def add_image(develop, adjusted, hdr, master=None, copy_name=None, stale=()):
            image = ids()
            columns = {"id_local": image, "id_global": str(uuid.uuid4()).upper(), "rootFile": file_id,
                       "captureTime": photo.get("captureTime"), "touchTime": photo.get("touchTime", 0),
                       "masterImage": master, "copyName": copy_name, "fileFormat": ext.upper()}
            names = ", ".join(columns)
            db.execute(f"INSERT INTO Adobe_images ({names}) VALUES ({', '.join('?' for _ in columns)})",
                       list(columns.values()))
            for old in stale:  # rows of earlier settings, which the reader must pass over
                insert_develop(db, schema, ids, image, old, 1, False)
            current = insert_develop(db, schema, ids, image, develop, adjusted, hdr) if develop is not None else None
            if s["cache"] and current is not None:
                db.execute("UPDATE Adobe_images SET developSettingsIDCache = ? WHERE id_local = ?", (current, image))
            return image

        develop = photo.get("develop")
        adjusted = photo.get("adjusted", 1 if develop else 0)
        master = add_image(develop, adjusted, photo.get("hdr", False), stale=photo.get("staleRows", []))
        for copy in photo.get("virtualCopies", []):
            add_image(copy.get("develop"), copy.get("adjusted", 1), False, master=master,
                      copy_name=copy.get("copyName", "Copy 1"))
    db.commit()
    db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", choices=sorted(SCHEMAS), default="classic14")
    parser.add_argument("--photos", required=True, help="JSON description (see above); - for standard input")
    parser.add_argument("--out", required=True)
    parser.add_argument("--db-version")
    parser.add_argument("--journal", choices=["delete", "wal"], default="delete")
    args = parser.parse_args()
    spec = json.load(sys.stdin if args.photos == "-" else open(args.photos, encoding="utf-8"))
    build(spec, args.schema, args.out, args.db_version, args.journal)


if __name__ == "__main__":
    main()
