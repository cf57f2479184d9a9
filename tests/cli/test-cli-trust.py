#!/usr/bin/env python3
# test-cli-trust.py: a project file that brings SQL of its own, or a schema
# Gloss did not create, is refused unchanged and named by check; merge reads
# a coder's copy without changing a byte of it
#
# Every crafted file is generated here, with Python's sqlite3 as another
# program would change it.
#
# Usage: test-cli-trust.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

CLI = sys.argv[1]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, file=sys.stderr)


def run(*args, status=0):
    result = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if result.returncode != status:
        sys.exit(f'gloss-cli {" ".join(map(str, args))}: exit {result.returncode}, '
                 f'expected {status}: {result.stderr.strip()} {result.stdout.strip()}')
    return result


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def sql(path, script):
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(script)
    db.close()


def build_project(tmp, name='p.gloss'):
    project = tmp / name
    text = tmp / 'interview.txt'
    text.write_text('A seat at the table, never a vote. The money came late, and with strings.\n')
    run('init', project)
    run('import', project, text)
    run('coder-add', project, 'Ana')
    run('code-add', project, 'Voice')
    for r in ('0:6', '7:12', '13:20'):
        run('code', project, '--doc', 'interview.txt', '--coder', 'Ana', '--code', 'Voice', '--range', r)
    return project


def assert_refused(project, what, needle, tmp):
    """Every command refuses the file with a clear message and leaves it as it is."""
    before = digest(project)
    other = tmp / 'other.txt'
    other.write_text('Another interview.\n')
    for args in (['codings', project], ['coders', project], ['import', project, other],
                 ['code', project, '--doc', 'interview.txt', '--coder', 'Ana', '--code', 'Voice',
                  '--range', '30:40'],
                 ['coder-add', project, 'Ben'], ['undo', project],
                 ['export', project, '--format', 'csv', '-o', tmp / 'out.csv']):
        result = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
        check(result.returncode == 1, f'{what}: gloss-cli {args[0]} exits 1, not {result.returncode}')
        check(needle in result.stderr and 'was not opened' in result.stderr,
              f'{what}: gloss-cli {args[0]} names the problem: {result.stderr.strip()}')
        check(digest(project) == before, f'{what}: gloss-cli {args[0]} leaves the file unchanged')
    check(not (tmp / 'out.csv').exists(), f'{what}: nothing is exported')


def test_foreign_trigger(tmp):
    project = build_project(tmp, 'trigger.gloss')
    sql(project, 'CREATE TRIGGER evil AFTER INSERT ON coding BEGIN DELETE FROM coding WHERE id != NEW.id; END')
    assert_refused(project, 'foreign trigger', 'trigger “evil”', tmp)

    db = sqlite3.connect(project)
    check(db.execute('SELECT count(*) FROM coding').fetchone()[0] == 3, 'foreign trigger: no coding is lost')
    db.close()

    result = run('check', project, status=1)
    check('The file contains a trigger “evil” on the table “coding” that Gloss did not create.' in result.stdout,
          f'check names the trigger: {result.stdout}')


def test_foreign_view_table_index(tmp):
    project = build_project(tmp, 'extras.gloss')
    sql(project, 'CREATE VIEW spy AS SELECT * FROM coding; CREATE TABLE extra (x); '
                 'CREATE INDEX coding_quote ON coding (quote)')
    assert_refused(project, 'foreign view', 'view “spy”', tmp)
    result = run('check', project, status=1)
    for sentence in ('The file contains a view “spy” that Gloss did not create.',
                     'The file contains a table “extra” that Gloss did not create.',
                     'The file contains an index “coding_quote” on the table “coding” that Gloss did not create.'):
        check(sentence in result.stdout, f'check says: {sentence} ({result.stdout})')
    check('3 problems found' in result.stderr, f'check counts three problems: {result.stderr}')

    # ANALYZE's statistics are SQLite's own and harmless.
    plain = build_project(tmp, 'analyzed.gloss')
    sql(plain, 'ANALYZE')
    run('codings', plain)
    check(run('check', plain).stdout.strip() == 'ok', 'an analysed project is fine')


def strip_constraints(create):
    create = re.sub(r'\s+NOT NULL', '', create)
    create = re.sub(r'\s+UNIQUE(?! \()', '', create)
    create = re.sub(r',\s*UNIQUE \([^)]*\)', '', create)
    create = re.sub(r"\s+DEFAULT ('[^']*'|\d+)", '', create)
    create = re.sub(r'\s+CHECK \((?:[^()]|\([^()]*\))*\)', '', create)
    return re.sub(r'\s+COLLATE NOCASE', '', create)


