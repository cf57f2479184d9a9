#!/usr/bin/env python3
"""Crash safety: writers killed with SIGKILL at random moments.

After every kill: each change reported done is in the file, nothing
half-done is (a JSON batch is all or nothing, an import a whole document or
none), PRAGMA integrity_check is ok, `gloss-cli check` passes and the
project opens in gloss-cli.

Usage: test-crash.py GLOSS_CLI ROBUST_DRIVER CORPUS_DIR
Environment: GLOSS_CRASH_SEED (default: random), GLOSS_CRASH_KILLS (stream
kills, default 30).
"""

import collections
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

CLI, DRIVER, CORPUS = sys.argv[1:4]
SEED = int(os.environ.get("GLOSS_CRASH_SEED", random.randrange(1 << 30)))
STREAM_KILLS = int(os.environ.get("GLOSS_CRASH_KILLS", "30"))
rng = random.Random(SEED)
kills = collections.Counter()


def cli(*args, ok=True):
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise AssertionError(f"gloss-cli {args}: exit {p.returncode}: {p.stderr}")
    return p


def cli_json(*args):
    return json.loads(cli(*args, "--json").stdout)


def assert_sound(project):
    """The file is sound: SQLite, gloss-cli check, and it opens."""
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        rows = db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()
    assert rows == [("ok",)], f"integrity_check: {rows}"
    p = cli("check", project, ok=False)
    assert p.returncode == 0, f"check failed: {p.stdout}{p.stderr}"
    cli("documents", project)


def read_state(project):
    codes = {c["id"]: c["path"] for c in cli_json("codes", project)}
    codings = {c["id"]: (c["code"], c["start"], c["end"], c["memo"])
               for c in cli_json("codings", project)}
    return codes, codings


def text_fixture(path):
    words = ["refugee", "compact", "partnership", "funding", "whole-of-society",
             "burden", "sharing", "host", "community", "résumé", "naïve", "Übung"]
    r = random.Random(7)
    lines = []
    for i in range(400):
        lines.append(" ".join(r.choice(words) for _ in range(r.randrange(4, 14))))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def new_project(tmp, name):
    project = os.path.join(tmp, name)
    cli("init", project)
    src = os.path.join(tmp, "transcript.txt")
    if not os.path.exists(src):
        text_fixture(src)
    cli("import", project, src)
    cli("coder-add", project, "Amina")
    for code in ("Partnership", "Funding", "Burden"):
        cli("code-add", project, code)
    return project


class Model:
    """What the file must hold: codes by id, codings by id."""

    def __init__(self, project):
        codes, codings = read_state(project)
        self.codes = dict(codes)
        self.codings = {i: (self.code_id(c[0]), c[1], c[2], c[3]) for i, c in codings.items()}

    def code_id(self, path):
        for i, p in self.codes.items():
            if p == path:
                return i
        raise AssertionError(f"unknown code {path}")

    def view(self, codes=None, codings=None):
        codes = self.codes if codes is None else codes
        codings = self.codings if codings is None else codings
        return codes, {i: (codes[c[0]], c[1], c[2], c[3]) for i, c in codings.items()}

    def applied(self, op, ok, actual_codes, actual_codings):
        """The state after @op; new ids come from @ok or, if the op was cut
        short, from what the file holds beyond the model."""
        codes, codings = dict(self.codes), dict(self.codings)
        kind = op["op"]
        if kind == "add":
            ids = [ok["ok"]] if ok else sorted(set(actual_codings) - set(codings))
            if len(ids) != 1:
                return None
            codings[ids[0]] = (op["code"], op["start"], op["end"], op["memo"])
        elif kind == "memo":
            c = codings[op["id"]]
            codings[op["id"]] = (c[0], c[1], c[2], op["memo"])
        elif kind == "range":
            c = codings[op["id"]]
            codings[op["id"]] = (c[0], op["start"], op["end"], c[3])
        elif kind == "delete":
            del codings[op["id"]]
        elif kind == "rename":
            codes[op["code"]] = op["name"]
        elif kind == "code-add":
            ids = [ok["ok"]] if ok else sorted(set(actual_codes) - set(codes))
            if len(ids) != 1:
                return None
            codes[ids[0]] = op["name"]
        elif kind == "load":
            if ok:
                ids = ok["ids"]
            else:
                # Match the new rows to the batch by their unique memos.
                by_memo = {actual_codings[i][3]: i for i in set(actual_codings) - set(codings)}
                ids = [by_memo.get(entry[3]) for entry in op["codings"]]
                if None in ids:
                    return None
            if len(ids) != len(op["codings"]):
                return None
            for i, entry in zip(ids, op["codings"]):
                codings[i] = tuple(entry)
        else:
            raise AssertionError(f"unknown op {op}")
        return codes, codings

    def settle(self, project, pending):
        """After a kill: the file holds the model, or the model with the one
        change that was under way; nothing in between."""
        assert_sound(project)
        actual = read_state(project)
        if self.view() == actual:
            return "before"
        if pending is not None:
            after = self.applied(pending, None, *actual)
            if after is not None and self.view(*after) == actual:
                self.codes, self.codings = after
                return "after"
        diff_codes = set(self.view()[0].items()) ^ set(actual[0].items())
        diff = set(self.view()[1].items()) ^ set(actual[1].items())
        raise AssertionError(f"the file differs from what was reported done "
                             f"(pending {pending and pending['op']}): codes {sorted(diff_codes)[:6]}, "
                             f"codings {sorted(diff, key=str)[:6]}")


