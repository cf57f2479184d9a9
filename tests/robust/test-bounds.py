#!/usr/bin/env python3
# test-bounds.py: oversized and amplifying input stays within time and memory
#
# Every fixture is made here, in a temporary folder: REFI-QDA archives with
# 20,000 users and 20,000 codes of one name, a large text source, notes that
# would expand to gigabytes, and a coder's copy with a 30,000-deep chain of
# codes. Each gloss-cli run is timed and its peak memory (maximum resident
# set size) read from the kernel; both must stay within stated bounds.
#
# Usage: test-bounds.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

CLI = sys.argv[1]
MB = 1024 * 1024
failures = []

NS = 'urn:QDA-XML:project:1.0'
USER = '0f6b1f2e-0000-4000-8000-%012x'
CODE = '1f6b1f2e-0000-4000-8000-%012x'
NOTE = '2f6b1f2e-0000-4000-8000-%012x'
SOURCE = '3f6b1f2e-0000-4000-8000-%012x'



def sanitizer_allowance(size):
    """What AddressSanitizer holds beyond the program, in MB: freed blocks
    wait in its quarantine (256 MB by default) before they are reused, and
    every large block carries its shadow and redzones (up to one more copy
    of the source). The bounds themselves are what the normal build, which
    runs the same test, must keep."""
    return 256 + size // MB if 'ASAN_OPTIONS' in os.environ else 0

def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, file=sys.stderr)


