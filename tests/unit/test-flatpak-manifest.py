#!/usr/bin/env python3
# test-flatpak-manifest.py: the flatpak builds what Gloss links that the
# GNOME runtime lacks, libpq (for the team server) first among them, and
# lets the sandbox reach a team server and libpq's own files
#
# Usage: test-flatpak-manifest.py MANIFEST.json CORE-MESON.BUILD
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

manifest_path, core_meson = sys.argv[1:3]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, file=sys.stderr)


manifest = json.load(open(manifest_path))
modules = {m['name']: m for m in manifest['modules']}
names = [m['name'] for m in manifest['modules']]

check(manifest['id'] == 'io.github.glossqda.Gloss', 'the application id')
check(names[-1] == 'gloss', 'Gloss is built last, on the modules before it')

libpq = modules.get('libpq')
check(libpq is not None, 'libpq is a module')
if libpq:
    commands = ' '.join(libpq.get('build-commands', []))
    check('--prefix=/app' in commands, 'libpq goes into /app')
    check('--with-openssl' in commands, 'libpq speaks TLS (sslmode=require)')
    check('src/interfaces/libpq' in commands and 'install' in commands, 'libpq alone is built and installed')
    check('src/include install' in commands, "with the headers libpq-fe.h needs")
    check(all(s.get('tag', '').startswith('REL_15_') or 'sha256' in s for s in libpq['sources']),
          'a released PostgreSQL 15 source, pinned')

# What core links and the GNOME runtime does not ship is a module.
linked = set(re.findall(r"dependency\('([^']+)'", open(core_meson).read()))
for dep, module in (('libpq', 'libpq'), ('xlsxwriter', 'libxlsxwriter')):
    if dep in linked:
        check(module in modules, f'{dep} (linked by core) is built as the module {module}')
check('poppler' in modules and '-DENABLE_GLIB=ON' in modules['poppler'].get('config-opts', []),
      'poppler with its GLib binding')

args = manifest.get('finish-args', [])
check('--share=network' in args, 'the sandbox reaches a team server over the network')
check(any(a.startswith('--filesystem=~/.pgpass') for a in args), "libpq reads ~/.pgpass")
check(any('/run/postgresql' in a for a in args), 'and a local server on its Unix socket')

if failures:
    sys.exit(f'{len(failures)} failures')
print('flatpak manifest: ok')
