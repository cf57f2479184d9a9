#!/usr/bin/env python3
"""gloss-cli end to end: every subcommand, its exit statuses and its output.

Usage: test-cli.py GLOSS_CLI GLOSS_TYPESET CORPUS_DIR
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

CLI, TYPESET, CORPUS = sys.argv[1:4]

COMMANDS = ["init", "import", "documents", "text", "coders", "coder-add", "coder-remove", "codes",
            "code-add", "code", "codings", "load", "search", "check", "undo", "redo",
            "hand-over", "reextract"]


def run(*args, ok=True):
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise AssertionError(f"{args}: exit {p.returncode}: {p.stderr}")
    return p


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.project = os.path.join(self.dir, "p.gloss")
        run("init", self.project, "--title", "Compacts")

    def tearDown(self):
        self.tmp.cleanup()

    def fixture_pdf(self, name, text, title=None):
        src = os.path.join(self.dir, name + ".txt")
        with open(src, "w") as f:
            f.write(text)
        out = os.path.join(self.dir, name + ".pdf")
        args = [TYPESET, "--plain", src, out]
        if title:
            args[1:1] = ["--title", title]
        subprocess.run(args, check=True)
        return out

    def write(self, name, data, mode="w"):
        path = os.path.join(self.dir, name)
        with open(path, mode) as f:
            f.write(data)
        return path

    def json(self, *args):
        return json.loads(run(*args, "--json").stdout)

    # Usage and help

    def test_help_and_usage(self):
        self.assertEqual(run("--help").returncode, 0)
        for command in COMMANDS:
            p = run(command, "--help")
            self.assertIn("Usage", p.stdout, command)
        p = run("no-such-command", ok=False)
        self.assertEqual(p.returncode, 2)
        p = run(ok=False)
        self.assertEqual(p.returncode, 2)
        for args in (["documents"], ["documents", self.project, "--bogus"],
                     ["text", self.project], ["code", self.project, "--doc", "1"],
                     ["code", self.project, "--doc", "1", "--coder", "A", "--code", "C",
                      "--range", "1:2", "--match", "x"],
                     ["text", self.project, "1", "--range", "nonsense"]):
            p = run(*args, ok=False)
            self.assertEqual(p.returncode, 2, args)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)

    def test_user_errors_are_one_line(self):
        notes = self.write("notes.gloss", "not a project\n")
        newer = os.path.join(self.dir, "newer.gloss")
        run("init", newer)
        subprocess.run(["sqlite3", newer, "PRAGMA user_version = 99"], check=True)
        before = sha(newer)
        for args, needle in ((["documents", notes], "not a Gloss project"),
                             (["documents", os.path.join(self.dir, "none.gloss")], "none.gloss"),
                             (["documents", newer], "newer version"),
                             (["init", self.project], "already exists"),
                             (["text", self.project, "missing"], "No document")):
            p = run(*args, ok=False)
            self.assertEqual(p.returncode, 1, args)
            self.assertIn(needle, p.stderr)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1)
        self.assertEqual(before, sha(newer))

    # Documents

    def test_import_and_text(self):
        pdf = self.fixture_pdf("compact", "Partnership requires accountability.\n"
                               "Civil society stays independent.\n\f\nRefugees take part.\n",
                               title="Global Compact")
        txt = self.write("interview.txt", "Interviewer: Hello\r\nR: Hi\r\n")
        p = run("import", self.project, pdf, txt)
        self.assertIn("imported", p.stdout)
        docs = self.json("documents", self.project)
        self.assertEqual([d["title"] for d in docs], ["Global Compact", "interview.txt"])
        self.assertEqual(docs[0]["kind"], "pdf")
        self.assertEqual(docs[0]["pages"], 2)
        self.assertEqual(docs[1]["kind"], "text")
        expected = ("Partnership requires accountability.\nCivil society stays independent."
                    "\fRefugees take part.")
        self.assertEqual(docs[0]["characters"], len(expected))
        self.assertEqual(run("text", self.project, "Global Compact").stdout, expected)
        self.assertEqual(run("text", self.project, "1", "--range", "12:20").stdout, "requires")
        self.assertEqual(run("text", self.project, "interview.txt").stdout, "Interviewer: Hello\nR: Hi\n")
        p = run("text", self.project, "1", "--range", "0:999", ok=False)
        self.assertEqual(p.returncode, 1)

        # Again: a duplicate, reported, not stored twice
        p = run("import", self.project, pdf)
        self.assertIn("already in the project", p.stdout)
        self.assertEqual(len(self.json("documents", self.project)), 2)

    def test_import_corpus_and_bad_files(self):
        good = sorted(f for f in os.listdir(CORPUS) if f.endswith(".pdf") and "password" not in f)
        p = run("import", self.project, *[os.path.join(CORPUS, f) for f in good])
        docs = self.json("documents", self.project)
        self.assertEqual(len(docs), len(good))
        for doc, name in zip(docs, good):
            info = subprocess.run(["pdfinfo", os.path.join(CORPUS, name)], capture_output=True, text=True).stdout
            pages = int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])
            self.assertEqual(doc["pages"], pages, name)

        bad = os.path.join(CORPUS, "bad")
        names = sorted(os.listdir(bad))
        p = run("import", self.project, *[os.path.join(bad, f) for f in names], ok=False)
        self.assertEqual(p.returncode, 1)
        refused = p.stderr.strip().splitlines()
        for name in names:
            if name != "corrupted-bytes.pdf":
                self.assertTrue(any(name in line for line in refused), name)
        after = self.json("documents", self.project)
        self.assertLessEqual(len(after) - len(docs), 1)
        self.assertIn("ok", run("check", self.project).stdout)

    def test_password(self):
        pdf = os.path.join(CORPUS, "libreoffice-writer-password.pdf")
        p = run("import", self.project, pdf, ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("password", p.stderr)
        p = run("import", self.project, pdf, "--password", "wrong", ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(self.json("documents", self.project), [])
        run("import", self.project, pdf, "--password", "openpassword")
        self.assertEqual(len(self.json("documents", self.project)), 1)

    def test_invalid_utf8(self):
        bad = self.write("latin1.txt", b"Caf\xe9", mode="wb")
        p = run("import", self.project, bad, ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("offset 3", p.stderr)

    # Codebook, codings, search, load, history

    def prepare(self):
        txt = self.write("forum.txt", "The partnership principle asks states to share responsibility.\n"
                         "Partnership with civil society needs independence.")
        run("import", self.project, txt)
        run("coder-add", self.project, "Amina", "--color", "#813d9c")
        run("coder-add", self.project, "Jonas")
        run("code-add", self.project, "Partnership/Funding", "--color", "#3584e4",
            "--description", "Money and who gives it")
        run("code-add", self.project, "Independence")

    def test_codebook(self):
        self.prepare()
        codes = self.json("codes", self.project)
        self.assertEqual([c["path"] for c in codes], ["Partnership", "Partnership/Funding", "Independence"])
        self.assertEqual(codes[1]["color"], "#3584e4")
        self.assertEqual(codes[1]["description"], "Money and who gives it")
        self.assertEqual(codes[1]["parent"], codes[0]["id"])
        coders = self.json("coders", self.project)
        self.assertEqual([c["name"] for c in coders], ["Amina", "Jonas"])
        self.assertEqual(run("code-add", self.project, "Independence", ok=False).returncode, 1)
        self.assertEqual(run("coder-add", self.project, "amina", ok=False).returncode, 1)
        self.assertEqual(run("coder-add", self.project, "Zoe", "--color", "blue", ok=False).returncode, 1)

    def test_coder_remove(self):
        self.prepare()
        run("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Independence", "--range", "0:3")
        run("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Independence", "--range", "4:9")
        run("code", self.project, "--doc", "1", "--coder", "Jonas", "--code", "Independence", "--range", "0:3")
        before = [self.json(k, self.project) for k in ("coders", "codings")]
        # An unknown coder: a clear message, nothing changed.
        for who in ("Nobody", "999", "0"):
            p = run("coder-remove", self.project, who, "--yes", ok=False)
            self.assertEqual(p.returncode, 1, who)
            self.assertEqual(p.stderr, f"gloss-cli: No coder “{who}” in the project\n")
        self.assertEqual(run("coder-remove", self.project, ok=False).returncode, 2)
        # A coder with codings goes only with --yes.
        p = run("coder-remove", self.project, "Amina", ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr, "gloss-cli: “Amina” has 2 codings: add --yes to remove them with the coder\n")
        self.assertEqual([self.json(k, self.project) for k in ("coders", "codings")], before)
        p = run("coder-remove", self.project, "Amina", "--yes")
        self.assertEqual(p.stdout, "removed coder “Amina” and 2 codings\n")
        self.assertEqual([c["name"] for c in self.json("coders", self.project)], ["Jonas"])
        self.assertEqual([(c["coder"], c["start"]) for c in self.json("codings", self.project)], [("Jonas", 0)])
        # One step: undo brings the coder back with both codings, redo takes them again.
        self.assertEqual(run("undo", self.project).stdout, "Undone: Remove coder “Amina”\n")
        self.assertEqual([self.json(k, self.project) for k in ("coders", "codings")], before)
        run("redo", self.project)
        self.assertEqual(len(self.json("codings", self.project)), 1)
        # By id; a coder without codings needs no --yes.
        jonas = self.json("coders", self.project)[0]
        sara = run("coder-add", self.project, "Sara").stdout.strip()
        self.assertEqual(run("coder-remove", self.project, sara).stdout, "removed coder “Sara” and 0 codings\n")
        self.assertEqual(run("coder-remove", self.project, jonas["id"], "--yes").stdout,
                         "removed coder “Jonas” and 1 coding\n")
        self.assertEqual(self.json("coders", self.project), [])
        self.assertEqual(self.json("codings", self.project), [])
        # A coder whose name is a number is named by it before any id.
        run("undo", self.project)
        two = run("coder-add", self.project, str(jonas["id"])).stdout.strip()
        run("coder-remove", self.project, str(jonas["id"]), "--yes")
        self.assertEqual([c["name"] for c in self.json("coders", self.project)], ["Jonas"])
        self.assertNotEqual(two, str(jonas["id"]))
        self.assertIn("ok", run("check", self.project).stdout)

    def test_code_and_codings(self):
        self.prepare()
        run("code", self.project, "--doc", "forum.txt", "--coder", "Amina", "--code", "Partnership/Funding",
            "--range", "4:25")
        p = run("code", self.project, "--doc", "1", "--coder", "Jonas", "--code", "Independence",
                "--match", "partnership", "--all")
        self.assertIn("coded 2 passages", p.stdout)
        p = run("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Independence",
                "--match", "independence")
        codings = self.json("codings", self.project)
        self.assertEqual(len(codings), 4)
        first = codings[1]
        self.assertEqual((first["start"], first["end"], first["quote"]), (4, 25, "partnership principle"))
        self.assertEqual((first["coder"], first["code"], first["document"]), ("Amina", "Partnership/Funding", "forum.txt"))
        self.assertEqual(len(self.json("codings", self.project, "--coder", "Jonas")), 2)
        self.assertEqual(len(self.json("codings", self.project, "--code", "Independence")), 3)
        self.assertEqual(len(self.json("codings", self.project, "--doc", "forum.txt")), 4)

        for args in (["--range", "5:5"], ["--range", "0:9999"]):
            p = run("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Independence", *args, ok=False)
            self.assertEqual(p.returncode, 1, args)
        p = run("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Partnership/Funding",
                "--range", "4:25", ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("already has this code", p.stderr)
        p = run("code", self.project, "--doc", "1", "--coder", "Nobody", "--code", "Independence",
                "--range", "1:2", ok=False)
        self.assertEqual(p.returncode, 1)

        docs = self.json("documents", self.project)
        self.assertEqual(docs[0]["codings"], 4)

    def test_search(self):
        self.prepare()
        hits = self.json("search", self.project, "PARTNERSHIP")
        self.assertEqual([(h["start"], h["end"], h["page"]) for h in hits], [(4, 15, 1), (63, 74, 1)])
        self.assertEqual(hits[1]["text"], "Partnership")
        hits = self.json("search", self.project, "Partnership", "--case-sensitive", "--doc", "forum.txt")
        self.assertEqual(len(hits), 1)

    def test_reextract(self):
        # habibi.pdf as the first extraction stored it: poppler's own text,
        # the Arabic word as drawn between bidi marks, coded there.
        run("import", self.project, os.path.join(CORPUS, "habibi.pdf"))
        old = "\u202b\u202a habibi\u202c\u064a\u0628\u064a\u0628\u064e\u062d\u202c"
        subprocess.run(["sqlite3", self.project,
                        f"UPDATE document SET text = '{old}', n_chars = 17; UPDATE page SET length = 17"],
                       check=True)
        run("coder-add", self.project, "Amina")
        run("code-add", self.project, "Names")
        run("code", self.project, "--doc", "habibi", "--coder", "Amina", "--code", "Names", "--range", "10:16")
        self.assertEqual(self.json("codings", self.project)[0]["quote"], old[10:16])

        p = run("reextract", self.project, "habibi")
        self.assertIn(": 1", p.stdout)
        arabic = "\u062d\u064e\u0628\u064a\u0628\u064a"
        self.assertEqual(run("text", self.project, "habibi").stdout, arabic + " habibi")
        coding = self.json("codings", self.project)[0]
        self.assertEqual((coding["start"], coding["end"], coding["quote"]), (0, 6, arabic))
        self.assertIn("ok", run("check", self.project).stdout)
        p = run("reextract", self.project, "nope", ok=False)
        self.assertEqual(p.returncode, 1)

    def test_load(self):
        self.prepare()
        good = self.write("good.json", json.dumps({
            "coders": [{"name": "Sara", "color": "#1c71d8"}],
            "codes": [{"path": "Participation/Refugee-led", "color": "#2ec27e", "description": "d"}],
            "codings": [{"document": "forum.txt", "coder": "Sara", "code": "Participation/Refugee-led",
                         "start": 0, "end": 3, "memo": "opening"},
                        {"document": 1, "coder": "Amina", "code": "Independence", "match": "civil society"}]}))
        run("load", self.project, good)
        codings = self.json("codings", self.project)
        self.assertEqual([(c["start"], c["end"], c["memo"]) for c in codings], [(0, 3, "opening"), (80, 93, None)])

        before = sha(self.project)
        for body, needle in (('{"codings": [{"document": "forum.txt", "coder": "Sara", "code": "X", "start": 5, "end": 2}]}',
                              "codings[0]"),
                             ('{"coders": [{"name": "Ok"}, {"color": "#000000"}]}', "coders[1]"),
                             ('{"codes": [', "JSON"),
                             ('{"codings": [{"document": "nope", "coder": "Sara", "code": "X", "start": 0, "end": 2}]}',
                              "nope")):
            bad = self.write("bad.json", body)
            p = run("load", self.project, bad, ok=False)
            self.assertEqual(p.returncode, 1, body)
            self.assertIn(needle, p.stderr)
        self.assertEqual(len(self.json("codings", self.project)), 2)
        self.assertEqual([c["name"] for c in self.json("coders", self.project)], ["Amina", "Jonas", "Sara"])

    def test_undo_redo_and_check(self):
        self.prepare()
        run("code", self.project, "--doc", "1", "--coder", "Amina", "--code", "Independence", "--range", "0:3")
        guid = self.json("codings", self.project)[0]["guid"]
        run("undo", self.project)
        self.assertEqual(self.json("codings", self.project), [])
        p = run("redo", self.project)
        self.assertIn("Add coding", p.stdout)
        self.assertEqual(self.json("codings", self.project)[0]["guid"], guid)
        self.assertEqual(run("redo", self.project, ok=False).returncode, 1)
        self.assertIn("ok", run("check", self.project).stdout)

    def load_codings(self, n):
        body = {"codings": [{"document": "forum.txt", "coder": "Amina", "code": "Independence",
                             "start": i, "end": i + 5} for i in range(n)]}
        run("load", self.project, self.write("many.json", json.dumps(body)))

    def test_undo_redo_say_what(self):
        self.prepare()
        self.load_codings(12)
        p = run("undo", self.project)
        self.assertEqual(p.stdout, "Undone: Load codings (12 codings)\n")
        self.assertEqual(self.json("codings", self.project), [])
        p = run("redo", self.project)
        self.assertEqual(p.stdout, "Redone: Load codings (12 codings)\n")
        self.assertEqual(len(self.json("codings", self.project)), 12)
        p = run("undo", self.project)
        p = run("undo", self.project)
        self.assertEqual(p.stdout, "Undone: Add code “Independence”\n")

    def test_hand_over(self):
        self.prepare()
        self.load_codings(3)
        before = [self.json(k, self.project) for k in ("documents", "coders", "codes", "codings")]
        run("hand-over", self.project)
        p = run("undo", self.project, ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("Nothing to undo", p.stderr)
        self.assertEqual([self.json(k, self.project) for k in ("documents", "coders", "codes", "codings")],
                         before)
        # What comes after it can be undone, and undo stops there again.
        run("coder-add", self.project, "Sara")
        self.assertIn("Add coder “Sara”", run("undo", self.project).stdout)
        self.assertEqual(run("undo", self.project, ok=False).returncode, 1)
        self.assertEqual([self.json(k, self.project) for k in ("documents", "coders", "codes", "codings")],
                         before)
        self.assertEqual(run("hand-over", os.path.join(self.dir, "missing.gloss"), ok=False).returncode, 1)

    def test_export_encrypted_pdf_warns(self):
        locked = os.path.join(CORPUS, "libreoffice-writer-password.pdf")
        run("import", self.project, locked, "--password", "openpassword")
        out = os.path.join(self.dir, "out.qdpx")
        p = run("export", self.project, "--format", "qdpx", "-o", out)
        self.assertIn("gloss-cli: warning: “libreoffice-writer-password.pdf” is protected by a password", p.stderr)
        self.assertIn("will ask for its password", p.stderr)
        self.assertNotIn("openpassword", p.stderr)
        summary = json.loads(run("export", self.project, "--format", "qdpx", "-o", out, "--json").stdout)
        self.assertEqual(summary["file"], out)
        self.assertEqual(summary["format"], "qdpx")
        self.assertEqual(len(summary["warnings"]), 1)
        self.assertIn("libreoffice-writer-password.pdf", summary["warnings"][0])
        # The archive holds the PDF as it was imported: still encrypted.
        with open(locked, "rb") as f:
            original = f.read()
        with zipfile.ZipFile(out) as z:
            pdfs = [z.read(n) for n in z.namelist() if n.endswith(".pdf")]
        self.assertEqual(pdfs, [original])
        # Excerpts carry text only: nothing to warn about.
        p = run("export", self.project, "--format", "csv", "-o", os.path.join(self.dir, "out.csv"))
        self.assertEqual(p.stderr, "")
        summary = json.loads(run("export", self.project, "--format", "csv", "-o",
                                 os.path.join(self.dir, "out2.csv"), "--json").stdout)
        self.assertEqual(summary["warnings"], [])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
