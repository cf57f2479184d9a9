#!/usr/bin/env python3
# test-team-server.py: the team tests' PostgreSQL starts in a folder of its
# own, on a Unix socket there and no TCP port, as an unprivileged user, and
# is gone afterwards, also when a test fails inside it
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'common'))
from gloss_team_server import TeamServer, SqlError  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, file=sys.stderr)


with TeamServer() as server:
    root = server.root
    check(server.psql("SHOW listen_addresses", dbname='postgres') in ([], [['']]), 'no TCP address')
    socket_dir = server.psql("SHOW unix_socket_directories", dbname='postgres')[0][0]
    check(Path(socket_dir) == server.dir.resolve(), f'socket in the server folder, not {socket_dir}')
    pid = int((server.dir / 'data' / 'postmaster.pid').read_text().split()[0])
    uid = os.stat(f'/proc/{pid}').st_uid
    check(uid != 0, 'the server does not run as root')
    try:
        server.psql('SELECT 1', password='not the password', dbname='postgres')
        check(False, 'a wrong password is refused')
    except SqlError as e:
        check('password authentication failed' in str(e), f'password refused: {e}')
    server.restart()
    check(server.psql('SELECT 1', dbname='postgres') == [['1']], 'answers after a restart')
check(not root.exists(), 'the folder is removed at the end')

# A test that fails inside the block still stops its server.
child = subprocess.run([sys.executable, '-c', f'''
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[1] / 'common')!r})
from gloss_team_server import TeamServer
with TeamServer() as server:
    print(server.root, flush=True)
    raise SystemExit("a failing test")
'''], capture_output=True, text=True)
left = Path(child.stdout.strip())
check(child.returncode != 0 and str(left) != '.', 'the failing child ran')
check(not left.exists(), 'a failing test leaves no server folder behind')
running = subprocess.run(['pgrep', '-f', f'-D {left}/server/data'], capture_output=True, text=True)
check(running.stdout.strip() == '', 'a failing test leaves no server running')

if failures:
    sys.exit(f'{len(failures)} failures')
print('team server fixture: ok')
