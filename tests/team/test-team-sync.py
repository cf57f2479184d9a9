#!/usr/bin/env python3
# test-team-sync.py: syncing with the team server
#
# - offline: a coder codes, changes and deletes with the server stopped;
#   the server comes back and one sync brings it all up, for the server
#   and for the lead
# - the lead's codebook changes and deletions reach the coders; a coding
#   deleted by its coder goes from everyone's file
# - a change made here and on the server is a conflict, reported, and the
#   file keeps its own version; nothing is dropped
# - agreement on the server's data (the lead's synced file) equals
#   agreement on the coders' files merged the old way
#
# Usage: test-team-sync.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from team_util import Cli, Failures, Team, TeamServer

cli = Cli(sys.argv[1])
f = Failures()


def sqlite(path, sql):
    """Another program changes the file: the sync sees it as any change."""
    subprocess.run(['sqlite3', str(path), 'PRAGMA foreign_keys = ON; ' + sql], check=True)


def server_guids(team, coder=None):
    where = f"WHERE coder_guid = '{team.coder_guid(coder)}'" if coder else ''
    return sorted(r[0] for r in team.sql('lead', f'SELECT guid FROM gloss.coding {where}'))


def file_guids(team, name, coder=None):
    path = team.lead if name == 'lead' else team.files[name]
    password = None if name == 'lead' else team.passwords[name]
    rows = cli.codings(path, password) if password else cli.codings(path)
    return sorted(r['guid'] for r in rows if coder is None or r['coder'] == coder)


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    team = Team(server, cli, tmp)
    # Before anyone codes: the copy the old way starts from.
    shutil.copy(team.lead, tmp / 'before.gloss')

    team.code('Ana', 'Themes/Partnership', 'a seat at the table')
    team.code('Ana', 'Themes/Funding', 'came late')
    team.sync('Ana')

    # Offline: code, recode, delete with the server stopped.
    server.stop()
    team.code('Ana', 'Themes/Partnership', 'spoke for themselves')
    team.code('Ana', 'Themes/Funding', 'asked for more')
    sqlite(team.files['Ana'], "DELETE FROM coding WHERE quote = 'came late'")
    team.code('Ana', 'Themes/Funding', 'with strings')
    team.as_coder('Ana', 'undo', team.files['Ana'])
    p = team.sync('Ana', ok=False)
    f.check(p.returncode == 1 and 'Cannot reach the team server' in p.stderr, f'offline sync: {p.stderr}')
    offline = file_guids(team, 'Ana')
    f.check(len(offline) == 3, f'the offline codings are in the file: {offline}')
    server.start()
    report = json.loads(team.sync('Ana').stdout)
    f.check(server_guids(team, 'Ana') == offline, "one sync brings the offline work up: the server holds Ana's file")
    f.check(report['conflicts'] == [] and report['refused'] == [], f'and nothing is in conflict: {report}')
    again = json.loads(team.sync('Ana').stdout)
    f.check(again['pushed'] == 0 and again['pulled'] == 0, f'a second sync has nothing to do: {again}')
    team.sync('lead')
    f.check(file_guids(team, 'lead') == server_guids(team), "the lead's file holds the server's codings")

    # Ben codes; the lead renames a code and deletes another; Ana deletes a coding.
    team.code('Ben', 'Themes/Partnership', 'a seat at the table')
    team.code('Ben', 'Themes/Funding', 'came late and with strings')
    team.sync('Ben')
    cli.run('code-add', team.lead, 'Themes/Unused')
    team.sync('lead')
    team.sync('Ana')
    f.check('Unused' in team.as_coder('Ana', 'codes', team.files['Ana']).stdout, "the lead's new code reaches Ana")
    sqlite(team.lead, "DELETE FROM code WHERE name = 'Unused'")
    team.sync('lead')
    team.sync('Ana')
    codes_ana = team.as_coder('Ana', 'codes', team.files['Ana']).stdout
    f.check('Unused' not in codes_ana, f"the lead's deletion reaches Ana: {codes_ana}")

    # A conflict: Ben renames a code here (refused on the server); the lead renames it there.
    sqlite(team.files['Ben'], "UPDATE code SET name = 'Money' WHERE name = 'Funding'")
    sqlite(team.lead, "UPDATE code SET name = 'Finance' WHERE name = 'Funding'")
    team.sync('lead')
    report = json.loads(team.sync('Ben').stdout)
    kinds = [r['kind'] for r in report['refused']] + [r['kind'] for r in report['conflicts']]
    f.check(kinds == ['code', 'code'], f'refused on the server, in conflict with its version: {report}')
    codes_ben = team.as_coder('Ben', 'codes', team.files['Ben']).stdout
    f.check('Money' in codes_ben and 'Finance' not in codes_ben, f"Ben's file keeps its own version: {codes_ben}")
    report = json.loads(team.sync('Ben').stdout)
    f.check([r['kind'] for r in report['refused']] == ['code'], 'and it is reported again at the next sync')
    sqlite(team.files['Ben'], "UPDATE code SET name = 'Finance' WHERE name = 'Money'")
    report = json.loads(team.sync('Ben').stdout)
    f.check(report['refused'] == [] and report['conflicts'] == [], f'once alike, the conflict is gone: {report}')
    f.check(file_guids(team, 'Ben', 'Ben') == server_guids(team, 'Ben'), "none of Ben's codings lost")

    # Agreement: the server's data against the coders' files merged into the copy from before.
    team.sync('Ana')
    team.sync('Ben')
    team.sync('lead')
    merged = tmp / 'before.gloss'
    shutil.copy(team.files['Ana'], tmp / 'ana-copy.gloss')
    shutil.copy(team.files['Ben'], tmp / 'ben-copy.gloss')
    cli.run('merge', merged, tmp / 'ana-copy.gloss', tmp / 'ben-copy.gloss')
    f.check(file_guids(team, 'lead') == sorted(r['guid'] for r in cli.codings(merged)),
            'the merged copies hold the codings the server holds')
    for unit in ('char', 'segment'):
        # (the code's name is the lead's of then in the copy from before)
        a = cli.run('agreement', team.lead, '--unit', unit, '--coders', 'Ana,Ben', '--json').stdout
        a = a.replace('Themes/Finance', 'Themes/Funding')
        b = cli.run('agreement', merged, '--unit', unit, '--coders', 'Ana,Ben', '--json').stdout
        ja, jb = json.loads(a), json.loads(b)
        f.check(ja == jb, f'agreement by {unit}: the same on the server data and the merged copies:\n{a}\n{b}')
        f.check(len(a) > 100, f'agreement by {unit} has figures')

f.finish('team sync')
