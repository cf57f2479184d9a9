# gloss_team_server.py: a real PostgreSQL 15 for the team tests
#
# TeamServer starts a server of its own in a temporary folder with
# build-aux/team-server.sh (initdb, pg_ctl; a Unix socket in that folder,
# no TCP port; as the system user "postgres" when the tests run as root)
# and stops it when the block ends, also when a test fails or the test
# is killed.
#
#   with TeamServer() as server:
#       server.psql('SELECT 1', user='postgres')
#       uri = server.uri('lead', 'gloss')
#
# SPDX-License-Identifier: GPL-3.0-or-later

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / 'build-aux' / 'team-server.sh'
SUPERUSER_PASSWORD = 'gloss'


class SqlError(Exception):
    pass


class TeamServer:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix='gloss-team-'))
        self.dir = self.root / 'server'
        self.running = False

    # Starting and stopping

    def _script(self, command):
        env = dict(os.environ, GLOSS_PG_PASSWORD=SUPERUSER_PASSWORD)
        subprocess.run(['sh', str(SCRIPT), command, str(self.dir)], check=True, env=env)

    def start(self):
        self._script('start')
        self.running = True

    def stop(self):
        if self.running:
            self._script('stop')
            self.running = False

    def restart(self):
        self._script('restart')
        self.running = True

    def cleanup(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        atexit.register(self.cleanup)
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        self.start()
        return self

    def __exit__(self, *exc):
        self.cleanup()
        atexit.unregister(self.cleanup)
        return False

    def _on_signal(self, signum, frame):
        self.cleanup()
        os._exit(128 + signum)

    # Connecting

    def conninfo(self, user, dbname='gloss'):
        return f'host={self.dir} user={user} dbname={dbname}'

    def uri(self, user, dbname='gloss'):
        """A libpq URI without a password (that comes from PGPASSWORD)."""
        return f'postgresql:///{dbname}?host={self.dir}&user={user}'

    def psql(self, sql, user='postgres', password=SUPERUSER_PASSWORD, dbname='gloss', check=True):
        """Runs @sql as @user; returns rows as lists of strings. Raises
        SqlError with the server's message when it fails and @check."""
        env = dict(os.environ, PGPASSWORD=password, PGCONNECT_TIMEOUT='10')
        result = subprocess.run(['psql', '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1',
                                 self.conninfo(user, dbname), '-c', sql],
                                capture_output=True, text=True, env=env)
        if result.returncode != 0:
            if check:
                raise SqlError(result.stderr.strip())
            return None
        return [line.split('\t') for line in result.stdout.splitlines()]

    def create_database(self, name='gloss', owner='lead', password='lead-secret'):
        """A lead role that may create coders' roles, and a database it owns."""
        self.psql(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{password}'", dbname='postgres')
        self.psql(f'CREATE DATABASE {name} OWNER {owner}', dbname='postgres')