def run(*args, status=0, timeout=120):
    """Runs gloss-cli; returns (result, seconds, peak resident MB)."""
    start = time.monotonic()
    child = subprocess.Popen([CLI, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        sys.exit(f'gloss-cli {" ".join(map(str, args))}: still running after {timeout} s')
    seconds = time.monotonic() - start
    if child.returncode != status:
        sys.exit(f'gloss-cli {" ".join(map(str, args))}: exit {child.returncode}, expected {status}: '
                 f'{err.strip()[:2000]}')
    return subprocess.CompletedProcess(child.args, child.returncode, out, err), seconds


def measured(*args, status=0, timeout=120):
    """Runs gloss-cli in a child that reports the peak resident memory of
    gloss-cli alone. Returns (stdout, stderr, seconds, peak MB)."""
    probe = ('import json, resource, subprocess, sys, time\n'
             't = time.monotonic()\n'
             'r = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=%d)\n'
             'print(json.dumps({"status": r.returncode, "out": r.stdout, "err": r.stderr,\n'
             '  "seconds": time.monotonic() - t,\n'
             '  "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n' % timeout)
    result = subprocess.run([sys.executable, '-c', probe, CLI, *map(str, args)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f'gloss-cli {" ".join(map(str, args))}: {result.stderr.strip()[-2000:]}')
    report = json.loads(result.stdout)
    if report['status'] != status:
        sys.exit(f'gloss-cli {" ".join(map(str, args))}: exit {report["status"]}, expected {status}: '
                 f'{report["err"].strip()[:2000]}')
    print(f'  gloss-cli {args[0]}: {report["seconds"]:.1f} s, peak {report["rss"]:.0f} MB')
    return report['out'], report['err'], report['seconds'], report['rss']


def project_xml(users='', codes='', sources='', notes='', refs=''):
    return ('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="%s" name="Bounds">' % NS
            + ('<Users>%s</Users>' % users if users else '')
            + ('<CodeBook><Codes>%s</Codes></CodeBook>' % codes if codes else '')
            + ('<Sources>%s</Sources>' % sources if sources else '')
            + ('<Notes>%s</Notes>' % notes if notes else '')
            + refs + '</Project>')


def write_qdpx(path, qde, files=()):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr('project.qde', qde)
        for name, writer in files:
            with archive.open(name, 'w', force_zip64=True) as entry:
                writer(entry)


def test_same_names(tmp):
    """20,000 users and 20,000 sibling codes of one name: each gets a
    numbered name, in linear time."""
    n = int(os.environ.get('GLOSS_BOUNDS_NAMES', '20000'))
    users = ''.join('<User guid="%s" name="Ana"/>' % (USER % i) for i in range(n))
    codes = ''.join('<Code guid="%s" name="Theme" isCodable="true"/>' % (CODE % i) for i in range(n))
    archive = tmp / 'names.qdpx'
    write_qdpx(archive, project_xml(users=users, codes=codes))
    project = tmp / 'names.gloss'
    out, err, seconds, rss = measured('import-qdpx', project, archive)
    check(seconds < 30, '20,000 same-name users and codes import in under 30 s (%.1f s)' % seconds)
    coders = json.loads(run('coders', project, '--json')[0].stdout)
    names = {c['name'] for c in coders}
    check(len(coders) == n and len(names) == n, 'every user is a coder with a name of its own')
    check('Ana' in names and 'Ana (2)' in names and ('Ana (%d)' % n) in names, 'numbered names')
    codes = json.loads(run('codes', project, '--json')[0].stdout)
    check(len(codes) == n and len({c['name'] for c in codes}) == n, 'every code has a name of its own')
    check(err.count('\n') < 20, 'the renames are reported in a few lines, not one per code')


def repeat_writer(chunk, total):
    def write(entry):
        written = 0
        while written < total:
            piece = chunk[:min(len(chunk), total - written)]
            entry.write(piece)
            written += len(piece)
    return write


LINE = ('A long interview, line after line, about who decides and who pays; '
        'partnership is a seat, never a vote.\r\n').encode()


def test_large_source(tmp):
    """A large plain-text source imports in memory twice its size (our
    text and the producer's), not more, and its text arrives whole."""
    size = int(os.environ.get('GLOSS_BOUNDS_SOURCE_MB', '128')) * MB
    chunk = LINE * (MB // len(LINE))
    source = '<TextSource guid="%s" name="Big" plainTextPath="internal://big.txt"/>' % (SOURCE % 1)
    archive = tmp / 'big.qdpx'
    write_qdpx(archive, project_xml(sources=source), [('sources/big.txt', repeat_writer(chunk, size))])
    project = tmp / 'big.gloss'
    out, err, seconds, rss = measured('import-qdpx', project, archive, timeout=300)
    docs = json.loads(run('documents', project, '--json')[0].stdout)
    check(len(docs) == 1 and docs[0]['size'] == size, 'the large source is imported whole: %r' % docs)
    quarantine = sanitizer_allowance(size)
    # The entry is read in pieces into the document's blob: what is whole in
    # memory is our text and, since its line ends are CRLF, the producer's
    # beside it (its positions count in it); 96 MB for the rest.
    check(rss < 2 * size / MB + 96 + quarantine,
          'peak memory %.0f MB stays under 2 x the %d MB source + 96 MB (+ %d MB under the sanitizer)'
          % (rss, size // MB, quarantine))
    check(seconds < 60, 'a %d MB source imports in under a minute (%.1f s)' % (size // MB, seconds))


def pdf_writer(padding):
    """A one-page PDF carrying an unused stream of @padding bytes, written
    in pieces."""
    def write(entry):
        offsets = []
        written = 0

        def put(data):
            nonlocal written
            entry.write(data)
            written += len(data)

        content = b'BT /F1 24 Tf 72 700 Td (A seat, never a vote.) Tj ET'
        objects = [b'<< /Type /Catalog /Pages 2 0 R >>',
                   b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
                   b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R '
                   b'/Resources << /Font << /F1 5 0 R >> >> >>',
                   b'<< /Length %d >>\nstream\n%s\nendstream' % (len(content), content),
                   b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
        put(b'%PDF-1.4\n')
        for i, body in enumerate(objects):
            offsets.append(written)
            put(b'%d 0 obj\n%s\nendobj\n' % (i + 1, body))
        offsets.append(written)
        put(b'6 0 obj\n<< /Length %d >>\nstream\n' % padding)
        piece = b'\0' * MB
        for _ in range(padding // MB):
            put(piece)
        put(b'\0' * (padding % MB) + b'\nendstream\nendobj\n')
        xref = written
        put(b'xref\n0 7\n0000000000 65535 f \n' + b''.join(b'%010d 00000 n \n' % o for o in offsets))
        put(b'trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % xref)
    return write


def test_large_pdf(tmp):
    """A large PDF source is in memory once (poppler reads it), not twice:
    its bytes go into the project without a copy."""
    size = int(os.environ.get('GLOSS_BOUNDS_PDF_MB', '128')) * MB
    source = ('<PDFSource guid="%s" name="Minutes" path="internal://minutes.pdf"/>' % (SOURCE % 2))
    archive = tmp / 'pdf.qdpx'
    write_qdpx(archive, project_xml(sources=source), [('sources/minutes.pdf', pdf_writer(size))])
    project = tmp / 'pdf.gloss'
    out, err, seconds, rss = measured('import-qdpx', project, archive, timeout=300)
    docs = json.loads(run('documents', project, '--json')[0].stdout)
    check(len(docs) == 1 and docs[0]['size'] > size, 'the large PDF is imported whole: %r' % docs)
    quarantine = sanitizer_allowance(size)
    check(rss < size / MB + 96 + quarantine,
          'peak memory %.0f MB stays under the %d MB PDF + 96 MB (+ %d MB under the sanitizer)'
          % (rss, size // MB, quarantine))


def test_amplifying_notes(tmp):
    """Forty notes that each point at the same 100 MB entry (or say the same
    large text), referred to again and again: bounded, with a clear
    warning, and the import goes through."""
    big = 100 * MB
    notes = ''.join('<Note guid="%s" name="Note %d" plainTextPath="internal://note.txt"/>' % (NOTE % i, i)
                    for i in range(40))
    refs = ''.join('<NoteRef targetGUID="%s"/>' % (NOTE % i) for i in range(40))
    small = ''.join('<Note guid="%s" name="Small"><PlainTextContent>kept</PlainTextContent></Note>'
                    % (NOTE % 1000))
    codes = '<Code guid="%s" name="Theme" isCodable="true">%s<NoteRef targetGUID="%s"/></Code>' % (
        CODE % 1, refs, NOTE % 1000)
    archive = tmp / 'notes.qdpx'
    write_qdpx(archive, project_xml(codes=codes, notes=notes + small, refs=refs),
               [('sources/note.txt', repeat_writer(b'memo ' * (MB // 5), big))])
    project = tmp / 'notes.gloss'
    out, err, seconds, rss = measured('import-qdpx', project, archive, timeout=300)
    check(rss < 1024, 'notes that would expand to 4 GB stay under 1 GB (%.0f MB)' % rss)
    check('note' in err.lower() and 'MiB' in err, 'the oversized notes are named in a warning: %r' % err[:500])
    check(project.exists(), 'the import goes through')
    run('check', project)


def test_deep_chain_merge(tmp):
    """A coder's copy whose codebook is a chain 30,000 codes deep is
    refused in bounded memory, with the limit in the message, and the lead
    is not changed."""
    lead = tmp / 'lead.gloss'
    copy = tmp / 'deep.gloss'
    run('init', lead)
    run('code-add', lead, 'Top')
    run('copy', lead, copy, '--coder', 'Ana')
    db = sqlite3.connect(copy)
    parent = db.execute('SELECT id FROM code').fetchone()[0]
    for i in range(30000):
        parent = db.execute("INSERT INTO code (guid, parent_id, name, color, created, modified) "
                            "VALUES (?, ?, ?, '#3584e4', 0, 0)",
                            ('deadbeef-0000-4000-8000-%012x' % i, parent, 'level %d' % i)).lastrowid
    db.commit()
    db.close()
    before = lead.read_bytes()
    out, err, seconds, rss = measured('merge', lead, copy, status=1, timeout=300)
    check(rss < 256, 'the deep chain is handled in bounded memory (%.0f MB)' % rss)
    check('deep' in err and '30' in err, 'the message says how deep and the limit: %r' % err.strip())
    check(lead.read_bytes() == before, 'the lead is not changed')

    # A chain within the limit merges, in little memory.
    shallow = tmp / 'shallow.gloss'
    run('copy', lead, shallow, '--coder', 'Ana')
    db = sqlite3.connect(shallow)
    parent = db.execute('SELECT id FROM code').fetchone()[0]
    for i in range(99):
        parent = db.execute("INSERT INTO code (guid, parent_id, name, color, created, modified) "
                            "VALUES (?, ?, ?, '#3584e4', 0, 0)",
                            ('feedbeef-0000-4000-8000-%012x' % i, parent, 'level %d' % i)).lastrowid
    db.commit()
    db.close()
    out, err, seconds, rss = measured('merge', lead, shallow)
    check(len(json.loads(run('codes', lead, '--json')[0].stdout)) == 100, 'a chain of 100 codes merges')

    # The same limit everywhere codes are made.
    result = run('code-add', lead, '/'.join(['x'] * 101), status=1)[0]
    check('100 levels' in result.stderr, 'code-add refuses a 101-level path: %r' % result.stderr)
    for depth, expected in ((150, 'more than 100 levels'), (400, 'more than 256 levels')):
        codes = ''.join('<Code guid="%s" name="c%d" isCodable="true">' % (CODE % i, i) for i in range(depth))
        codes += '</Code>' * depth
        archive = tmp / ('nested-%d.qdpx' % depth)
        write_qdpx(archive, project_xml(codes=codes))
        target = tmp / ('nested-%d.gloss' % depth)
        result = run('import-qdpx', target, archive, status=1)[0]
        check(expected in result.stderr.lower(), 'codes nested %d deep are refused: %r' % (depth, result.stderr))
        check(not target.exists(), 'and no project is made')


def main():
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        only = os.environ.get('GLOSS_BOUNDS_ONLY')
        for test in (test_same_names, test_large_source, test_large_pdf, test_amplifying_notes, test_deep_chain_merge):
            if only and only not in test.__name__:
                continue
            print(test.__name__)
            test(tmp)

    if failures:
        sys.exit('%d check(s) failed' % len(failures))
    print('all checks passed')


if __name__ == '__main__':
    main()
