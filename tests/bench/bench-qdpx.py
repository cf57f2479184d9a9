#!/usr/bin/env python3
# bench-qdpx.py: REFI-QDA import of a large archive beside the floor
#
# The archive is made here: one text source of SOURCE_MB megabytes (LF
# line ends, or CRLF with GLOSS_BENCH_CRLF=1, which makes every selection
# be re-anchored), CODINGS codings on it, 2,000 codes and 20 users. Gloss's
# import-qdpx is timed and its peak memory (maximum resident set size)
# read from the kernel, beside the floor: unzip of the same archive piped
# to xmllint --stream (reading project.qde without building a tree) and
# the source piped to wc -c. Prints a table; exits non-zero when a target
# is missed.
#
# Usage: bench-qdpx.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CLI = sys.argv[1]
MB = 1024 * 1024
SOURCE_MB = int(os.environ.get('GLOSS_BENCH_SOURCE_MB', '256'))
CODINGS = int(os.environ.get('GLOSS_BENCH_CODINGS', '200000'))
NS = 'urn:QDA-XML:project:1.0'
LINE = ('Q: What did partnership mean, in practice? A: Meetings, reports, more reports; '
        'a seat, never a vote.' + ('\r\n' if os.environ.get('GLOSS_BENCH_CRLF') == '1' else '\n'))

PROBE = '''import json, resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
print(json.dumps({"status": r.returncode, "err": r.stderr.decode(errors="replace")[-500:],
                  "seconds": time.monotonic() - t,
                  "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
'''


def measure(*argv):
    """Seconds and peak MB of the largest process of @argv (run in a fresh
    interpreter, so that earlier runs do not count)."""
    result = subprocess.run([sys.executable, '-c', PROBE, *map(str, argv)], capture_output=True, text=True)
    report = json.loads(result.stdout)
    if report['status'] != 0:
        sys.exit('%s: exit %d: %s' % (argv[0], report['status'], report['err']))
    return report['seconds'], report['rss']


def make_archive(path):
    users = ''.join('<User guid="0f6b1f2e-0000-4000-8000-%012x" name="Coder %d"/>' % (i, i) for i in range(20))
    codes = ''.join('<Code guid="1f6b1f2e-0000-4000-8000-%012x" name="Code %d" isCodable="true"/>' % (i, i)
                    for i in range(2000))
    line_chars = len(LINE.replace('\r\n', '\n'))   # CRLF is one character in Gloss's text
    n_lines = SOURCE_MB * MB // len(LINE)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open('project.qde', 'w', force_zip64=True) as qde:
            qde.write(('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="%s" name="Bench">'
                       '<Users>%s</Users><CodeBook><Codes>%s</Codes></CodeBook><Sources>'
                       '<TextSource guid="3f6b1f2e-0000-4000-8000-000000000001" name="Transcript" '
                       'plainTextPath="internal://transcript.txt">' % (NS, users, codes)).encode())
            batch = []
            for i in range(CODINGS):
                line = (i * 7919) % n_lines
                start = line * line_chars + 3
                batch.append('<PlainTextSelection guid="4f6b1f2e-0000-4000-8000-%012x" name="s" '
                             'startPosition="%d" endPosition="%d" creatingUser="0f6b1f2e-0000-4000-8000-%012x" '
                             'creationDateTime="2024-05-01T10:00:00Z"><Coding guid="5f6b1f2e-0000-4000-8000-%012x" '
                             'creatingUser="0f6b1f2e-0000-4000-8000-%012x"><CodeRef targetGUID='
                             '"1f6b1f2e-0000-4000-8000-%012x"/></Coding></PlainTextSelection>'
                             % (i, start, start + 40, i % 20, i, i % 20, i % 2000))
                if len(batch) == 10000:
                    qde.write(''.join(batch).encode())
                    batch = []
            qde.write((''.join(batch) + '</TextSource></Sources></Project>\n').encode())
        with archive.open('sources/transcript.txt', 'w', force_zip64=True) as source:
            chunk = (LINE * 10000).encode()
            for _ in range(n_lines // 10000):
                source.write(chunk)
            source.write((LINE * (n_lines % 10000)).encode())
        qde_size = archive.getinfo('project.qde').file_size
    return qde_size


def main():
    tmp = Path(tempfile.mkdtemp(prefix='gloss-bench-qdpx-'))
    try:
        archive = tmp / 'large.qdpx'
        qde_size = make_archive(archive)
        print('archive: %d MB source, %d codings, project.qde %d MB, %.0f MB on disk'
              % (SOURCE_MB, CODINGS, qde_size // MB, archive.stat().st_size / MB))

        floor = ("unzip -p '%s' project.qde | xmllint --stream --noout - && "
                 "unzip -p '%s' sources/transcript.txt | wc -c" % (archive, archive))
        floor_s, floor_mb = measure('sh', '-c', floor)
        ours_s, ours_mb = measure(CLI, 'import-qdpx', tmp / 'large.gloss', archive)
        codings = json.loads(subprocess.run([CLI, 'codings', tmp / 'large.gloss', '--json'],
                                            capture_output=True, text=True, check=True).stdout)
        input_mb = SOURCE_MB + qde_size / MB

        limit_s = max(10 * floor_s, 60.0)
        limit_mb = 6 * input_mb
        rows = [
            ('qdpx import, time (s)', ours_s, 'unzip | xmllint --stream', floor_s, limit_s),
            ('qdpx import, peak memory (MB)', ours_mb, 'unzip | xmllint --stream', floor_mb, limit_mb),
        ]
        print('\n%-32s %10s  %-26s %10s  %10s' % ('benchmark', 'Gloss', 'baseline', 'base', 'limit'))
        met = True
        for what, ours, base_name, base, limit in rows:
            ok = ours <= limit
            met = met and ok
            print('%-32s %10.1f  %-26s %10.1f  %10.1f  %s' % (what, ours, base_name, base, limit,
                                                            'met' if ok else 'MISSED'))
        print('(input %.0f MB: source and project.qde unpacked; %d codings imported)' % (input_mb, len(codings)))
        if len(codings) != CODINGS:
            print('MISSED: %d codings of %d imported' % (len(codings), CODINGS))
            met = False
        sys.exit(0 if met else 1)
    finally:
        shutil.rmtree(tmp)


if __name__ == '__main__':
    main()
