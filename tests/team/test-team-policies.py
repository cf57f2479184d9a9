#!/usr/bin/env python3
# test-team-policies.py: the server enforces the team's rules, whatever a
# coder's role tries by SQL: in the blind phase no other coder's codings,
# not even through the change log; only their own codings and memos to
# change; the codebook, documents, coders, phase and log only the lead's.
# A wrong password, a server that is gone and a password in the address
# give one clear message and change nothing in the file.
#
# Usage: test-team-policies.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys
import tempfile

from team_util import Cli, Failures, SqlError, Team, TeamServer, dump

cli = Cli(sys.argv[1])
f = Failures()


def refused(team, who, sql, needle):
    """@sql as @who fails with a message holding @needle."""
    try:
        team.sql(who, sql)
    except SqlError as e:
        return f.check(needle in str(e), f'{who}: {sql}: refused with “{needle}”, not: {e}')
    return f.check(False, f'{who}: {sql}: refused')


def count(team, who, sql):
    return int(team.sql(who, sql)[0][0])


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    team = Team(server, cli, tmp)
    team.code('Ana', 'Themes/Partnership', 'a seat at the table')
    team.code('Ben', 'Themes/Funding', 'came late')
    team.sync('Ana')
    team.sync('Ben')
    ana, ben = team.coder_guid('Ana'), team.coder_guid('Ben')
    f.check(count(team, 'lead', 'SELECT count(*) FROM gloss.coding') == 2, 'the lead sees both codings')

    # Blind: no other coder's codings, by any way of asking.
    f.check(count(team, 'Ben', 'SELECT count(*) FROM gloss.coding') == 1, 'blind: Ben sees one coding')
    f.check(count(team, 'Ben', f"SELECT count(*) FROM gloss.coding WHERE coder_guid = '{ana}'") == 0,
            "blind: Ben cannot select Ana's codings")
    f.check(count(team, 'Ben', "SELECT count(*) FROM gloss.change_log WHERE tbl = 'coding' "
                               f"AND coder_guid IS DISTINCT FROM '{ben}'") == 0,
            "blind: nor learn of them from the change log")
    f.check(count(team, 'Ben', f"SELECT count(*) FROM gloss.coding WHERE coder_guid <> '{ben}' "
                               "OR quote LIKE '%seat%'") == 0, 'blind: nor by their quote')
    f.check([c['coder'] for c in cli.codings(team.files['Ben'], team.passwords['Ben'])] == ['Ben'],
            "blind: Ben's file holds only his own codings")
    team.sql('Ben', f"UPDATE gloss.coding SET memo = 'mine now' WHERE coder_guid = '{ana}'")
    team.sql('Ben', f"DELETE FROM gloss.coding WHERE coder_guid = '{ana}'")
    f.check(team.sql('lead', f"SELECT memo FROM gloss.coding WHERE coder_guid = '{ana}'") == [['']],
            "Ben cannot change or delete Ana's coding (blind)")

    # Writing codings as another coder.
    doc, code = team.sql('lead', "SELECT document_guid, code_guid FROM gloss.coding LIMIT 1")[0]
    refused(team, 'Ben', "INSERT INTO gloss.coding (guid, document_guid, coder_guid, code_guid, start, \"end\", "
                         f"quote, created, modified) VALUES ('x-1', '{doc}', '{ana}', '{code}', 0, 5, 'Partn', 0, 0)",
            'row-level security')
    refused(team, 'Ben', f"UPDATE gloss.coding SET coder_guid = '{ana}' WHERE coder_guid = '{ben}'",
            'row-level security')

    # The codebook, documents, coders, project and phase, the members, the log.
    for sql in ("INSERT INTO gloss.code (guid, name, color, created, modified) VALUES ('c-1', 'Mine', '#000000', 0, 0)",
                "UPDATE gloss.code SET name = 'Renamed'",
                "DELETE FROM gloss.code",
                "UPDATE gloss.document SET title = 'Mine'",
                "DELETE FROM gloss.document",
                "UPDATE gloss.page SET width = 1",
                "UPDATE gloss.blob SET bytes = ''",
                "INSERT INTO gloss.coder (guid, name, color, created) VALUES ('k-1', 'Eve', '#000000', 0)",
                "UPDATE gloss.coder SET name = 'Eve'",
                "UPDATE gloss.project SET phase = 'review'",
                "UPDATE gloss.project SET title = 'Mine'",
                "INSERT INTO gloss.member (role, is_lead) VALUES ('ben', true)",
                "UPDATE gloss.member SET is_lead = true",
                "INSERT INTO gloss.change_log (tbl, guid, op) VALUES ('coding', 'x', 'delete')",
                "DELETE FROM gloss.change_log",
                "UPDATE gloss.change_log SET op = 'delete'",
                "UPDATE gloss.schema_version SET version = 99"):
        refused(team, 'Ben', sql, 'permission denied')
    f.check(team.sql('lead', 'SELECT phase, title FROM gloss.project') == [['blind', 'Team test']],
            'the project is as the lead left it')
    f.check(count(team, 'lead', 'SELECT count(*) FROM gloss.code') == 3, 'the codebook is as the lead left it')
    # Even gloss-cli as Ben: the lead's commands are refused, the codebook edit stays local.
    p = team.as_coder('Ben', 'team', 'phase', 'review', team.files['Ben'], ok=False)
    f.check(p.returncode == 1 and 'Only the project’s lead' in p.stderr, f'team phase as a coder: {p.stderr}')
    team.as_coder('Ben', 'code-add', team.files['Ben'], 'Themes/Mine')
    report = __import__('json').loads(team.sync('Ben').stdout)
    f.check([r['kind'] for r in report['refused']] == ['code'], f'the code Ben added is refused: {report}')
    f.check(count(team, 'lead', "SELECT count(*) FROM gloss.code WHERE name = 'Mine'") == 0,
            "Ben's code is not on the server")
    # A coding with that code cannot go up (the server lacks the code); the others of the same sync do.
    team.code('Ben', 'Themes/Mine', 'with strings')
    team.code('Ben', 'Themes/Partnership', 'Refugee-led groups')
    report = __import__('json').loads(team.sync('Ben').stdout)
    f.check(sorted(r['kind'] for r in report['refused']) == ['code', 'coding'] and
            any('foreign key' in r['reason'] for r in report['refused']),
            f'the coding with the unknown code is refused by the server: {report}')
    f.check(count(team, 'lead', "SELECT count(*) FROM gloss.coding WHERE quote = 'Refugee-led groups'") == 1,
            'the other coding of that sync is on the server')
    # Ben takes both back: his deletion goes up too.
    team.as_coder('Ben', 'undo', team.files['Ben'])
    team.as_coder('Ben', 'undo', team.files['Ben'])
    team.sync('Ben')
    f.check(count(team, 'lead', "SELECT count(*) FROM gloss.coding WHERE quote = 'Refugee-led groups'") == 0,
            "Ben's deletion of his own coding reaches the server")

    # Memos: one's own only.
    team.sql('Ben', "INSERT INTO gloss.memo (guid, target_kind, target_guid, text, created, modified) "
                    f"VALUES ('m-ben', 'document', '{doc}', 'Ben thinks', 0, 0)")
    refused(team, 'Ben', "INSERT INTO gloss.memo (guid, target_kind, target_guid, text, owner, created, modified) "
                         f"VALUES ('m-fake', 'document', '{doc}', 'Ana thinks', 'ana', 0, 0)", 'row-level security')
    team.sql('Ana', "UPDATE gloss.memo SET text = 'Ana was here' WHERE guid = 'm-ben'")
    team.sql('Ana', "DELETE FROM gloss.memo WHERE guid = 'm-ben'")
    f.check(team.sql('lead', "SELECT text FROM gloss.memo WHERE guid = 'm-ben'") == [['Ben thinks']],
            "Ana cannot change or delete Ben's memo")
    # A row Ben wrote by SQL names itself with no GUID: it stays out of the
    # files (which would not open again), and the sync says so.
    report = json.loads(team.sync('Ana').stdout)
    f.check([(r['kind'], r['guid']) for r in report['refused']] == [('memo', 'm-ben')],
            f'a memo whose GUID is not a GUID is refused here: {report}')
    f.check(len(cli.codings(team.files['Ana'], team.passwords['Ana'])) >= 1, "Ana's file still opens")

    # Review: everyone reads everyone's codings, still changes only their own.
    cli.run('team', 'phase', 'review', team.lead)
    f.check(count(team, 'Ben', 'SELECT count(*) FROM gloss.coding') == 2, 'review: Ben sees both codings')
    team.sql('Ben', f"UPDATE gloss.coding SET memo = 'mine now' WHERE coder_guid = '{ana}'")
    team.sql('Ben', f"DELETE FROM gloss.coding WHERE coder_guid = '{ana}'")
    f.check(count(team, 'lead', f"SELECT count(*) FROM gloss.coding WHERE coder_guid = '{ana}' AND memo IS NULL") == 1,
            "review: Ben still cannot change or delete Ana's coding")
    team.sync('Ben')
    f.check(sorted(c['coder'] for c in cli.codings(team.files['Ben'], team.passwords['Ben'])) == ['Ana', 'Ben'],
            "review: a sync brings Ana's codings into Ben's file")
    cli.run('team', 'phase', 'blind', team.lead)

    # A removed coder's role sees nothing any more.
    team.add_coder('Cleo')
    cli.run('team', 'remove-coder', team.lead, 'Cleo')
    refused(team, 'Cleo', 'SELECT count(*) FROM gloss.coding', 'permission denied')

    # Wrong password, server gone, password in the address: one sentence, nothing changed.
    before = dump(team.files['Ben'])
    p = cli.run('sync', team.files['Ben'], password='not my password', ok=False)
    f.check(p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1 and 'refused the login' in p.stderr,
            f'a wrong password: {p.stderr}')
    f.check(dump(team.files['Ben']) == before, 'a wrong password changes nothing')
    team.code('Ben', 'Themes/Partnership', 'spoke for themselves')
    before = dump(team.files['Ben'])
    server.stop()
    p = team.sync('Ben', ok=False)
    f.check(p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1 and 'Cannot reach the team server' in p.stderr,
            f'a server that is gone: {p.stderr}')
    f.check(dump(team.files['Ben']) == before, 'a server that is gone changes nothing')
    server.start()
    team.sync('Ben')
    f.check(count(team, 'lead', f"SELECT count(*) FROM gloss.coding WHERE coder_guid = '{ben}'") == 2,
            "after the server is back Ben's coding is on it")
    p = cli.run('join', server.uri('ben') + '&password=ben-pw', f'{tmp}/again.gloss', '--coder', 'Ben', ok=False)
    f.check(p.returncode == 1 and '~/.pgpass or PGPASSWORD' in p.stderr, f'a password in the address: {p.stderr}')
    p = team.as_coder('Ben', 'join', server.uri('ben'), f'{tmp}/again.gloss', '--coder', 'Ana', ok=False)
    f.check(p.returncode == 1 and 'codes as “Ben”' in p.stderr, f'joining as another coder: {p.stderr}')
    f.check(not __import__('os').path.exists(f'{tmp}/again.gloss'), 'a refused join leaves no file')

f.finish('team policies')