def test_duplicate_guids(tmp):
    """A project whose tables lost their constraints and whose coding table
    holds two rows with one GUID: import crashed with SIGSEGV."""
    project = build_project(tmp, 'duplicates.gloss')
    db = sqlite3.connect(project, isolation_level=None)
    # code before set_item: rebuilding code drops the trigger on it that names set_item
    tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    db.execute('PRAGMA foreign_keys = OFF')
    db.execute('BEGIN')
    for name, create in tables:
        db.execute(f'ALTER TABLE "{name}" RENAME TO "old_{name}"')
        db.execute(strip_constraints(create))
        db.execute(f'INSERT INTO "{name}" SELECT * FROM "old_{name}"')
        db.execute(f'DROP TABLE "old_{name}"')
    db.execute('UPDATE coding SET guid = (SELECT guid FROM coding WHERE id = 1)')
    guid = db.execute('SELECT guid FROM coding WHERE id = 1').fetchone()[0]
    db.execute('COMMIT')
    db.close()

    assert_refused(project, 'duplicate GUIDs', 'not defined as Gloss defines it', tmp)
    result = run('check', project, status=1)
    check(f'3 rows of the table “coding” share the GUID {guid}' in result.stdout,
          f'check names the shared GUID: {result.stdout}')
    check('The table “coding” is not defined as Gloss defines it' in result.stdout,
          f'check names the changed table: {result.stdout}')


def test_merge_leaves_copy_unchanged(tmp):
    lead = build_project(tmp, 'lead.gloss')
    for mode, start in (('DELETE', 21), ('WAL', 31)):
        copy = tmp / f'copy-{mode}.gloss'
        run('copy', lead, copy, '--coder', 'Ben')
        run('code', copy, '--doc', 'interview.txt', '--coder', 'Ben', '--code', 'Voice',
            '--range', f'{start}:{start + 5}')
        sql(copy, f'PRAGMA journal_mode = {mode}')
        for suffix in ('-wal', '-shm', '-journal'):
            check(not Path(f'{copy}{suffix}').exists(), f'{mode} copy: no {suffix} before the merge')
        before = digest(copy)
        stat_before = os.stat(copy)
        run('merge', lead, copy)
        check(digest(copy) == before, f'merge leaves the {mode} copy byte for byte the same')
        check(os.stat(copy).st_mtime_ns == stat_before.st_mtime_ns, f'merge does not write the {mode} copy')
        for suffix in ('-wal', '-shm', '-journal'):
            check(not Path(f'{copy}{suffix}').exists(), f'merge leaves no {suffix} beside the {mode} copy')
    codings = json.loads(run('codings', lead, '--coder', 'Ben', '--json').stdout)
    check(sorted(c['start'] for c in codings) == [21, 31], f'the codings of both copies are merged: {codings}')

    # A copy that brings a trigger is refused by merge, and stays as it was.
    evil = tmp / 'copy-evil.gloss'
    run('copy', lead, evil, '--coder', 'Cem')
    sql(evil, 'CREATE TRIGGER evil AFTER INSERT ON coder BEGIN DELETE FROM coding; END')
    before_lead = json.loads(run('codings', lead, '--json').stdout)
    before = digest(evil)
    result = run('merge', lead, evil, status=1)
    check('trigger “evil”' in result.stderr, f'merge names the trigger: {result.stderr}')
    check(digest(evil) == before, 'a refused copy is unchanged')
    check(json.loads(run('codings', lead, '--json').stdout) == before_lead, 'a refused merge changes the lead not')


def test_own_history_still_works(tmp):
    """The undo history is kept by Gloss's own TEMP triggers: they still run."""
    project = build_project(tmp, 'history.gloss')
    run('undo', project)
    check(len(json.loads(run('codings', project, '--json').stdout)) == 2, 'undo removes the last coding')
    run('redo', project)
    check(len(json.loads(run('codings', project, '--json').stdout)) == 3, 'redo brings it back')
    check(run('check', project).stdout.strip() == 'ok', 'a project of Gloss passes check')


def main():
    with tempfile.TemporaryDirectory(prefix='gloss-trust-') as tmp:
        for test in (test_foreign_trigger, test_foreign_view_table_index, test_duplicate_guids,
                     test_merge_leaves_copy_unchanged, test_own_history_still_works):
            sub = Path(tmp) / test.__name__
            sub.mkdir()
            test(sub)
    if failures:
        sys.exit(f'{len(failures)} checks failed')
    print('all checks passed')


main()
