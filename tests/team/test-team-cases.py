#!/usr/bin/env python3
# test-team-cases.py: attributes, their values, cases, their members and
# sets through the team server; the lead's alone to change
#
# - the lead's attributes (on documents, coders and cases), values, cases
#   with a document and a passage, and sets of documents and of codes
#   reach the coders; changes and deletions too
# - a coder's role may read them and change none of them by SQL
# - a coder's change to an attribute value in the file is refused,
#   reported at each sync and counted as waiting: never lost silently;
#   the lead's later change to it is a conflict the file survives
#
# Usage: test-team-cases.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys
import tempfile

from team_util import Cli, Failures, SqlError, Team, TeamServer

cli = Cli(sys.argv[1])
f = Failures()


def view(team, name):
    """Attributes, cases and sets of a file, without its local ids."""
    path = team.lead if name == 'lead' else team.files[name]
    get = (lambda *a: cli.json(*a)) if name == 'lead' else \
        (lambda *a: json.loads(team.as_coder(name, *a, '--json').stdout))
    attributes = sorted((a['guid'], a['name'], a['on'], a['type'], json.dumps(a['choices']),
                         tuple(sorted((v['target'], json.dumps(v['value'])) for v in a['values'])))
                        for a in get('attributes', path))
    cases = sorted((c['guid'], c['name'], c['description'],
                    tuple(sorted((m['document'], m['start'], m['end']) for m in c['members'])),
                    json.dumps(c['attributes'], sort_keys=True))
                   for c in get('cases', path))
    sets = sorted((s['guid'], s['name'], s['kind'], s['rule'],
                   tuple(sorted(m.get('title') or m.get('path') for m in s['members'])))
                  for s in get('sets', path))
    return attributes, cases, sets


def year_of(team, name):
    attributes = json.loads(team.as_coder(name, 'attributes', team.files[name], '--json').stdout)
    return [v['value'] for a in attributes if a['name'] == 'year' for v in a['values']]


