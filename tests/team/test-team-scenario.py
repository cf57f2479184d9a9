#!/usr/bin/env python3
# test-team-scenario.py: a team on one machine, as a team would try it:
# three local clients and one server started by the script. The lead
# publishes the sample; two coders join and code blind; neither can see
# the other's work, even by SQL as their own role; the lead switches to
# review and computes agreement (the same as on the coders' files merged
# the old way); a coder works offline and syncs; nothing is lost.
#
# Usage: test-team-scenario.py GLOSS_CLI SAMPLE.gloss
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from team_util import LEAD_PASSWORD, Cli, Failures, TeamServer

cli = Cli(sys.argv[1])
SAMPLE = sys.argv[2]
f = Failures()
DOC = 'interview-outreach-worker.txt'


def sqlite(path, sql):
    return subprocess.run(['sqlite3', str(path), sql], capture_output=True, text=True, check=True).stdout


def guids(rows):
    return sorted(r['guid'] for r in rows)


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    server.create_database(owner='lead', password=LEAD_PASSWORD)
    lead = tmp / 'lead.gloss'
    shutil.copy(SAMPLE, lead)
    sample = cli.codings(lead)
    cli.run('publish', lead, server.uri('lead'))

    files, passwords = {}, {}
    for name in ('Amina', 'Jonas'):
        passwords[name] = f'{name.lower()}-secret'
        cli.run('team', 'add-coder', lead, name, '--password-stdin', stdin=passwords[name] + '\n')
        files[name] = tmp / f'{name.lower()}.gloss'
        cli.run('join', server.uri(name.lower()), files[name], '--coder', name, password=passwords[name])

    def as_(name, *args, ok=True):
        return cli.run(*args, password=passwords[name], ok=ok)

    def sql(name, query):
        return server.psql(query, user=name.lower(), password=passwords[name])

    # Blind: each file holds its coder's codings only, and the documents.
    for name in files:
        rows = cli.codings(files[name], passwords[name])
        f.check(guids(rows) == guids(r for r in sample if r['coder'] == name),
                f"{name}'s file holds exactly {name}'s codings of the sample")
        f.check(len(cli.json('documents', files[name], password=passwords[name])) == 4,
                f"{name}'s file has the four documents")
        f.check(as_(name, 'text', files[name], DOC).stdout == cli.run('text', lead, DOC).stdout,
                f"{name}'s copy of the interview has the lead's text")
        extraction = 'SELECT guid, text_extraction, sha256 FROM document ORDER BY guid'
        f.check(sqlite(files[name], extraction) == sqlite(lead, extraction),
                f"{name}'s documents come from the lead's text extraction (not extracted again on open)")
    as_('Amina', 'code', files['Amina'], '--doc', DOC, '--coder', 'Amina', '--code', 'Partnership/Funding',
        '--range', '100:160')
    as_('Jonas', 'code', files['Jonas'], '--doc', DOC, '--coder', 'Jonas', '--code', 'Partnership/Funding',
        '--range', '105:160')
    for name in files:
        as_(name, 'sync', files[name])

    # Neither sees the other's work, even by SQL as their own role.
    for name, other in (('Amina', 'Jonas'), ('Jonas', 'Amina')):
        hidden = sql(name, "SELECT count(*) FROM gloss.coding g JOIN gloss.coder c ON c.guid = g.coder_guid "
                           f"WHERE c.name = '{other}'")
        f.check(hidden == [['0']], f"{name} cannot select {other}'s codings")
        logged = sql(name, "SELECT count(*) FROM gloss.change_log l JOIN gloss.coder c ON c.guid = l.coder_guid "
                           f"WHERE c.name = '{other}'")
        f.check(logged == [['0']], f"{name} cannot see {other}'s codings in the change log")
        f.check({r['coder'] for r in cli.codings(files[name], passwords[name])} == {name},
                f"{name}'s file still holds only {name}'s codings")
    blind_copies = {}
    for name in files:
        blind_copies[name] = tmp / f'{name.lower()}-blind.gloss'
        shutil.copy(files[name], blind_copies[name])

    # Review: the lead computes agreement on the server's data.
    cli.run('team', 'phase', 'review', lead)
    cli.run('sync', lead)
    on_server = cli.run('agreement', lead, '--unit', 'char', '--coders', 'Amina,Jonas', '--json').stdout
    merged = tmp / 'merged.gloss'
    shutil.copy(SAMPLE, merged)
    cli.run('merge', merged, blind_copies['Amina'], blind_copies['Jonas'])
    on_copies = cli.run('agreement', merged, '--unit', 'char', '--coders', 'Amina,Jonas', '--json').stdout
    f.check(json.loads(on_server) == json.loads(on_copies),
            'agreement on the server data equals agreement on the merged copies')
    f.check(json.loads(on_server)['overall']['units'] > 1000, 'agreement has its units')

    # Jonas works offline, then syncs.
    server.stop()
    for r in ('300:340', '400:460'):
        as_('Jonas', 'code', files['Jonas'], '--doc', DOC, '--coder', 'Jonas', '--code', 'Partnership/Funding',
            '--range', r)
    offline = as_('Jonas', 'sync', files['Jonas'], ok=False)
    f.check(offline.returncode == 1 and 'Cannot reach the team server' in offline.stderr, 'offline: one message')
    server.start()
    as_('Jonas', 'sync', files['Jonas'])
    cli.run('sync', lead)
    as_('Amina', 'sync', files['Amina'])

    # Nothing lost: the sample's codings, the new ones, the same everywhere.
    server_guids = sorted(r[0] for r in server.psql('SELECT guid FROM gloss.coding', user='lead',
                                                    password=LEAD_PASSWORD))
    f.check(len(server_guids) == len(sample) + 4, f'the server holds the sample and the four new codings '
                                                  f'({len(server_guids)})')
    f.check(set(guids(sample)) <= set(server_guids), "none of the sample's codings is lost")
    f.check(guids(cli.codings(lead)) == server_guids, "the lead's file holds the same codings")
    for name in files:
        f.check(guids(cli.codings(files[name], passwords[name])) == server_guids,
                f"{name}'s file holds the same codings (review)")

f.finish('team scenario')