def stream_kills(tmp):
    """The driver changes the project without pause; SIGKILL at random."""
    project = new_project(tmp, "stream.gloss")
    model = Model(project)
    done = refusals = 0
    outcomes = collections.Counter()
    for _ in range(STREAM_KILLS):
        proc = subprocess.Popen([DRIVER, "stream", project, str(rng.randrange(1 << 31))],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.02, 0.6))
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert alive, f"the driver stopped by itself: {err.decode()}"
        pending = None
        for line in out.decode().split("\n"):
            try:
                record = json.loads(line)
            except ValueError:
                continue  # the last line, cut by the kill
            if "refused" in record:
                pending = None  # refused as a duplicate: nothing changed
                refusals += 1
            elif "op" in record:
                pending = record
            else:
                assert pending is not None
                after = model.applied(pending, record, None, None)
                model.codes, model.codings = after
                pending = None
                done += 1
        outcomes[model.settle(project, pending)] += 1
        kills["stream"] += 1
    print(f"stream: {kills['stream']} kills, {done} changes reported done and found "
          f"({refusals} refused duplicates left nothing), "
          f"{len(model.codings)} codings at the end; the change under way was "
          f"{outcomes['after']} times complete, {outcomes['before']} times absent")


_starts = iter(range(0, 10 ** 9, 1))


def batch_json(path, n, tag):
    """A batch of @n codings; no two codings of the test share a start."""
    codings = []
    for i in range(n):
        start = next(_starts) % 28000
        codings.append({"document": 1, "coder": "Jonas", "code": rng.choice(["Partnership", "Funding/Money"]),
                        "start": start, "end": start + rng.randrange(1, 80), "memo": f"{tag}-{i}"})
    with open(path, "w") as f:
        json.dump({"coders": [{"name": "Jonas", "color": "#813d9c"}],
                   "codes": [{"path": "Funding/Money", "description": "who pays"}],
                   "codings": codings}, f)
    return [(c["code"], c["start"], c["end"], c["memo"]) for c in codings]


def timed(fn):
    t = time.monotonic()
    fn()
    return time.monotonic() - t


