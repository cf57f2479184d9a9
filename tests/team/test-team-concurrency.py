#!/usr/bin/env python3
# test-team-concurrency.py: ten coders code the same documents at once,
# each in a gloss-cli process of its own on its own file, syncing at
# random, while the server restarts in the middle. Afterwards every file
# and the server hold exactly the same codings, compared by GUID: none
# lost, none doubled.
#
# A minute of coding; GLOSS_QUICK_TESTS=1 makes it 15 seconds.
#
# Usage: test-team-concurrency.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from team_util import Cli, Failures, Team, TeamServer

cli = Cli(sys.argv[1])
f = Failures()
QUICK = os.environ.get('GLOSS_QUICK_TESTS') == '1'
DURATION = 15 if QUICK else 60
CODERS = [f'Coder{i:02d}' for i in range(10)]
SECOND = ('Whole-of-society means more than a workshop each year.\n'
          'Local authorities, faith groups and sports clubs took part.\n') * 3


def coder_loop(team, name, seed, deadline, lengths, stats):
    rng = random.Random(seed)
    path = team.files[name]
    docs = list(lengths)
    while time.monotonic() < deadline:
        action = rng.random()
        if action < 0.6:
            doc = rng.choice(docs)
            start = rng.randrange(0, lengths[doc] - 12)
            end = start + rng.randrange(3, 12)
            code = rng.choice(['Themes/Partnership', 'Themes/Funding'])
            p = team.as_coder(name, 'code', path, '--doc', doc, '--coder', name, '--code', code,
                              '--range', f'{start}:{end}', ok=False)
            stats['coded'] += p.returncode == 0
        elif action < 0.7:
            team.as_coder(name, 'undo', path, ok=False)
            stats['undone'] += 1
        else:
            p = team.sync(name, ok=False)
            stats['synced' if p.returncode == 0 else 'offline'] += 1


def sync_until_done(team, name, tries=20):
    for _ in range(tries):
        if team.sync(name, ok=False).returncode == 0:
            return True
        time.sleep(0.5)
    return False


with TeamServer() as server, tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    team = Team(server, cli, tmp, coders=())
    second = tmp / 'second.txt'
    second.write_text(SECOND)
    cli.run('import', team.lead, second)
    team.sync('lead')
    for name in CODERS:
        team.add_coder(name)
    lengths = {d['title']: d['characters']
               for d in cli.json('documents', team.lead)}

    stats = {name: Counter() for name in CODERS}
    deadline = time.monotonic() + DURATION
    threads = [threading.Thread(target=coder_loop, args=(team, name, i, deadline, lengths, stats[name]))
               for i, name in enumerate(CODERS)]
    for t in threads:
        t.start()
    time.sleep(DURATION / 2)
    server.restart()
    for t in threads:
        t.join()

    total = sum(stats.values(), Counter())
    print(f'{DURATION} s: {dict(total)}', flush=True)
    f.check(total['coded'] > 20 and total['synced'] > 10, f'the coders coded and synced: {dict(total)}')

    # Each coder's last changes go up; then everyone reads everyone's.
    for name in CODERS:
        f.check(sync_until_done(team, name), f'{name} syncs at the end')
    cli.run('team', 'phase', 'review', team.lead)
    for name in ['lead'] + CODERS:
        f.check(sync_until_done(team, name), f'{name} syncs in review')

    server_rows = team.sql('lead', 'SELECT guid, coder_guid, code_guid, document_guid, start, "end" FROM gloss.coding')
    server_guids = sorted(r[0] for r in server_rows)
    f.check(len(server_guids) == len(set(server_guids)), 'no GUID twice on the server')
    spans = Counter(tuple(r[1:]) for r in server_rows)
    f.check(max(spans.values(), default=1) == 1, 'no coding doubled on the server (same coder, code and span)')
    f.check(len(server_guids) > 0, 'the server holds codings')
    f.check(cli.coding_guids(team.lead) == server_guids, "the lead's file holds the server's codings")
    for name in CODERS:
        mine = [c for c in cli.codings(team.files[name], team.passwords[name])]
        guids = sorted(c['guid'] for c in mine)
        f.check(guids == server_guids, f"{name}'s file holds the server's codings "
                                       f'({len(guids)} here, {len(server_guids)} there)')
        waiting = team.as_coder(name, 'team', 'status', team.files[name], '--json').stdout
        f.check('"waiting" : 0' in waiting, f'{name} has nothing waiting')
    print(f'{len(server_guids)} codings on the server and in all {len(CODERS) + 1} files', flush=True)

f.finish('team concurrency')
