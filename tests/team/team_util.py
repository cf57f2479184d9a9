# team_util.py: what the team tests share: gloss-cli as a given role, a
# lead project published on a TeamServer, coders who join it
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'common'))
from gloss_team_server import TeamServer, SqlError  # noqa: E402,F401

LEAD_PASSWORD = 'lead-secret'

TEXT = ('Partnership means a seat at the table and a vote in the room.\n'
        'Funding came late and with strings; the forum asked for more.\n'
        'Refugee-led groups spoke for themselves, not through others.\n')


class Failures:
    def __init__(self):
        self.items = []

    def check(self, condition, message):
        if not condition:
            self.items.append(message)
            print('FAIL: ' + message, file=sys.stderr, flush=True)
        return condition

    def finish(self, name):
        if self.items:
            sys.exit(f'{name}: {len(self.items)} failures')
        print(f'{name}: ok')


class Cli:
    def __init__(self, path):
        self.path = path

    def run(self, *args, password=LEAD_PASSWORD, ok=True, stdin=None, timeout=120):
        env = dict(os.environ, PGPASSWORD=password)
        env.pop('PGPASSFILE', None)
        p = subprocess.run([self.path, *map(str, args)], capture_output=True, text=True, env=env,
                           input=stdin, timeout=timeout)
        if ok and p.returncode != 0:
            raise AssertionError(f'gloss-cli {" ".join(map(str, args))}: exit {p.returncode}: {p.stderr}')
        return p

    def json(self, *args, password=LEAD_PASSWORD):
        return json.loads(self.run(*args, '--json', password=password).stdout)

    def codings(self, project, password=LEAD_PASSWORD):
        return self.json('codings', project, password=password)

    def coding_guids(self, project, password=LEAD_PASSWORD):
        return sorted(c['guid'] for c in self.codings(project, password))


def dump(project):
    """The file's content as SQL text, to tell that nothing changed."""
    return subprocess.run(['sqlite3', str(project), '.dump'], capture_output=True, text=True, check=True).stdout


class Team:
    """A lead project with one text document and a two-level codebook,
    published on @server, with coders who join it."""

    def __init__(self, server, cli, root, coders=('Ana', 'Ben'), text=TEXT):
        self.server = server
        self.cli = cli
        self.root = Path(root)
        self.passwords = {}
        self.files = {}
        server.create_database(owner='lead', password=LEAD_PASSWORD)
        self.lead = self.root / 'lead.gloss'
        source = self.root / 'forum.txt'
        source.write_text(text)
        cli.run('init', self.lead, '--title', 'Team test')
        cli.run('import', self.lead, source)
        cli.run('code-add', self.lead, 'Themes/Partnership')
        cli.run('code-add', self.lead, 'Themes/Funding')
        cli.run('publish', self.lead, server.uri('lead'))
        for name in coders:
            self.add_coder(name)

    def role(self, name):
        return name.lower()

    def add_coder(self, name, join=True):
        password = f'{name.lower()}-pw'
        self.passwords[name] = password
        self.cli.run('team', 'add-coder', self.lead, name, '--password-stdin', stdin=password + '\n')
        if join:
            path = self.root / f'{name.lower()}.gloss'
            self.cli.run('join', self.server.uri(self.role(name)), path, '--coder', name, password=password)
            self.files[name] = path
        return password

    def as_coder(self, name, *args, ok=True):
        return self.cli.run(*args, password=self.passwords[name], ok=ok)

    def code(self, name, code, match, doc='forum.txt'):
        self.as_coder(name, 'code', self.files[name], '--doc', doc, '--coder', name, '--code', code,
                      '--match', match)

    def sync(self, name, ok=True):
        if name == 'lead':
            return self.cli.run('sync', self.lead, '--json', ok=ok)
        return self.as_coder(name, 'sync', self.files[name], '--json', ok=ok)

    def sql(self, name, sql, check=True):
        if name == 'lead':
            return self.server.psql(sql, user='lead', password=LEAD_PASSWORD, check=check)
        return self.server.psql(sql, user=self.role(name), password=self.passwords[name], check=check)

    def coder_guid(self, name):
        return self.sql('lead', f"SELECT guid FROM gloss.coder WHERE name = '{name}'")[0][0]
