#!/usr/bin/env python3
"""Two writers on one project: gloss-cli processes, driver processes and two
connections in one process, all at once. No "database is locked" reaches
anyone, no write is lost.

Usage: test-writers.py GLOSS_CLI ROBUST_DRIVER
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

CLI, DRIVER = sys.argv[1:3]
TEXT = "".join(f"line {i}: the compact asks for burden sharing and partnership.\n" for i in range(200))


def run(*args):
    return subprocess.run([*map(str, args)], capture_output=True, text=True)


def cli(*args):
    p = run(CLI, *args)
    if p.returncode != 0:
        raise AssertionError(f"gloss-cli {args}: exit {p.returncode}: {p.stderr}")
    return p


def assert_no_busy(p):
    for word in ("locked", "busy", "SQLITE"):
        assert word not in p.stderr, p.stderr


class Writers(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.project = os.path.join(self.tmp.name, "p.gloss")
        cli("init", self.project)
        src = os.path.join(self.tmp.name, "t.txt")
        with open(src, "w") as f:
            f.write(TEXT)
        cli("import", self.project, src)
        cli("code-add", self.project, "Shared")

    def tearDown(self):
        self.tmp.cleanup()

    def codings(self, coder=None):
        args = ["codings", self.project, "--json"] + (["--coder", coder] if coder else [])
        import json
        return json.loads(cli(*args).stdout)

    def cli_writer(self, name, count, failures):
        p = run(CLI, "coder-add", self.project, name)
        if p.returncode != 0:
            failures.append(p.stderr)
        for i in range(count):
            start = 100 * i
            p = run(CLI, "code", self.project, "--doc", "1", "--coder", name, "--code", "Shared",
                    "--range", f"{start}:{start + 30}", "--memo", f"{name} {i}")
            if p.returncode != 0 or p.stderr:
                failures.append(p.stderr)

    def test_two_cli_processes(self):
        failures = []
        readers_done = threading.Event()

        def reader():
            while not readers_done.is_set():
                p = run(CLI, "codings", self.project, "--json")
                if p.returncode != 0:
                    failures.append(p.stderr)

        threads = [threading.Thread(target=self.cli_writer, args=(name, 40, failures))
                   for name in ("Amina", "Jonas")]
        threads.append(threading.Thread(target=reader))
        for t in threads:
            t.start()
        for t in threads[:2]:
            t.join()
        readers_done.set()
        threads[2].join()
        self.assertEqual(failures, [])
        for name in ("Amina", "Jonas"):
            self.assertEqual(len(self.codings(name)), 40)
        self.assertEqual(cli("check", self.project).returncode, 0)

    def test_cli_and_load_at_once(self):
        import json
        batch = os.path.join(self.tmp.name, "batch.json")
        with open(batch, "w") as f:
            json.dump({"codings": [{"document": 1, "coder": "Loader", "code": "Shared", "start": i * 10,
                                    "end": i * 10 + 5} for i in range(1000)],
                       "coders": [{"name": "Loader"}]}, f)
        failures = []
        writer = threading.Thread(target=self.cli_writer, args=("Amina", 30, failures))
        writer.start()
        p = run(CLI, "load", self.project, batch)
        writer.join()
        assert_no_busy(p)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(failures, [])
        self.assertEqual(len(self.codings("Loader")), 1000)
        self.assertEqual(len(self.codings("Amina")), 30)

    def test_fresh_project_opened_by_many(self):
        # The first opens of a new file switch it to WAL: all at once.
        fresh = os.path.join(self.tmp.name, "fresh.gloss")
        cli("init", fresh)
        procs = [subprocess.Popen([CLI, "coder-add", fresh, f"C{i}"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for i in range(6)]
        for proc in procs:
            _, err = proc.communicate()
            self.assertEqual(proc.returncode, 0, err)
            self.assertEqual(err, "")
        import json
        self.assertEqual(len(json.loads(cli("coders", fresh, "--json").stdout)), 6)

    def test_driver_processes_and_threads(self):
        procs = [subprocess.Popen([DRIVER, "writer", self.project, f"P{i}", "300"], stderr=subprocess.PIPE,
                                  text=True) for i in range(2)]
        t = run(DRIVER, "threads", self.project, "300")
        for proc in procs:
            _, err = proc.communicate()
            self.assertEqual((proc.returncode, err), (0, ""))
        self.assertEqual((t.returncode, t.stderr), (0, ""))
        for name in ("P0", "P1", "Thread A", "Thread B"):
            self.assertEqual(len(self.codings(name)), 300)

    def test_waits_for_a_long_writer(self):
        # Another program holds the write lock for 2 s: gloss-cli waits.
        db = sqlite3.connect(self.project, isolation_level=None, check_same_thread=False)
        db.execute("BEGIN IMMEDIATE")
        released = threading.Timer(2.0, lambda: db.execute("ROLLBACK"))
        released.start()
        t = time.monotonic()
        p = run(CLI, "coder-add", self.project, "Patient")
        released.join()
        db.close()
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertGreater(time.monotonic() - t, 1.5)

    def test_lock_held_too_long_is_a_clear_error(self):
        db = sqlite3.connect(self.project, isolation_level=None, check_same_thread=False)
        db.execute("BEGIN IMMEDIATE")
        try:
            p = run(CLI, "coder-add", self.project, "Impatient")
        finally:
            db.execute("ROLLBACK")
            db.close()
        self.assertEqual(p.returncode, 1)
        self.assertIn("another program keeps the project busy; try again", p.stderr)
        self.assertNotIn("locked", p.stderr)
        self.assertEqual(len(p.stderr.strip().split("\n")), 1)
        self.assertNotIn("Impatient", cli("coders", self.project).stdout)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
