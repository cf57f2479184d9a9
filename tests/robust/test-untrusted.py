#!/usr/bin/env python3
"""Project files whose values another program changed, on the genuine schema:
hostile GUIDs, a codebook that is not a tree, pages beyond the text, no
project row, text that is not UTF-8, a PDF blob that is garbage, a coding
outside its document. Each file is written here with Python's sqlite3; every
gloss-cli command runs on it: no crash, a clear message, nothing written
outside the chosen path, and `check` names the problem.

Usage: test-untrusted.py GLOSS_CLI CORPUS_DIR
"""

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import zipfile

CLI, CORPUS = sys.argv[1:3]
PDF = os.path.join(CORPUS, "002-trivial-libre-office-writer.pdf")


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, errors="replace", timeout=120)


def sql(path, script):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.executescript(script)
    db.close()


class Untrusted(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.project = os.path.join(self.dir, "p.gloss")
        text = os.path.join(self.dir, "t.txt")
        with open(text, "w") as f:
            f.write("The compact asks for burden sharing.\n" * 20)
        for args in (("init", self.project), ("import", self.project, text, PDF),
                     ("coder-add", self.project, "Amina"), ("code-add", self.project, "Burden"),
                     ("code-add", self.project, "Burden/Share"), ("code-add", self.project, "Other"),
                     ("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Burden/Share",
                      "--match", "burden sharing", "--all"),
                     ("code", self.project, "--doc", "2", "--coder", "Amina", "--code", "Other",
                      "--range", "0:5"),
                     ("hand-over", self.project)):
            p = run(*args)
            self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def commands(self, project):
        out = os.path.join(self.dir, "out")
        other = os.path.join(self.dir, "other.txt")
        with open(other, "w") as f:
            f.write("Another interview.\n")
        lead = os.path.join(self.dir, "lead.gloss")
        shutil.copy(self.project + ".orig", lead)
        yield ("documents", project, "--json")
        yield ("text", project, "1")
        yield ("coders", project)
        yield ("codes", project, "--json")
        yield ("codings", project, "--json")
        yield ("search", project, "burden")
        yield ("coder-add", project, "Ben")
        yield ("code-add", project, "New")
        yield ("code", project, "--doc", "1", "--coder", "Amina", "--code", "Burden", "--range", "0:3")
        yield ("import", project, other)
        yield ("undo", project)
        yield ("redo", project)
        yield ("copy", project, os.path.join(self.dir, "copy.gloss"), "--coder", "Amina")
        for fmt in ("qdpx", "qdc", "csv", "xlsx", "json", "html", "md"):
            yield ("export", project, "--format", fmt, "-o", f"{out}.{fmt}")
        yield ("matrix", project, "--kind", "code-document", "--format", "csv", "-o", out + "-m.csv")
        yield ("agreement", project, "--unit", "char")
        yield ("merge", lead, project)

    def assert_handled(self, what, *sentence):
        """Every command: no crash; those that refuse say why in one line;
        check exits 1 and names the problem."""
        shutil.copy(self.project, self.project + ".orig")
        listing = sorted(os.listdir(self.dir))
        for args in self.commands(self.project):
            p = run(*args)
            self.assertIn(p.returncode, (0, 1, 2), f"{what}: gloss-cli {args[0]} crashed: {p.returncode} {p.stderr}")
            for word in ("CRITICAL", "assert", "(null)", "SQLITE"):
                self.assertNotIn(word, p.stderr, f"{what}: gloss-cli {args[0]}")
            if p.returncode == 1:
                self.assertTrue(p.stderr.startswith("gloss-cli"), f"{what}: {args[0]}: {p.stderr}")
        for name in os.listdir(self.dir):
            path = os.path.join(self.dir, name)
            if name.endswith((".qdpx", ".xlsx")) and os.path.exists(path):
                self.assert_qdpx_safe(path, what)
            if os.path.isfile(path) and not name.endswith((".qdpx", ".xlsx", ".gloss", ".orig", "-wal", "-shm")):
                with open(path, "rb") as f:
                    self.assertNotIn(b"(null)", f.read(), f"{what}: {name}")
        self.assertFalse(os.path.exists("/tmp/x/slip.pdf"), what)
        p = run("check", self.project)
        self.assertEqual(p.returncode, 1, f"{what}: check says {p.stdout}{p.stderr}")
        for words in sentence:
            self.assertIn(words, p.stdout, f"{what}: check says {p.stdout}")
        return p

    def assert_qdpx_safe(self, path, what):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                self.assertNotIn("..", name, f"{what}: entry {name}")
            if "project.qde" in z.namelist():
                qde = z.read("project.qde")
                self.assertNotIn(b"<Injected", qde, what)
                self.assertNotIn(b"(null)", qde, what)

    def assert_repaired(self, what, *changes, left=()):
        """gloss-cli repair writes a copy that opens and passes check (or
        names what it could not repair), says what it changed, and leaves
        the file as it was."""
        with open(self.project, "rb") as f:
            before = hashlib.sha256(f.read()).hexdigest()
        out = os.path.join(self.dir, "repaired.gloss")
        p = run("repair", self.project, out)
        self.assertEqual(p.returncode, 1 if left else 0, f"{what}: {p.stdout}{p.stderr}")
        for words in changes:
            self.assertIn(words, p.stdout, f"{what}: repair says {p.stdout}")
        with open(self.project, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), before, f"{what}: the original changed")
        check = run("check", out)
        if left:
            self.assertIn("could not be repaired", p.stderr, what)
            for words in left:
                self.assertIn(words, check.stdout, f"{what}: check of the copy says {check.stdout}")
        else:
            self.assertEqual(check.stdout.strip(), "ok", f"{what}: check of the copy says {check.stdout}")
            # The copy opens for every command, and its export imports again.
            self.assertEqual(run("codings", out).returncode, 0, what)
            qdpx = os.path.join(self.dir, "repaired.qdpx")
            self.assertEqual(run("export", out, "--format", "qdpx", "-o", qdpx).returncode, 0, what)
            self.assertEqual(run("import-qdpx", os.path.join(self.dir, "back.gloss"), qdpx).returncode, 0, what)
        self.assertEqual(run("repair", self.project, out).returncode, 1, f"{what}: repair over an existing file")
        return p

    def refused_on_open(self, what, needle):
        # A file in rollback-journal mode, as another program may leave it:
        # refusing it must not turn it to WAL (the open did, before the check).
        sql(self.project, "PRAGMA journal_mode = DELETE")
        with open(self.project, "rb") as f:
            before = hashlib.sha256(f.read()).hexdigest()
        p = run("codings", self.project)
        self.assertEqual(p.returncode, 1, f"{what}: {p.stdout}")
        self.assertIn("was not opened", p.stderr, what)
        self.assertIn(needle, p.stderr, what)
        with open(self.project, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), before, f"{what}: the refused file changed")

    def test_hostile_guids(self):
        sql(self.project, "UPDATE document SET guid = '../../../../tmp/x/slip' WHERE id = 2;"
                          "UPDATE code SET guid = 'x\"/><Injected/>' WHERE id = 1;")
        self.assert_handled("hostile GUIDs", "../../../../tmp/x/slip", "x\\\"/><Injected/>", "is not a GUID")
        self.refused_on_open("hostile GUIDs", "is not a GUID")
        self.assert_repaired("hostile GUIDs", "had the GUID “../../../../tmp/x/slip”, which is not a GUID")

    def test_own_export_of_hostile_guids_imports(self):
        """The export of a project whose GUIDs were hostile: refused before
        anything is written, never a malformed archive."""
        sql(self.project, "UPDATE coder SET guid = 'a<b' WHERE id = 1")
        out = os.path.join(self.dir, "out.qdpx")
        p = run("export", self.project, "--format", "qdpx", "-o", out)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertFalse(os.path.exists(out))
        # Once the GUID is repaired, Gloss imports its own export.
        sql(self.project, "UPDATE coder SET guid = '0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d11' WHERE id = 1")
        self.assertEqual(run("export", self.project, "--format", "qdpx", "-o", out).returncode, 0)
        back = os.path.join(self.dir, "back.gloss")
        p = run("import-qdpx", back, out)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_code_is_its_own_parent(self):
        sql(self.project, "UPDATE code SET parent_id = id WHERE name = 'Other'")
        self.assert_handled("self-parent code", "The code “Other”", "its own parent or ancestor")
        self.refused_on_open("self-parent code", "its own parent")
        p = self.assert_repaired("self-parent code", "The code “Other” (3) was its own parent or ancestor")
        self.assertIn("Other", run("codes", os.path.join(self.dir, "repaired.gloss")).stdout)

    def test_longer_code_cycle(self):
        sql(self.project, "UPDATE code SET parent_id = (SELECT id FROM code WHERE name = 'Share') "
                          "WHERE name = 'Burden'")
        p = self.assert_handled("two-code cycle", "The code “Burden”", "The code “Share”")
        self.refused_on_open("two-code cycle", "ancestor")
        self.assert_repaired("two-code cycle", "The code “Burden” (1) was its own parent or ancestor")
        codings = run("codings", os.path.join(self.dir, "repaired.gloss"), "--code", "Burden/Share").stdout
        self.assertEqual(len(codings.strip().split("\n")), 20, "no coding is lost")

    def test_page_beyond_text(self):
        sql(self.project, "UPDATE page SET start = 100000 WHERE document_id = 2 AND idx = 0")
        self.assert_handled("page beyond the text", "The pages of the document")
        self.refused_on_open("page beyond the text", "do not match its text")
        self.assert_repaired("page beyond the text", "they were cut again from the text")

    def test_pages_inconsistent(self):
        sql(self.project, "UPDATE page SET length = length - 3 WHERE document_id = 1")
        self.assert_handled("pages shorter than the text", "The pages of the document “t.txt”")
        self.assert_repaired("pages shorter than the text", "The pages of the document “t.txt” (1) did not match")

    def test_missing_project_row(self):
        sql(self.project, "DELETE FROM project")
        self.assert_handled("no project row", "The table “project” has no row")
        self.refused_on_open("no project row", "“project” has no row")
        self.assert_repaired("no project row", "The project row was missing; it was made again with the title “p”.")

    def test_invalid_utf8_text(self):
        sql(self.project, "UPDATE document SET text = CAST (X'41FF42' AS TEXT) || substr (text, 4) WHERE id = 1")
        self.assert_handled("invalid UTF-8 text", "The text of the document “t.txt” (1) is not valid UTF-8")
        self.assert_repaired("invalid UTF-8 text", left=("is not valid UTF-8",))

    def test_invalid_utf8_names(self):
        """Names and memos in bytes that are not UTF-8, one of them cut in the
        middle of a character: every command reads them as U+FFFD (never past
        their end), exports stay UTF-8, check names each, repair mends them."""
        sql(self.project, "UPDATE code SET name = CAST (X'4275726465C3' AS TEXT) WHERE name = 'Burden';"
                          "UPDATE coder SET name = CAST (X'416D696E61E2' AS TEXT) WHERE name = 'Amina';"
                          "UPDATE coding SET memo = CAST (X'6D656D6FF0' AS TEXT) WHERE id = 1")
        self.assert_handled("invalid UTF-8 names",
                            "The column “name” of the row 1 of the table “code” is not valid UTF-8",
                            "The column “name” of the row 1 of the table “coder” is not valid UTF-8",
                            "The column “memo” of the row 1 of the table “coding” is not valid UTF-8")
        out = os.path.join(self.dir, "out.qdpx")
        if os.path.exists(out):  # a project without its constraints is not exported
            with zipfile.ZipFile(out) as z:
                qde = z.read("project.qde").decode("utf-8")
            self.assertIn('name="Burde\ufffd"', qde)
            self.assertIn('name="Amina\ufffd"', qde)
        else:
            self.assertIsInstance(self, UntrustedWithoutConstraints)
        self.assert_repaired("invalid UTF-8 names",
                             "The column “name” of the row 1 of the table “code” was not valid UTF-8",
                             "The column “memo” of the row 1 of the table “coding” was not valid UTF-8")
        codes = run("codes", os.path.join(self.dir, "repaired.gloss")).stdout
        self.assertIn("Burde\ufffd", codes)

    def test_garbage_pdf_blob(self):
        sql(self.project, "UPDATE document_blob SET bytes = zeroblob (length (bytes)) WHERE document_id = 2")
        self.assert_handled("garbage PDF", "The PDF of the document “002-trivial-libre-office-writer.pdf” (2) "
                                           "cannot be read")
        self.assert_repaired("garbage PDF", left=("cannot be read",))

    def test_coding_outside_document(self):
        sql(self.project, "UPDATE coding SET start = 5000, end = 5004 WHERE document_id = 2")
        self.assert_handled("coding outside its document", "A coding lies outside its document")
        self.assert_repaired("coding outside its document", "The coding 21 at 5000:5004 lay outside the text")


