#!/usr/bin/env python3
# test-team-reextract.py: a document whose text the lead's Gloss extracted
# again reaches the coders with its codings moved as a re-extraction moves
# them
#
# The project was published by an older Gloss: habibi.pdf's text is
# poppler's own, the Arabic word as drawn between bidi marks, in every file
# and on the server (as gloss-cli's own reextract test makes it). Ana codes the word there and syncs; Ben codes it and
# does not sync. The lead extracts the text again (the word in reading
# order) and syncs: the server has the new text and Ana's coding moved.
# Ana's sync takes the text, her coding where its word now is; Ben's takes
# it too and moves his coding, not yet sent, before it goes up.
#
# Usage: test-team-reextract.py GLOSS_CLI CORPUS_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile

from team_util import Cli, Failures, Team, TeamServer

cli = Cli(sys.argv[1])
corpus = sys.argv[2]
f = Failures()

OLD = '\u202b\u202a habibi\u202c\u064a\u0628\u064a\u0628\u064e\u062d\u202c'
ARABIC = '\u062d\u064e\u0628\u064a\u0628\u064a'
NEW = ARABIC + ' habibi'


def as_older_gloss(path):
    """The document as the first extraction stored it."""
    subprocess.run(['sqlite3', str(path),
                    f"UPDATE document SET text = '{OLD}', n_chars = 17 WHERE title = 'habibi'; "
                    "UPDATE page SET length = 17 WHERE document_id = (SELECT id FROM document WHERE title = 'habibi')"],
                   check=True)


def text(team, name):
    if name == 'lead':
        return cli.run('text', team.lead, 'habibi').stdout
    return team.as_coder(name, 'text', team.files[name], 'habibi').stdout


def codings(team, name):
    path = team.lead if name == 'lead' else team.files[name]
    rows = cli.codings(path) if name == 'lead' else cli.codings(path, team.passwords[name])
    return sorted((c['guid'], c['coder'], c['start'], c['end'], c['quote']) for c in rows if c['document'] == 'habibi')


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    team = Team(server, cli, tmp)
    cli.run('import', team.lead, os.path.join(corpus, 'habibi.pdf'))
    cli.run('code-add', team.lead, 'Names')
    team.sync('lead')
    for name in ('Ana', 'Ben'):
        team.sync(name)

    # An older Gloss made it all: the files, and (through the lead) the server.
    for path in (team.lead, team.files['Ana'], team.files['Ben']):
        as_older_gloss(path)
    team.sync('lead')
    f.check(team.sql('lead', "SELECT text, n_chars FROM gloss.document WHERE title = 'habibi'") == [[OLD, '17']],
            'the server holds the old text')

    team.as_coder('Ana', 'code', team.files['Ana'], '--doc', 'habibi', '--coder', 'Ana', '--code', 'Names',
                  '--range', '10:16')
    team.sync('Ana')
    team.as_coder('Ben', 'code', team.files['Ben'], '--doc', 'habibi', '--coder', 'Ben', '--code', 'Names',
                  '--range', '3:9')
    f.check([c[4] for c in codings(team, 'Ben')] == [OLD[3:9]], "Ben's coding is on the old text")
    team.sync('lead')

    # The lead's Gloss extracts it again; the lead syncs.
    cli.run('reextract', team.lead, 'habibi')
    f.check(text(team, 'lead') == NEW, 'the lead has the new text')
    report = json.loads(team.sync('lead').stdout)
    f.check(report['refused'] == [] and report['conflicts'] == [], f'the lead sends it: {report}')
    f.check(team.sql('lead', "SELECT text, n_chars, text_extraction > 0 FROM gloss.document WHERE title = 'habibi'")
            == [[NEW, str(len(NEW)), 't']], 'the server holds the new text')
    f.check(team.sql('lead', "SELECT p.length FROM gloss.page p JOIN gloss.document d ON d.guid = p.document_guid "
                             "WHERE d.title = 'habibi'") == [[str(len(NEW))]], 'and its page')
    f.check(team.sql('lead', 'SELECT start, "end", quote FROM gloss.coding c JOIN gloss.document d '
                             "ON d.guid = c.document_guid WHERE d.title = 'habibi'") == [['0', '6', ARABIC]],
            "and Ana's coding where its word now is")

    # Ana takes it: her coding moved, nothing in conflict.
    report = json.loads(team.sync('Ana').stdout)
    f.check(report['texts'] == 1 and report['conflicts'] == [] and report['refused'] == [],
            f'Ana takes the new text: {report}')
    f.check(text(team, 'Ana') == NEW, "Ana's file has the new text")
    f.check([c[2:] for c in codings(team, 'Ana')] == [(0, 6, ARABIC)], f"her coding moved: {codings(team, 'Ana')}")
    status = json.loads(team.as_coder('Ana', 'team', 'status', team.files['Ana'], '--json').stdout)
    f.check(status['waiting'] == 0, f'nothing waits in her file: {status}')

    # Ben takes it before his coding goes up, which goes up moved.
    report = json.loads(team.sync('Ben').stdout)
    f.check(report['texts'] == 1 and report['moved'] == 1 and report['refused'] == [],
            f'Ben takes the new text, his coding moved: {report}')
    ben = codings(team, 'Ben')
    f.check([c[2:] for c in ben] == [(7, 13, 'habibi')], f"Ben's coding moved with its word: {ben}")
    ben_server = team.sql('lead', "SELECT start, \"end\", quote FROM gloss.coding WHERE coder_guid = "
                                  f"'{team.coder_guid('Ben')}'")
    f.check([[str(c[2]), str(c[3]), c[4]] for c in ben] == ben_server,
            f"the server has Ben's coding as his file has it, on the new text: {ben_server} / {ben}")
    f.check(all(NEW[int(s):int(e)] == q for s, e, q in ben_server), 'its quote is the new text there')

    # Every file and the server agree on the text and the codings.
    team.sync('lead')
    team.sync('Ana')
    f.check(text(team, 'Ben') == NEW, "Ben's file has the new text")
    check = cli.run('check', team.files['Ana'], password=team.passwords['Ana']).stdout
    f.check('ok' in check, f"Ana's file checks: {check}")

f.finish('team reextract')
