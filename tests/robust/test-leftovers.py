#!/usr/bin/env python3
"""What a killed import, copy or repair leaves behind: the hidden
".NAME.XXXXXX.gloss" beside its target (with -wal and -shm) and, from older
versions, "gloss-qdpx-XXXXXX" folders in the temporary folder. The next
gloss-cli copy, import-qdpx or repair into that folder removes those that
are Gloss's and abandoned, and leaves alone what is not Gloss's, what was
written lately, and what another running process holds open.

Usage: test-leftovers.py GLOSS_CLI
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

CLI = sys.argv[1]
OLD = time.time() - 2 * 3600

HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("SELECT count(*) FROM project").fetchone()
print("ready", flush=True)
sys.stdin.read()
"""


def run(*args, env=None):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120, env=env)


def age(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.utime(path + suffix, (OLD, OLD))


class Leftovers(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.scratch = os.path.join(self.dir, "tmp")
        os.mkdir(self.scratch)
        self.env = dict(os.environ, TMPDIR=self.scratch)
        self.project = os.path.join(self.dir, "p.gloss")
        self.assertEqual(run("init", self.project).returncode, 0)
        self.assertEqual(run("coder-add", self.project, "Amina").returncode, 0)

    def tearDown(self):
        self.tmp.cleanup()

    def leftover(self, name, wal=True):
        """A half-made project as a killed import leaves it."""
        path = os.path.join(self.dir, name)
        with open(self.project, "rb") as f, open(path, "wb") as out:
            out.write(f.read())
        if wal:
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA wal_autocheckpoint = 0")
            db.execute("INSERT INTO coder (guid, name, color, created) "
                       "VALUES ('0b6e6c55-6f7a-4c43-9a55-3c1c2a9c0d11', 'Ben', '#000000', 0)")
            # Killed: the -wal and -shm stay.
            db.close()
            with open(path + "-wal", "wb") as f:
                f.write(b"\0" * 32)
            with open(path + "-shm", "wb") as f:
                f.write(b"\0" * 32)
        return path

    def copy_into_folder(self):
        out = os.path.join(self.dir, "copy.gloss")
        p = run("copy", self.project, out, "--coder", "Ben", env=self.env)
        self.assertEqual(p.returncode, 0, p.stderr)
        os.unlink(out)

    def test_abandoned_are_removed(self):
        stale = self.leftover(".out.gloss.ab12cd.gloss")
        age(stale)
        empty = os.path.join(self.dir, ".copy.gloss.Q7xY2z.gloss")
        open(empty, "w").close()
        age(empty)
        orphan = os.path.join(self.dir, ".gone.gloss.zz99yy.gloss-wal")
        with open(orphan, "wb") as f:
            f.write(b"\0" * 32)
        os.utime(orphan, (OLD, OLD))
        folder = os.path.join(self.scratch, "gloss-qdpx-Ab3dE9")
        os.mkdir(folder)
        with open(os.path.join(folder, "source.pdf"), "wb") as f:
            f.write(b"%PDF-1.4")
        os.utime(os.path.join(folder, "source.pdf"), (OLD, OLD))
        os.utime(folder, (OLD, OLD))

        self.copy_into_folder()
        for path in (stale, stale + "-wal", stale + "-shm", empty, orphan, folder):
            self.assertFalse(os.path.exists(path), f"{os.path.basename(path)} is removed")
        self.assertEqual(run("check", self.project).stdout.strip(), "ok")

    def test_others_are_kept(self):
        fresh = self.leftover(".new.gloss.fr35h1.gloss")
        text = os.path.join(self.dir, ".notes.gloss.ab12cd.gloss")
        with open(text, "w") as f:
            f.write("not a project, but named like one\n")
        age(text)
        other = os.path.join(self.dir, ".other.gloss.cd34ef.gloss")
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
        age(other)
        plain = os.path.join(self.dir, "kept.gloss")
        with open(self.project, "rb") as f, open(plain, "wb") as out:
            out.write(f.read())
        age(plain)
        fresh_folder = os.path.join(self.scratch, "gloss-qdpx-Fr35h1")
        os.mkdir(fresh_folder)
        with open(os.path.join(fresh_folder, "source.txt"), "w") as f:
            f.write("being imported")
        nested = os.path.join(self.scratch, "gloss-qdpx-N3st3d")
        os.makedirs(os.path.join(nested, "inner"))
        os.utime(nested, (OLD, OLD))

        self.copy_into_folder()
        for path in (fresh, fresh + "-wal", text, other, plain, fresh_folder, nested):
            self.assertTrue(os.path.exists(path), f"{os.path.basename(path)} is kept")

    def test_held_by_a_running_process_is_kept(self):
        """Another Gloss still building it: it holds SQLite's lock on the
        -shm, however old the file looks."""
        held = self.leftover(".busy.gloss.h3ld00.gloss", wal=False)
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, held], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            self.assertEqual(holder.stdout.readline().strip(), "ready")
            age(held)
            self.copy_into_folder()
            self.assertTrue(os.path.exists(held), "a file held open is kept")
            self.assertTrue(os.path.exists(held + "-shm"), "its -shm is kept")
        finally:
            holder.stdin.close()
            holder.wait(timeout=30)
            holder.stdout.close()
        # Once its process is gone it is abandoned, and goes.
        age(held)
        self.copy_into_folder()
        self.assertFalse(os.path.exists(held), "abandoned once its process ended")

    def test_import_and_repair_clean_too(self):
        for command in ("import-qdpx", "repair"):
            stale = self.leftover(f".{command}.gloss.ab12cd.gloss")
            age(stale)
            target = os.path.join(self.dir, f"{command}-target.gloss")
            source = os.path.join(self.dir, "missing.qdpx") if command == "import-qdpx" else self.project
            run(command, target, source, env=self.env) if command == "import-qdpx" else \
                run(command, source, target, env=self.env)
            self.assertFalse(os.path.exists(stale), f"{command} removes a leftover")


if __name__ == "__main__":
    result = unittest.main(argv=sys.argv[:1] + sys.argv[2:], verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