def strip_constraints(create):
    """The same columns, without NOT NULL, UNIQUE, DEFAULT, CHECK,
    REFERENCES and COLLATE."""
    create = re.sub(r"\s+NOT NULL", "", create)
    create = re.sub(r"\s+UNIQUE(?! \()", "", create)
    create = re.sub(r",\s*UNIQUE \([^)]*\)", "", create)
    create = re.sub(r"\s+DEFAULT ('[^']*'|\d+)", "", create)
    create = re.sub(r"\s+CHECK \((?:[^()]|\([^()]*\))*\)", "", create)
    create = re.sub(r"\s+REFERENCES \w+ \(\w+\)( ON DELETE CASCADE)?", "", create)
    return re.sub(r"\s+COLLATE NOCASE", "", create)


def recreate_without_constraints(path):
    db = sqlite3.connect(path, isolation_level=None)
    # code before set_item: rebuilding code drops the trigger on it that names set_item
    tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("BEGIN")
    for name, create in tables:
        db.execute(f'ALTER TABLE "{name}" RENAME TO "old_{name}"')
        db.execute(strip_constraints(create))
        db.execute(f'INSERT INTO "{name}" SELECT * FROM "old_{name}"')
        db.execute(f'DROP TABLE "old_{name}"')
    db.execute("COMMIT")
    db.close()


