#!/usr/bin/env python3
# test-team-upgrade.py: a team server of schema version 1 (codings and the
# codebook only) taken to version 2 (memos, notes, attributes, cases,
# sets) by the lead's next sync; the coders sync on meanwhile
#
# The server is made a version 1 one by taking version 2 away, as the
# file's upgrade tests fabricate older files. Until the lead syncs, a
# coder's codings go up and her memo waits in her file; the lead's sync
# upgrades the server, once, and gives the coders already there what a
# version 2 coder has; then the memo goes up and the lead's attributes
# come down.
#
# Usage: test-team-upgrade.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys
import tempfile

from team_util import Cli, Failures, Team, TeamServer

cli = Cli(sys.argv[1])
f = Failures()

TO_VERSION_1 = '''
DROP TABLE gloss.note, gloss.attribute_value, gloss.attribute, gloss.case_member, gloss.case_item,
  gloss.set_member, gloss.set_item;
DROP FUNCTION gloss.refuse (text);
ALTER TABLE gloss.memo DROP CONSTRAINT memo_target;
UPDATE gloss.schema_version SET version = 1;
'''


def version(team):
    return int(team.sql('lead', 'SELECT version FROM gloss.schema_version')[0][0])


def waiting(team, name):
    return json.loads(team.as_coder(name, 'team', 'status', team.files[name], '--json').stdout)['waiting']


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    team = Team(server, cli, tmp, coders=('Ana',))
    server.psql(TO_VERSION_1)
    f.check(version(team) == 1, 'the server is of version 1')
    f.check(team.sql('lead', "SELECT to_regclass ('gloss.attribute') IS NULL") == [['t']], 'without attributes')

    # A coder on a version 1 server: codings go up, a memo waits.
    team.code('Ana', 'Themes/Partnership', 'a seat at the table')
    team.as_coder('Ana', 'memo', team.files['Ana'], '--code', 'Themes/Partnership', '--set', 'The hard one')
    report = json.loads(team.sync('Ana').stdout)
    f.check(report['refused'] == [] and report['pushed'] == 1, f"Ana's coding goes up on version 1: {report}")
    f.check(version(team) == 1, "a coder's sync does not upgrade the server")
    f.check(waiting(team, 'Ana') == 1, 'her memo waits in her file')
    f.check(int(team.sql('lead', 'SELECT count(*) FROM gloss.memo')[0][0]) == 0, 'and is not on the server')

    # The lead's sync upgrades the server and sends the lead's attribute.
    cli.run('attribute-add', team.lead, 'year', '--type', 'number')
    cli.run('attribute-set', team.lead, 'year', 'forum.txt', '2021')
    report = json.loads(team.sync('lead').stdout)
    f.check(report['refused'] == [], f'the lead syncs: {report}')
    f.check(version(team) == 2, 'the server is of version 2 now')
    f.check(int(team.sql('lead', 'SELECT count(*) FROM gloss.attribute_value')[0][0]) == 1,
            "the lead's value is on the server")
    report = json.loads(team.sync('lead').stdout)
    f.check(report['pushed'] == 0 and version(team) == 2, f'a second sync changes nothing: {report}')

    # Ana, a coder from before, has a version 2 coder's rights.
    report = json.loads(team.sync('Ana').stdout)
    f.check(report['refused'] == [], f"Ana's memo goes up: {report}")
    f.check(team.sql('lead', 'SELECT text, owner FROM gloss.memo') == [['The hard one', 'ana']],
            "her memo is on the server, hers")
    f.check(waiting(team, 'Ana') == 0, 'nothing waits in her file')
    attributes = json.loads(team.as_coder('Ana', 'attributes', team.files['Ana'], '--json').stdout)
    f.check([(a['name'], [v['value'] for v in a['values']]) for a in attributes] == [('year', [2021])],
            f"the lead's attribute reaches her: {attributes}")
    f.check(int(team.sql('Ana', 'SELECT count(*) FROM gloss.attribute')[0][0]) == 1, 'her role reads attributes')

    # A coder added now gets the same.
    team.add_coder('Ben')
    team.sync('Ben')
    attributes = json.loads(team.as_coder('Ben', 'attributes', team.files['Ben'], '--json').stdout)
    f.check(len(attributes) == 1, 'a coder added after the upgrade reads attributes too')

f.finish('team upgrade')