def refused(team, who, sql):
    try:
        team.sql(who, sql)
    except SqlError as e:
        return f.check('permission denied' in str(e), f'{who}: {sql}: refused for permission, not: {e}')
    return f.check(False, f'{who}: {sql}: refused')


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    team = Team(server, cli, tmp)
    lead = team.lead

    def ana_year():
        return year_of(team, 'Ana')

    cli.run('attribute-add', lead, 'type of actor', '--type', 'category', '--values', 'refugee-led,academic')
    cli.run('attribute-set', lead, 'type of actor', 'forum.txt', 'refugee-led')
    cli.run('attribute-add', lead, 'year', '--type', 'number')
    cli.run('attribute-set', lead, 'year', 'forum.txt', '2021')
    cli.run('attribute-add', lead, 'role', '--on', 'coder')
    cli.run('attribute-set', lead, 'role', 'Ana', 'student', '--on', 'coder')
    cli.run('case-add', lead, 'Forum A', '--description', 'the first forum')
    cli.run('case-member-add', lead, 'Forum A', 'forum.txt')
    cli.run('case-add', lead, 'Funding talk')
    cli.run('case-member-add', lead, 'Funding talk', 'forum.txt', '--range', '62:85')
    cli.run('attribute-add', lead, 'size', '--on', 'case', '--type', 'number')
    cli.run('attribute-set', lead, 'size', 'Forum A', '40', '--on', 'case')
    cli.run('set-add', lead, 'refugee-led', '--rule', '"type of actor" = "refugee-led"')
    cli.run('set-add', lead, 'Chosen')
    cli.run('set-member-add', lead, 'Chosen', 'forum.txt')
    cli.run('set-add', lead, 'Money codes', '--codes')
    cli.run('set-member-add', lead, 'Money codes', 'Themes/Funding')
    report = json.loads(team.sync('lead').stdout)
    f.check(report['refused'] == [] and report['conflicts'] == [], f'the lead sends all of it: {report}')
    f.check(int(team.sql('lead', 'SELECT count(*) FROM gloss.attribute_value')[0][0]) == 4, 'four values on the server')
    f.check(int(team.sql('lead', 'SELECT count(*) FROM gloss.set_member')[0][0]) == 2, 'two set members on the server')

    wanted = view(team, 'lead')
    f.check(len(wanted[0]) == 4 and len(wanted[1]) == 2 and len(wanted[2]) == 3, f'the lead has it all: {wanted}')
    for name in ('Ana', 'Ben'):
        team.sync(name)
        f.check(view(team, name) == wanted, f'{name} has what the lead has: {view(team, name)}')

    # Changes and deletions by the lead reach the coders.
    cli.run('attribute-set', lead, 'year', 'forum.txt', '2022')
    cli.run('attribute-rename', lead, 'role', 'position', '--on', 'coder')
    cli.run('case-rename', lead, 'Funding talk', 'Money talk')
    cli.run('set-delete', lead, 'Chosen')
    cli.run('set-member-remove', lead, 'Money codes', 'Themes/Funding')
    cli.run('attribute-delete', lead, 'size', '--on', 'case')
    f.check(json.loads(team.sync('lead').stdout)['refused'] == [], 'the lead sends the changes')
    wanted = view(team, 'lead')
    for name in ('Ana', 'Ben'):
        team.sync(name)
        f.check(view(team, name) == wanted, f'{name} follows the changes: {view(team, name)} != {wanted}')
    f.check(int(team.sql('lead', 'SELECT count(*) FROM gloss.set_item')[0][0]) == 2, 'the deleted set is gone')

    # The server: a coder's role reads them and changes none of them.
    f.check(int(team.sql('Ana', 'SELECT count(*) FROM gloss.attribute_value')[0][0]) == 3, 'Ana reads the values')
    refused(team, 'Ana', "UPDATE gloss.attribute_value SET value = '1999'")
    refused(team, 'Ana', "INSERT INTO gloss.attribute (guid, target, name, type, created) "
                         "VALUES ('5f0c3a4e-3e9d-4b8e-9a57-2a1c1f0e9b11', 'document', 'mine', 'text', 0)")
    refused(team, 'Ana', 'DELETE FROM gloss.case_member')
    refused(team, 'Ana', "UPDATE gloss.case_item SET name = 'Ana''s case'")
    refused(team, 'Ana', 'DELETE FROM gloss.set_item')
    refused(team, 'Ana', "INSERT INTO gloss.set_member (guid, set_guid, member_guid) SELECT 'x', guid, 'y' "
                         'FROM gloss.set_item LIMIT 1')
    f.check(view(team, 'lead') == wanted, 'nothing changed on the server')

    # A coder's change to an attribute in her file: refused, reported,
    # kept and waiting; the next sync says so again.
    team.as_coder('Ana', 'attribute-set', team.files['Ana'], 'year', 'forum.txt', '1999')
    report = json.loads(team.sync('Ana').stdout)
    f.check([(r['kind'], r['reason']) for r in report['refused']] ==
            [('attribute_value', 'only the lead changes the attributes')],
            f"Ana's change of a value is refused and reported: {report}")
    f.check(team.sql('lead', "SELECT value FROM gloss.attribute_value") == [['2022'], ['refugee-led'], ['student']]
            or sorted(r[0] for r in team.sql('lead', 'SELECT value FROM gloss.attribute_value'))
            == ['2022', 'refugee-led', 'student'], 'the server keeps the lead\'s value')
    year = [a for a in json.loads(team.as_coder('Ana', 'attributes', team.files['Ana'], '--json').stdout)
            if a['name'] == 'year'][0]
    f.check([v['value'] for v in year['values']] == [1999], "Ana's file keeps her value")
    status = json.loads(team.as_coder('Ana', 'team', 'status', team.files['Ana'], '--json').stdout)
    f.check(status['waiting'] == 1, f'it is counted as waiting: {status}')
    report = json.loads(team.sync('Ana').stdout)
    f.check(len(report['refused']) == 1, 'and reported again at the next sync')

    # The lead changes the same value: a conflict; Ana's file keeps hers
    # and says so. Undone to what it was, it still differs from the
    # server's: waiting and refused, not quietly out of date.
    cli.run('attribute-set', lead, 'year', 'forum.txt', '2023')
    team.sync('lead')
    report = json.loads(team.sync('Ana').stdout)
    f.check([c['kind'] for c in report['conflicts']] == ['attribute_value'],
            f"the lead's change to Ana's changed value is a conflict, reported: {report}")
    f.check(ana_year() == [1999], "Ana's file still keeps her value")
    team.as_coder('Ana', 'undo', team.files['Ana'])
    f.check(ana_year() == [2022], 'undone to the value from before')
    status = json.loads(team.as_coder('Ana', 'team', 'status', team.files['Ana'], '--json').stdout)
    f.check(status['waiting'] == 1, f"it differs from the server's and waits: {status}")
    report = json.loads(team.sync('Ana').stdout)
    f.check([r['kind'] for r in report['refused']] == ['attribute_value'], f'and is refused again: {report}')
    # Ana takes the lead's value: nothing waits, nothing is reported.
    team.as_coder('Ana', 'attribute-set', team.files['Ana'], 'year', 'forum.txt', '2023')
    report = json.loads(team.sync('Ana').stdout)
    f.check(report['refused'] == [] and report['conflicts'] == [], f'once alike, nothing is reported: {report}')
    f.check(view(team, 'Ana') == view(team, 'lead'), 'Ana has what the lead has')
    for name in ('Ana', 'Ben'):
        check = team.as_coder(name, 'check', team.files[name]).stdout
        f.check('ok' in check, f"{name}'s file checks: {check}")

f.finish('team cases')