class UntrustedWithoutConstraints(Untrusted):
    """Each file above, its tables recreated without their constraints
    (same columns): refused by the schema check, named by check, repaired
    into tables as Gloss defines them."""

    def setUp(self):
        super().setUp()
        recreate_without_constraints(self.project)

    def refused_on_open(self, what, needle):
        super().refused_on_open(what, "is not defined as Gloss defines it")

    def assert_handled(self, what, *sentence):
        return super().assert_handled(what, "The table “coding” is not defined as Gloss defines it", *sentence)

    def assert_repaired(self, what, *changes, left=()):
        return super().assert_repaired(what, "The table “coding” was made again as Gloss defines it.", *changes,
                                       left=left)

    def test_own_export_of_hostile_guids_imports(self):
        """Without its constraints, the project is not exported at all."""
        sql(self.project, "UPDATE coder SET guid = 'a<b' WHERE id = 1")
        out = os.path.join(self.dir, "out.qdpx")
        p = run("export", self.project, "--format", "qdpx", "-o", out)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn("is not defined as Gloss defines it", p.stderr)
        self.assertFalse(os.path.exists(out))

    def test_duplicate_and_null_guids(self):
        sql(self.project, "UPDATE coding SET guid = (SELECT guid FROM coding WHERE id = 1) WHERE id < 4;"
                          "UPDATE coder SET guid = NULL; UPDATE coding SET quote = NULL WHERE id = 5")
        self.assert_handled("shared and missing GUIDs", "3 rows of the table “coding” share the GUID",
                            "“NULL”, which is not a GUID")
        self.refused_on_open("shared GUIDs", "")
        p = self.assert_repaired("shared and missing GUIDs", "The row 2 of the table “coding” shared the GUID",
                                 "The row 1 of the table “coder” had the GUID “NULL”",
                                 "1 row of the table “coding” broke its rules")
        codings = run("codings", os.path.join(self.dir, "repaired.gloss"), "--json").stdout
        self.assertEqual(codings.count('"guid"'), 20, "only the coding without its quote is left out")


