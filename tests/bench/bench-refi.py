#!/usr/bin/env python3
# bench-refi.py: re-anchoring an NVivo-shaped .qdpx beside the floor
#
# One text source of about 600,000 characters with CRLF line ends and an
# emoji in every line (so that positions count UTF-16 units and every
# selection is re-anchored on Gloss's LF text), SELECTIONS selections on it,
# each a word or phrase. Gloss's import-qdpx is timed beside the floor:
# unzip of the same archive piped to xmllint --stream. Target: under 2 s.
# Prints a table; exits non-zero when the target is missed or a coding is
# not on the producer's text.
#
# Usage: bench-refi.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

CLI = sys.argv[1]
CHARS = int(os.environ.get('GLOSS_BENCH_CHARS', '600000'))
SELECTIONS = int(os.environ.get('GLOSS_BENCH_SELECTIONS', '3000'))
TARGET = 2.0
USER = '0f6b1f2e-0000-4000-8000-000000000001'
CODE = '1f6b1f2e-0000-4000-8000-%012x'
LINE = 'Respondent %d: the money \U0001F4B8 ran out, and nobody "decided" anything, she said.\r\n'


def make_archive(path):
    lines, n = [], 0
    while n < CHARS:  # numbered lines: the quote alone does not tell them apart, its context does
        line = LINE % len(lines)
        lines.append(line)
        n += len(line)
    text = ''.join(lines)
    step = max(1, len(lines) // SELECTIONS)
    selections, expected = [], []
    unit = ours = 0
    offsets, our_offsets = [], []
    for line in lines:
        offsets.append(unit)
        our_offsets.append(ours)
        unit += len(line.encode('utf-16-le')) // 2
        ours += len(line) - 1   # CRLF is one character in Gloss's text
    for i in range(SELECTIONS):
        k = (i * step) % len(lines)
        line = lines[k]
        word = 'nobody "decided"' if i % 2 else 'ran out'
        at = line.index(word)
        start = offsets[k] + len(line[:at].encode('utf-16-le')) // 2
        end = start + len(word)
        expected.append((our_offsets[k] + at, word))
        selections.append('<PlainTextSelection guid="2f6b1f2e-0000-4000-8000-%012x" startPosition="%d" '
                          'endPosition="%d" creatingUser="%s"><Coding guid="3f6b1f2e-0000-4000-8000-%012x" '
                          'creatingUser="%s"><CodeRef targetGUID="%s"/></Coding></PlainTextSelection>'
                          % (i, start, end, USER, i, USER, CODE % (i % 50)))
    codes = ''.join('<Code guid="%s" name="Code %d" isCodable="true"/>' % (CODE % i, i) for i in range(50))
    qde = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
           'name="Bench" origin="NVivo 12.7 (Mac)"><Users><User guid="%s" name="Ana"/></Users>'
           '<CodeBook><Codes>%s</Codes></CodeBook><Sources><TextSource guid="4f6b1f2e-0000-4000-8000-'
           '000000000001" name="Long interview" plainTextPath="internal://long.txt">%s</TextSource>'
           '</Sources></Project>' % (USER, codes, ''.join(selections)))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('project.qde', qde)
        archive.writestr('sources/long.txt', text.encode('utf-8'))
    return len(text), sorted(expected)


def timed(argv, **kwargs):
    start = time.monotonic()
    result = subprocess.run(argv, capture_output=True, **kwargs)
    if result.returncode != 0:
        sys.exit('%s: exit %d: %s' % (argv[0], result.returncode, result.stderr[-500:]))
    return time.monotonic() - start, result


def main():
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        archive = tmp / 'nvivo.qdpx'
        n_chars, expected = make_archive(archive)
        project = tmp / 'nvivo.gloss'
        seconds, result = timed([CLI, 'import-qdpx', project, archive], text=True)
        rows = json.loads(subprocess.run([CLI, 'codings', project, '--json'], capture_output=True,
                                         text=True, check=True).stdout)
        quotes = sorted((r['start'], r['quote']) for r in rows)
        floor = None
        if shutil.which('unzip') and shutil.which('xmllint'):
            floor, _ = timed(['sh', '-c', 'unzip -p "$1" project.qde | xmllint --stream --noout - && '
                              'unzip -p "$1" sources/long.txt | wc -c >/dev/null', 'sh', str(archive)])
        warnings = result.stderr.count('\n')

    print('| .qdpx import (NVivo shape) | characters | selections | Gloss | floor (unzip, xmllint --stream) | target |')
    print('|---|---:|---:|---:|---:|---:|')
    print('| UTF-16 positions, CRLF, every selection re-anchored | %d | %d | %.2f s | %s | < %.0f s |'
          % (n_chars, SELECTIONS, seconds, '%.2f s' % floor if floor is not None else 'n/a', TARGET))
    print('summary lines: %d' % warnings)
    ok = True
    if quotes != expected:
        print('FAIL: %d of %d codings off the producer\'s text' %
              (sum(1 for a, b in zip(quotes, expected) if a != b) + abs(len(quotes) - len(expected)),
               len(expected)))
        ok = False
    if seconds >= TARGET:
        print('FAIL: %.2f s, target %.0f s' % (seconds, TARGET))
        ok = False
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
