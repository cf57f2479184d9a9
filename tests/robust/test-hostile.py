#!/usr/bin/env python3
"""Hostile and broken input through gloss-cli: each is refused with a clear
one-line message and the project stays exactly as it was.

Usage: test-hostile.py GLOSS_CLI CORPUS_DIR
"""

import hashlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import stat
import struct
import subprocess
import sys
import tempfile
import unittest
import zipfile

CLI, CORPUS = sys.argv[1:3]
QDPX_SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz", "corpus-qdpx", "small.qdpx")
tried = []


def run(*args, preexec=None):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, preexec_fn=preexec)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def make_pdf(path, count=1, mediabox="0 0 612 792", kids=1):
    """A small PDF written by hand: it may declare any page count and size."""
    content = b"BT /F1 24 Tf 72 700 Td (Hostile but small) Tj ET"
    refs = " ".join(["3 0 R"] * kids)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{refs}] /Count {count} >>".encode(),
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{mediabox}] /Contents 4 0 R "
            f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)
    return path


class Hostile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.project = os.path.join(self.dir, "p.gloss")
        self.ok(run("init", self.project))
        text = self.write("t.txt", "The compact asks for burden sharing.\n" * 50)
        self.ok(run("import", self.project, text))
        self.ok(run("coder-add", self.project, "Amina"))
        self.ok(run("code-add", self.project, "Burden"))
        self.ok(run("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Burden",
                    "--match", "burden sharing"))

    def tearDown(self):
        self.tmp.cleanup()

    def ok(self, p):
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return path

    def state(self, project=None):
        project = project or self.project
        return tuple(self.ok(run(cmd, project, "--json")).stdout
                     for cmd in ("documents", "coders", "codes", "codings"))

    def refused(self, p, *words, what):
        """Exit 1, one line on stderr naming the problem, nothing on stdout."""
        tried.append(what)
        self.assertEqual(p.returncode, 1, f"{what}: {p.stdout}{p.stderr}")
        lines = [line for line in p.stderr.split("\n") if line and not line.startswith(("Syntax ", "Internal "))]
        self.assertEqual(len(lines), 1, f"{what}: {p.stderr}")
        self.assertTrue(lines[0].startswith("gloss-cli"), lines[0])
        for word in words:
            self.assertIn(word, lines[0], what)
        for word in ("SQLITE", "sqlite", "assert", "CRITICAL"):
            self.assertNotIn(word, p.stderr, what)
        return lines[0]

    def assert_unchanged(self, before):
        self.assertEqual(self.state(), before)
        self.assertEqual(run("check", self.project).returncode, 0)

    # Import

    def test_bad_corpus(self):
        before = self.state()
        bad = os.path.join(CORPUS, "bad")
        for name in sorted(os.listdir(bad)):
            p = run("import", self.project, os.path.join(bad, name))
            self.refused(p, name, what=f"bad/{name}")
        self.assert_unchanged(before)

    def test_pdf_declaring_huge_page_count(self):
        before = self.state()
        for count, kids in ((2000000000, 1), (150000, 150000), (-5, 1)):
            pdf = make_pdf(os.path.join(self.dir, f"count{count}.pdf"), count=count, kids=kids)
            self.refused(run("import", self.project, pdf), os.path.basename(pdf),
                         what=f"PDF declaring {count} pages")
        self.assert_unchanged(before)

    def test_pdf_with_huge_page_size(self):
        before = self.state()
        for box in ("0 0 99999999999999999999 3", "0 0 3 1e30", "0 0 20000 20000", "-1e300 -1e300 1e300 1e300"):
            pdf = make_pdf(os.path.join(self.dir, "size.pdf"), mediabox=box)
            p = run("import", self.project, pdf)
            if p.returncode == 0:
                # poppler may replace an impossible box by a default one
                tried.append(f"PDF page box [{box}] (read with a default size)")
                docs = json.loads(self.ok(run("documents", self.project, "--json")).stdout)
                self.ok(run("undo", self.project))
                self.assertEqual(docs[-1]["pages"], 1)
                continue
            self.refused(p, "size.pdf", what=f"PDF page box [{box}]")
        self.assert_unchanged(before)

    def test_full_disk_by_file_size_limit(self):
        before = self.state()
        limit = os.path.getsize(self.project) + 64 * 1024

        def small_files():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        pdf = os.path.join(CORPUS, "GeoTopo-komprimiert.pdf")
        p = run("import", self.project, pdf, preexec=small_files)
        self.refused(p, "could not be written", "disk", what="import beyond RLIMIT_FSIZE")
        self.assert_unchanged(before)
        self.ok(run("import", self.project, pdf))

    def test_full_disk_on_small_tmpfs(self):
        mnt = os.path.join(self.dir, "mnt")
        os.mkdir(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt],
                          capture_output=True).returncode != 0:
            self.skipTest("cannot mount a tmpfs here")
        try:
            shutil.copy(self.project, mnt)
            self.project = os.path.join(mnt, "p.gloss")
            before = self.state()
            p = run("import", self.project, os.path.join(CORPUS, "GeoTopo-komprimiert.pdf"))
            self.refused(p, "the disk is full", what="import onto a full tmpfs")
            self.assert_unchanged(before)
        finally:
            subprocess.run(["umount", mnt])

    # load

    def test_malformed_json(self):
        before = self.state()
        cases = {
            "empty": (b"", None),
            "truncated": (b'{"codings": [{"document": 1', None),
            "not an object": (b"[1, 2, 3]", None),
            "null": (b"null", None),
            "codings not a list": (b'{"codings": 5}', "codings"),
            "unknown document": (b'{"codings": [{"document": 99, "coder": "A", "code": "B", "start": 0, "end": 3}]}',
                                 "codings[0]"),
            "negative range": (b'{"codings": [{"document": 1, "coder": "A", "code": "B", "start": -4, "end": 3}]}',
                               "codings[0]"),
            "huge offsets": (b'{"codings": [{"document": 1, "coder": "A", "code": "B", "start": 0, '
                             b'"end": 99999999999999999999999}]}', None),
            "float offsets": (b'{"codings": [{"document": 1, "coder": "A", "code": "B", "start": 0.5, "end": 3}]}',
                              "codings[0]"),
            "second entry wrong": (b'{"coders": [{"name": "Zed"}], "codings": ['
                                   b'{"document": 1, "coder": "Zed", "code": "New", "start": 0, "end": 3},'
                                   b'{"document": 1, "coder": "Zed", "code": "New", "start": 0, "end": 99999}]}',
                                   "codings[1]"),
            "bad colour": (b'{"coders": [{"name": "Zed", "color": "red; DROP TABLE coding"}]}', "coders[0]"),
            "blank code path": (b'{"codes": [{"path": "/"}]}', "codes[0]"),
            "invalid UTF-8": (b'{"coders": [{"name": "\xff\xfe"}]}', None),
            "NUL byte": (b'{"coders": [{"name": "a\x00b"}]}', None),
            "deep nesting": (b"[" * 200000 + b"]" * 200000, None),
            "match not found": (b'{"codings": [{"document": 1, "coder": "A", "code": "B", "match": "nowhere"}]}',
                                "codings[0]"),
            "occurrence zero": (b'{"codings": [{"document": 1, "coder": "A", "code": "B", "match": "burden", '
                                b'"occurrence": 0}]}', "codings[0]"),
        }
        for what, (data, word) in cases.items():
            path = self.write("bad.json", data)
            p = run("load", self.project, path)
            self.refused(p, *([word] if word else []), what=f"load: {what}")
        self.assert_unchanged(before)

    def test_oversized_json(self):
        before = self.state()
        path = os.path.join(self.dir, "big.json")
        with open(path, "w") as f:
            f.write('{"coders": [')
            entry = '{"name": "%s"},' % ("x" * 1000)
            for _ in range(70 * 1024):
                f.write(entry)
            f.write('{"name": "last"}]}')
        self.assertGreater(os.path.getsize(path), 64 * 1024 * 1024)
        self.refused(run("load", self.project, path), what="load: 70 MB of JSON")
        self.assert_unchanged(before)

    # Project files

    def assert_refused_project(self, path, *words, what):
        digest = sha(path)
        for args in (("documents", path), ("coder-add", path, "X"), ("check", path)):
            self.refused(run(*args), *words, what=f"{what} ({args[0]})")
        self.assertEqual(sha(path), digest, what)
        self.assertFalse(os.path.exists(path + "-wal") and os.path.getsize(path + "-wal") > 0)

    def test_not_sqlite(self):
        path = self.write("text.gloss", "This is a shopping list, not a project.\n" * 10)
        self.assert_refused_project(path, "not a Gloss project", what="text file as project")
        path = self.write("empty.gloss", b"")
        self.assert_refused_project(path, "empty.gloss", what="empty project file")

    def test_other_sqlite_database(self):
        path = os.path.join(self.dir, "other.gloss")
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
        self.assert_refused_project(path, "not a Gloss project", what="other SQLite database")

    def test_truncated(self):
        with open(self.project, "rb") as f:
            data = f.read()
        for size in (100, 4096, len(data) // 2):
            path = self.write(f"cut{size}.gloss", data[:size])
            self.assert_refused_project(path, f"cut{size}.gloss", what=f"project cut to {size} bytes")

    def test_newer_version(self):
        path = os.path.join(self.dir, "newer.gloss")
        shutil.copy(self.project, path)
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
        self.assert_refused_project(path, "newer version", what="project from a newer Gloss")

    def test_read_only(self):
        os.chmod(self.project, stat.S_IRUSR | stat.S_IRGRP)
        digest = sha(self.project)
        before = self.state()
        cases = [("coder-add", self.project, "X"),
                 ("code-add", self.project, "New"),
                 ("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Burden", "--range", "0:3"),
                 ("load", self.project, self.write("ok.json", '{"coders": [{"name": "Y"}]}')),
                 ("import", self.project, make_pdf(os.path.join(self.dir, "ok.pdf"))),
                 ("undo", self.project)]
        for args in cases:
            self.refused(run(*args), "read-only", what=f"read-only project ({args[0]})")
        self.assertEqual(self.state(), before)
        self.assertEqual(run("check", self.project).returncode, 0)
        self.assertEqual(sha(self.project), digest)


class HostileQdpx(unittest.TestCase):
    """REFI-QDA archives built to harm: refused, nothing created, nothing
    written outside, nothing read from elsewhere."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "inner")
        os.mkdir(self.dir)
        with zipfile.ZipFile(QDPX_SEED) as z:
            self.entries = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}

    def tearDown(self):
        self.tmp.cleanup()

    def archive(self, name, entries, extra=None):
        path = os.path.join(self.dir, name)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for entry, data in entries.items():
                z.writestr(entry, data)
            if extra:
                extra(z)
        return path

    def assert_refused(self, qdpx, what, *words):
        tried.append(f"qdpx: {what}")
        project = os.path.join(self.dir, "out.gloss")
        before = sorted(os.listdir(self.tmp.name))
        p = subprocess.run([CLI, "import-qdpx", project, qdpx], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 1, f"{what}: {p.stdout}{p.stderr}")
        self.assertEqual(len(p.stderr.strip().split("\n")), 1, p.stderr)
        print(f"  {what}: {p.stderr.strip()}")
        for word in words:
            self.assertIn(word, p.stderr, what)
        self.assertFalse(os.path.exists(project), what)
        self.assertEqual(sorted(os.listdir(self.tmp.name)), before, what)
        self.assertEqual(sorted(os.listdir(self.dir)), [os.path.basename(qdpx)], what)

    def qde(self, text):
        return dict(self.entries, **{"project.qde": text.encode()})

    def test_seed_imports(self):
        project = os.path.join(self.dir, "ok.gloss")
        p = subprocess.run([CLI, "import-qdpx", project, QDPX_SEED], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_dot_dot_and_absolute_entries(self):
        for entry in ("../evil.txt", "sources/../../evil.txt", "/tmp/gloss-evil.txt"):
            entries = dict(self.entries, **{entry: b"evil"})
            self.assert_refused(self.archive("dots.qdpx", entries), f"entry {entry}", "outside the archive")
            self.assertFalse(os.path.exists("/tmp/gloss-evil.txt"))
            os.unlink(os.path.join(self.dir, "dots.qdpx"))

    def test_link_entry(self):
        def link(z):
            info = zipfile.ZipInfo("sources/link.txt")
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "/etc/passwd")
        self.assert_refused(self.archive("link.qdpx", self.entries, link), "symbolic link entry", "is a link")

    def test_entry_claiming_gigabytes(self):
        path = self.archive("big.qdpx", self.entries)
        with open(path, "rb") as f:
            data = bytearray(f.read())
        # Patch the declared uncompressed size of every entry to 4 GB - 1.
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            start = 0
            while (start := data.find(signature, start)) >= 0:
                data[start + offset:start + offset + 4] = b"\xff\xff\xff\xfe"
                start += 4
        with open(path, "wb") as f:
            f.write(data)
        self.assert_refused(path, "entries claiming 4 GB", "too large")

    def patch_size(self, path, entry, size):
        """Declares @size as the unpacked size of @entry, in both headers."""
        with open(path, "rb") as f:
            data = bytearray(f.read())
        name = entry.encode()
        for signature, size_at, name_length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
            start = 0
            while (start := data.find(signature, start)) >= 0:
                length = struct.unpack_from("<H", data, start + name_length_at)[0]
                if data[start + name_at:start + name_at + length] == name:
                    struct.pack_into("<I", data, start + size_at, size)
                start += 4
        with open(path, "wb") as f:
            f.write(data)

    def test_entry_inflating_past_its_size(self):
        """A text entry that unpacks to more than it declares (as a zip
        bomb does) refuses the archive, saying so; it was reported as "no
        plain text Gloss can read"."""
        text = next(name for name in self.entries if name.startswith("sources/"))
        entries = dict(self.entries, **{text: self.entries[text] + b" and more" * 20000})
        path = self.archive("bomb.qdpx", entries)
        self.patch_size(path, text, len(self.entries[text]))
        self.assert_refused(path, "text entry inflating past its size",
                            f"the entry “{text}” unpacks to more than the", "it declares")

    def test_project_qde_over_the_limit(self):
        """A project.qde declaring more than Gloss reads is refused with
        both sizes, and one with a value longer than libxml2 reads as over
        a size limit, not as "not well-formed"."""
        path = self.archive("declared.qdpx", self.entries)
        self.patch_size(path, "project.qde", 300 * 1024 * 1024)
        self.assert_refused(path, "project.qde declaring 300 MB",
                            "the entry “project.qde” is too large: it declares 314.6\u00a0MB unpacked",
                            "Gloss reads at most 268.4\u00a0MB")
        os.unlink(path)
        qde = self.entries["project.qde"].decode()
        for what, big in (("an attribute of 20 MB", qde.replace('name="Partnership"', 'name="%s"' % ("x" * 20_000_000))),
                          ("an element name of 60,000 characters",
                           qde.replace("<CodeBook>", "<%s/><CodeBook>" % ("x" * 60000)))):
            path = self.archive("long.qdpx", self.qde(big))
            self.assert_refused(path, what, "project.qde is over a size limit", "longer than Gloss reads")
            os.unlink(path)

    def test_external_entity(self):
        qde = self.entries["project.qde"].decode()
        evil = qde.replace('<?xml version="1.0" encoding="utf-8"?>',
                           '<?xml version="1.0" encoding="utf-8"?>\n'
                           '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
        evil = evil.replace('name="Partnership"', 'name="&xxe;"')
        self.assert_refused(self.archive("xxe.qdpx", self.qde(evil)), "external entity", "entities")

    def test_entity_expansion(self):
        qde = self.entries["project.qde"].decode()
        lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10))
        evil = qde.replace('<?xml version="1.0" encoding="utf-8"?>',
                           f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE Project [{lol}]>')
        evil = evil.replace('name="Partnership"', 'name="&l9;"')
        self.assert_refused(self.archive("lol.qdpx", self.qde(evil)), "billion laughs", "entities")

    def test_not_a_zip(self):
        path = os.path.join(self.dir, "plain.qdpx")
        with open(path, "w") as f:
            f.write("not a zip at all")
        self.assert_refused(path, "not a zip archive", "plain.qdpx")


if __name__ == "__main__":
    result = unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2, exit=False).result
    print(f"hostile inputs tried: {len(tried)}")
    sys.exit(0 if result.wasSuccessful() else 1)