def cli_kills(tmp, rounds=16):
    """gloss-cli load (a large batch) and code, killed at random moments."""
    project = new_project(tmp, "cli.gloss")
    codes, state = read_state(project)
    # How long an uninterrupted load takes, to aim the kills inside it.
    expect = batch_json(os.path.join(tmp, "b0.json"), 1500, "b0")
    duration = timed(lambda: cli("load", project, os.path.join(tmp, "b0.json")))
    codes, state = read_state(project)
    assert sorted(state.values(), key=str) == sorted(expect, key=str)
    cut = 0
    for r in range(1, rounds + 1):
        batch = os.path.join(tmp, f"b{r}.json")
        if r % 4 == 0:
            start = next(_starts) % 28000
            args = ["code", project, "--doc", "1", "--coder", "Amina", "--code", "Burden",
                    "--range", f"{start}:{start + 10}", "--memo", f"c{r}"]
            expect = [("Burden", start, start + 10, f"c{r}")]
        else:
            args = ["load", project, batch]
            expect = batch_json(batch, 1500, f"b{r}")
        proc = subprocess.Popen([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert_sound(project)
        new_codes, new_state = read_state(project)
        added = sorted((new_state[i] for i in set(new_state) - set(state)), key=str)
        assert all(state[i] == new_state.get(i) for i in state), "a coding changed or went"
        if proc.returncode == 0:
            assert added == sorted(expect, key=str), "a change reported done is missing"
        else:
            assert proc.returncode == -signal.SIGKILL, err.decode()
            assert added in ([], sorted(expect, key=str)), \
                f"half a batch is in the file: {len(added)} of {len(expect)} codings"
            kills["cli"] += 1
            cut += bool(added == [])
        state = new_state
    print(f"gloss-cli: {kills['cli']} kills during load/code ({cut} left nothing, "
          f"{kills['cli'] - cut} had committed); an uninterrupted load of 1500 codings took {duration:.2f} s")


def long_pdf(tmp, copies=4):
    out = os.path.join(tmp, "long.pdf")
    src = os.path.join(CORPUS, "GeoTopo-komprimiert.pdf")
    subprocess.run(["pdfunite", *([src] * copies), out], check=True, stderr=subprocess.DEVNULL)
    return out


def import_kills(tmp, rounds=8):
    """Import of a long PDF killed at random moments: a whole document or none."""
    pdf = long_pdf(tmp)
    reference = new_project(tmp, "reference.gloss")
    duration = timed(lambda: cli("import", reference, pdf))
    want = [d for d in cli_json("documents", reference) if d["filename"] == "long.pdf"][0]
    project = new_project(tmp, "import.gloss")
    for r in range(rounds):
        before = read_state(project)
        proc = subprocess.Popen([CLI, "import", project, pdf], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.05, duration * 1.05))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert_sound(project)
        assert read_state(project) == before
        docs = [d for d in cli_json("documents", project) if d["filename"] == "long.pdf"]
        if proc.returncode == 0 or docs:
            assert len(docs) == 1
            for key in ("pages", "characters", "size", "sha256"):
                assert docs[0][key] == want[key], f"{key}: {docs[0][key]} != {want[key]}"
            text = cli("text", project, docs[0]["id"]).stdout
            assert len(text) == want["characters"]
        if proc.returncode != 0:
            assert proc.returncode == -signal.SIGKILL, err.decode()
            kills["import"] += 1
        if docs:
            # Start again from an empty project so the next kill can cut an import.
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.unlink(project + suffix)
                except FileNotFoundError:
                    pass
            project = new_project(tmp, "import.gloss")
    print(f"import: {kills['import']} kills during the import of a {want['pages']}-page PDF "
          f"({duration:.2f} s uninterrupted); never half a document")


def merge_kills(tmp, rounds=8):
    """gloss-cli merge of a coder's copy killed at random: all of it or none."""
    lead = new_project(tmp, "lead.gloss")
    copy = os.path.join(tmp, "copy.gloss")
    cli("copy", lead, copy, "--coder", "Jonas")
    expect = batch_json(os.path.join(tmp, "copy.json"), 3000, "copy")
    cli("load", copy, os.path.join(tmp, "copy.json"))
    reference = os.path.join(tmp, "reference-lead.gloss")
    shutil.copy(lead, reference)
    duration = timed(lambda: cli("merge", reference, copy))
    _, merged = read_state(reference)
    assert len(merged) == len(expect)
    completed = 0
    for _ in range(rounds):
        _, before = read_state(lead)
        proc = subprocess.Popen([CLI, "merge", lead, copy], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert_sound(lead)
        _, after = read_state(lead)
        if proc.returncode == 0 or after != before:
            assert sorted(after.values(), key=str) == sorted(merged.values(), key=str), \
                f"half a merge: {len(after)} of {len(merged)} codings"
        if proc.returncode != 0:
            assert proc.returncode == -signal.SIGKILL, err.decode()
            kills["merge"] += 1
        if after != before:
            completed += 1
            # Back to the unmerged lead so the next kill can cut a merge.
            for suffix in ("-wal", "-shm"):
                if os.path.exists(lead + suffix):
                    os.unlink(lead + suffix)
            os.unlink(lead)
            lead = new_project(tmp, "lead.gloss")
            os.unlink(copy)
            cli("copy", lead, copy, "--coder", "Jonas")
            cli("load", copy, os.path.join(tmp, "copy.json"))
    print(f"merge: {kills['merge']} kills during the merge of 3000 codings "
          f"({duration:.2f} s uninterrupted); never half a merge")


def main():
    print(f"seed {SEED} (GLOSS_CRASH_SEED to repeat)")
    t = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        stream_kills(tmp)
        cli_kills(tmp)
        import_kills(tmp)
        merge_kills(tmp)
    total = sum(kills.values())
    print(f"kills survived: {total} ({dict(kills)}) in {time.monotonic() - t:.1f} s")
    assert total >= 20


if __name__ == "__main__":
    main()
