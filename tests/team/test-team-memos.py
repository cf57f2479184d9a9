#!/usr/bin/env python3
# test-team-memos.py: memos on the project, documents, codes and coders,
# and the project's free notes, through the team server
#
# - the lead's memos and notes reach the coders
# - a coder's own memo and note reach the lead and the other coder
# - a coder changing or removing a memo the lead (or another coder)
#   wrote is refused by the server, reported, and the file keeps it
# - the lead may change any memo, a coder's too
#
# Usage: test-team-memos.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys
import tempfile

from team_util import Cli, Failures, Team, TeamServer

cli = Cli(sys.argv[1])
f = Failures()


def memo(team, name, *target):
    path = team.lead if name == 'lead' else team.files[name]
    run = cli.run if name == 'lead' else (lambda *a: team.as_coder(name, *a))
    return run('memo', path, *target).stdout.rstrip('\n')


def set_memo(team, name, text, *target):
    path = team.lead if name == 'lead' else team.files[name]
    if name == 'lead':
        cli.run('memo', path, *target, '--set', text)
    else:
        team.as_coder(name, 'memo', path, *target, '--set', text)


def notes(team, name):
    path = team.lead if name == 'lead' else team.files[name]
    run = cli.run if name == 'lead' else (lambda *a: team.as_coder(name, *a))
    return sorted((n['name'], n['text'], n['author']) for n in json.loads(run('notes', path, '--json').stdout))


def refused(report):
    return [(r['kind'], r['label']) for r in json.loads(report.stdout)['refused']]


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    team = Team(server, cli, tmp)

    # The lead's memos on everything, and a note.
    set_memo(team, 'lead', 'What the study asks', '--project')
    set_memo(team, 'lead', 'Read it twice', '--doc', 'forum.txt')
    set_memo(team, 'lead', 'Money, not words', '--code', 'Themes/Funding')
    set_memo(team, 'lead', 'Codes the forum', '--coder', 'Ana')
    cli.run('note-add', team.lead, 'Plan', 'Two rounds of coding')
    report = json.loads(team.sync('lead').stdout)
    f.check(report['refused'] == [] and report['pushed'] >= 5, f'the lead sends memos and a note: {report}')
    f.check(int(team.sql('lead', 'SELECT count(*) FROM gloss.memo')[0][0]) == 4, 'four memos on the server')
    for name in ('Ana', 'Ben'):
        team.sync(name)
        f.check(memo(team, name, '--project') == 'What the study asks', f'{name}: the project memo')
        f.check(memo(team, name, '--doc', 'forum.txt') == 'Read it twice', f'{name}: the document memo')
        f.check(memo(team, name, '--code', 'Themes/Funding') == 'Money, not words', f'{name}: the code memo')
        f.check(memo(team, name, '--coder', 'Ana') == 'Codes the forum', f'{name}: the coder memo')
        f.check(notes(team, name) == [('Plan', 'Two rounds of coding', None)], f'{name}: the note')

    # A coder's own memo and note go to everyone, written as her role.
    set_memo(team, 'Ana', 'Partnership is the hard one', '--code', 'Themes/Partnership')
    team.as_coder('Ana', 'note-add', team.files['Ana'], 'Doubt', 'Is a vote a seat?', '--coder', 'Ana')
    report = team.sync('Ana')
    f.check(refused(report) == [], f'Ana may write her own memo and note: {report.stdout}')
    f.check(team.sql('lead', "SELECT owner FROM gloss.memo WHERE text = 'Partnership is the hard one'") == [['ana']],
            "the memo is Ana's on the server")
    f.check(team.sql('lead', "SELECT owner, author_name FROM gloss.note WHERE name = 'Doubt'") == [['ana', 'Ana']],
            "the note is Ana's on the server")
    team.sync('lead')
    team.sync('Ben')
    for name in ('lead', 'Ben'):
        f.check(memo(team, name, '--code', 'Themes/Partnership') == 'Partnership is the hard one',
                f"{name} has Ana's memo")
        f.check(('Doubt', 'Is a vote a seat?', 'Ana') in notes(team, name), f"{name} has Ana's note")

    # A coder may not change the lead's memo, nor remove Ana's: refused by
    # the server, reported, and kept in the file (offered again next time).
    set_memo(team, 'Ben', 'Ben rewrote it', '--doc', 'forum.txt')
    set_memo(team, 'Ben', '', '--code', 'Themes/Partnership')
    report = team.sync('Ben')
    kinds = sorted(k for k, _ in refused(report))
    f.check(kinds == ['memo', 'memo'], f"Ben's two memo changes are refused and reported: {report.stdout}")
    f.check(team.sql('lead', "SELECT text FROM gloss.memo WHERE target_kind = 'document'") == [['Read it twice']],
            "the server keeps the lead's memo")
    f.check(int(team.sql('lead', "SELECT count(*) FROM gloss.memo WHERE owner = 'ana'")[0][0]) == 1,
            "the server keeps Ana's memo")
    f.check(memo(team, 'Ben', '--doc', 'forum.txt') == 'Ben rewrote it', "Ben's file keeps his change")
    status = json.loads(team.as_coder('Ben', 'team', 'status', team.files['Ben'], '--json').stdout)
    f.check(status['waiting'] == 2, f"the two changes wait in Ben's file: {status}")
    report = team.sync('Ben')
    f.check(len(refused(report)) == 2, 'and are reported again at the next sync')

    # The lead changes any memo, a coder's too.
    set_memo(team, 'lead', 'Partnership, as Ana says, is the hard one', '--code', 'Themes/Partnership')
    f.check(refused(team.sync('lead')) == [], "the lead may change Ana's memo")
    f.check(team.sql('lead', "SELECT text, owner FROM gloss.memo WHERE target_kind = 'code' AND text LIKE '%Ana says%'")
            == [['Partnership, as Ana says, is the hard one', 'ana']], "the memo stays Ana's, in the lead's words")
    team.sync('Ana')
    f.check(memo(team, 'Ana', '--code', 'Themes/Partnership') == 'Partnership, as Ana says, is the hard one',
            "Ana gets the lead's change")

    # A memo removed by its writer goes from everyone's file.
    set_memo(team, 'lead', '', '--coder', 'Ana')
    team.sync('lead')
    team.sync('Ana')
    f.check(memo(team, 'Ana', '--coder', 'Ana') == '', "the lead's removed memo goes from Ana's file")

f.finish('team memos')