class UntrustedMerge(unittest.TestCase):
    """A coder's copy is merged only if it is what it says; a refused
    merge leaves the lead as it was."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.lead = os.path.join(self.dir, "lead.gloss")
        self.copy = os.path.join(self.dir, "copy.gloss")
        self.real = os.path.join(self.dir, "real.txt")
        with open(self.real, "w") as f:
            f.write("We were consulted once, after the plan was made.\n" * 10)
        for args in (("init", self.lead), ("coder-add", self.lead, "Lead"), ("code-add", self.lead, "Voice"),
                     ("copy", self.lead, self.copy, "--coder", "Ben"), ("import", self.copy, self.real),
                     ("import", self.copy, PDF),
                     ("code", self.copy, "--doc", "1", "--coder", "Ben", "--code", "Voice", "--range", "0:5")):
            p = run(*args)
            self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def state(self):
        return tuple(run(cmd, self.lead, "--json").stdout for cmd in ("documents", "coders", "codes", "codings"))

    def assert_refused(self, what, *words):
        before = self.state()
        p = run("merge", self.lead, self.copy)
        self.assertEqual(p.returncode, 1, f"{what}: {p.stdout}{p.stderr}")
        self.assertEqual(len(p.stderr.strip().split("\n")), 1, p.stderr)
        for word in words:
            self.assertIn(word, p.stderr, what)
        self.assertEqual(self.state(), before, what)
        self.assertEqual(run("check", self.lead).stdout.strip(), "ok", what)

    def test_sound_copy_merges(self):
        p = run("merge", self.lead, self.copy)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(run("check", self.lead).stdout.strip(), "ok")

    def test_planted_text_under_real_checksum(self):
        sql(self.copy, "UPDATE document SET text = upper (text) WHERE id = 1;"
                       "UPDATE coding SET quote = upper (quote), prefix = upper (prefix), suffix = upper (suffix)")
        self.assertEqual(run("check", self.copy).returncode, 0)
        self.assert_refused("planted text", "real.txt", "not the text Gloss reads from its file")
        # The real file still goes in as new.
        p = run("import", self.lead, self.real)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_checksum_of_another_file(self):
        sql(self.copy, "UPDATE document SET sha256 = '%s' WHERE id = 1" % ("ab" * 32))
        self.assert_refused("false SHA-256", "real.txt", "SHA-256")

    def test_pdf_text_replaced(self):
        sql(self.copy, "UPDATE document SET text = replace (text, 'a', 'o') WHERE id = 2")
        self.assert_refused("planted PDF text", "not the text Gloss reads")

    def test_broken_document(self):
        sql(self.copy, "UPDATE page SET start = 9999 WHERE document_id = 2")
        self.assert_refused("broken pages", "copy.gloss", "do not match its text")

    def test_coding_outside_document(self):
        sql(self.copy, "UPDATE coding SET start = 4000, end = 4005")
        self.assert_refused("coding outside", "copy.gloss", "outside its document")

    def test_code_cycle(self):
        sql(self.copy, "UPDATE code SET parent_id = id")
        self.assert_refused("code cycle", "copy.gloss", "its own parent")


class UntrustedQdpxPositions(unittest.TestCase):
    """Selection positions near ±9e18 or beyond the text: skipped and
    listed, never clamped into a coding of the whole document."""

    SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz", "corpus-qdpx", "small.qdpx")

    def test_out_of_range_positions(self):
        with zipfile.ZipFile(self.SEED) as z:
            entries = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
        qde = entries["project.qde"].decode()
        for start, end in (("-9223372036854775800", "9223372036854775807"), ("0", "9223372036854775807"),
                           ("-9223372036854775808", "5"), ("-3", "20"), ("21", "99999")):
            with tempfile.TemporaryDirectory() as tmp:
                entries["project.qde"] = qde.replace('startPosition="21" endPosition="35"',
                                                     f'startPosition="{start}" endPosition="{end}"').encode()
                qdpx = os.path.join(tmp, "in.qdpx")
                with zipfile.ZipFile(qdpx, "w") as z:
                    for name, data in entries.items():
                        z.writestr(name, data)
                project = os.path.join(tmp, "out.gloss")
                p = run("import-qdpx", project, qdpx)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertIn("outside their text", p.stdout + p.stderr)
                self.assertIn(f"{start}\u2013{end}", p.stdout + p.stderr)
                codings = run("codings", project, "--json").stdout
                self.assertEqual(codings.strip(), "[]", f"{start}-{end}: {codings}")


if __name__ == "__main__":
    result = unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
