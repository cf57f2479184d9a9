#!/usr/bin/env python3
# test-cli-exchange.py: gloss-cli copy, merge, export, import-qdpx, import-qdc, matrix
#
# Usage: test-cli-exchange.py GLOSS_CLI TESTS_DATA_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import json
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CLI = sys.argv[1]
DATA = Path(sys.argv[2])
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, file=sys.stderr)


def run(*args, status=0):
    result = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if result.returncode != status:
        sys.exit(f'gloss-cli {" ".join(map(str, args))}: exit {result.returncode}, '
                 f'expected {status}: {result.stderr.strip()}')
    return result


def codings(project):
    rows = json.loads(run('codings', project, '--json').stdout)
    return sorted((r['guid'], r['document'], r['coder'], r['code'], r['start'], r['end'],
                   r['quote'], r['memo'] or '') for r in rows)


INTERVIEW = ('Q: What did "partnership" mean, in practice?\r\n'
             'A: Meetings, reports, more reports; a seat, never a vote.\r\n'
             'Q: And the money?\r\n'
             'A: "Late", she said, "and with strings".\r\n')
MEMO = 'She said "late",\nthen, after a pause, "with strings" <script>alert(1)</script>'


def build_project(tmp):
    project = tmp / 'lead.gloss'
    source = tmp / 'interview.txt'
    source.write_bytes(INTERVIEW.encode('utf-8'))
    run('init', project, '--title', 'Exchange test')
    run('import', project, source)
    run('coder-add', project, 'Ana')
    run('coder-add', project, 'Ben')
    run('code-add', project, 'Themes/Voice', '--color', '#aa0000')
    run('code-add', project, 'Themes/Money', '--description', 'Funding, "conditions"')
    load = tmp / 'codings.json'
    load.write_text(json.dumps({'codings': [
        {'document': 'interview.txt', 'coder': 'Ana', 'code': 'Themes/Voice',
         'match': 'a seat, never a vote', 'memo': MEMO},
        {'document': 'interview.txt', 'coder': 'Ben', 'code': 'Themes/Money',
         'match': 'the money?\nA: "Late", she said, "and with strings"'},
        {'document': 'interview.txt', 'coder': 'Ben', 'code': 'Themes/Voice',
         'match': 'never a vote.\nQ: And the money'},
    ]}), encoding='utf-8')
    run('load', project, load)
    return project


def test_excerpts(tmp, project):
    expected = json.loads(run('codings', project, '--json').stdout)

    out = tmp / 'codings.csv'
    run('export', project, '--format', 'csv', '-o', out)
    raw = out.read_bytes()
    check(b'\r\n' in raw, 'CSV records end with CRLF')
    with open(out, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    check(rows[0] == ['document', 'pages', 'coder', 'code', 'start', 'end', 'text', 'memo',
                      'created', 'modified'], 'CSV header')
    check(len(rows) == len(expected) + 1, 'CSV has one row per coding')
    for row, coding in zip(rows[1:], expected):
        check(row[0] == coding['document'] and row[2] == coding['coder'] and row[3] == coding['code'],
              'CSV names')
        check(int(row[4]) == coding['start'] and int(row[5]) == coding['end'], 'CSV range')
        check(row[6] == coding['quote'], 'CSV text parses back: %r' % row[6])
        check(row[7] == (coding['memo'] or ''), 'CSV memo parses back: %r' % row[7])
        check(row[1] == '1', 'CSV page')

    run('export', project, '--format', 'csv', '-o', out, '--coder', 'Ben')
    with open(out, newline='', encoding='utf-8') as f:
        check(len(list(csv.reader(f))) == 3, '--coder narrows the export')
    run('export', project, '--format', 'csv', '-o', out, '--code', 'Themes')
    with open(out, newline='', encoding='utf-8') as f:
        check(len(list(csv.reader(f))) == 4, '--code takes the codes below')

    out = tmp / 'codings.json'
    run('export', project, '--format', 'json', '-o', out)
    collection = json.loads(out.read_text(encoding='utf-8'))
    items = collection['first']['items']
    check(collection['type'] == 'AnnotationCollection' and len(items) == len(expected), 'JSON collection')
    selectors = {s['type']: s for s in items[0]['target']['selector']}
    check(selectors['TextQuoteSelector']['exact'] == expected[0]['quote'], 'JSON quote selector')
    check(selectors['TextPositionSelector']['start'] == expected[0]['start'], 'JSON position selector')

    out = tmp / 'report.html'
    run('export', project, '--format', 'html', '-o', out)
    html = out.read_text(encoding='utf-8')
    check('<script' not in html.lower(), 'no script element in the HTML')
    check('&lt;script&gt;' in html, 'the memo is escaped in the HTML')
    check('#aa0000' in html, 'the code colour is used')

    out = tmp / 'report.md'
    run('export', project, '--format', 'md', '-o', out)
    check('## Themes/Voice (2)' in out.read_text(encoding='utf-8'), 'Markdown grouped by code')

    out = tmp / 'codings.xlsx'
    run('export', project, '--format', 'xlsx', '-o', out, '--sheet-per-code')
    with zipfile.ZipFile(out) as book:
        workbook = book.read('xl/workbook.xml').decode()
        check('Themes-Voice' in workbook and 'Themes-Money' in workbook, 'a sheet per code')

    run('export', project, '-o', out, status=2)
    run('export', project, '--format', 'pdf', '-o', out, status=2)
    run('export', project, '--format', 'csv', '-o', out, '--coder', 'Nobody', status=1)


def test_matrices(tmp, project):
    out = tmp / 'matrix.csv'
    run('matrix', project, '--kind', 'code-document', '--format', 'csv', '-o', out)
    with open(out, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    check(rows[0] == ['code \\ document', 'interview.txt'], 'code x document header: %r' % rows[0])
    check(rows[2] == ['Themes/Voice', '2'] and rows[3] == ['Themes/Money', '1'], 'code x document counts')

    run('matrix', project, '--kind', 'code-coder', '--presence', '--format', 'csv', '-o', out)
    with open(out, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    check(rows[2] == ['Themes/Voice', '1', '1'], 'code x coder presence: %r' % rows[2])

    run('matrix', project, '--kind', 'cooccurrence', '--format', 'csv', '-o', out)
    with open(out, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    check(rows[2][3] == '1' and rows[3][2] == '1', 'Voice and Money overlap once: %r' % rows)

    run('matrix', project, '--kind', 'cooccurrence', '--format', 'xlsx', '-o', tmp / 'm.xlsx')
    check(zipfile.is_zipfile(tmp / 'm.xlsx'), 'matrix as XLSX')
    run('matrix', project, '--kind', 'nonsense', '--format', 'csv', '-o', out, status=2)


def test_copy_merge(tmp, project):
    copy = tmp / 'cleo.gloss'
    run('copy', project, copy, '--coder', 'Cleo', '--without-codings')
    run('copy', project, copy, '--coder', 'Cleo', status=1)
    check(codings(copy) == [], 'the copy has no codings')
    run('code', copy, '--doc', 'interview.txt', '--coder', 'Cleo', '--code', 'Themes/Money',
        '--match', 'the money')
    first = json.loads(run('merge', project, copy, '--json').stdout)[0]
    check(sorted(i['kind'] for i in first['added']) == ['coder', 'coding'], 'merge adds: %r' % first)
    before = codings(project)
    second = json.loads(run('merge', project, copy, '--json').stdout)[0]
    check(second['added'] == [] and second['conflicts'] == [] and second['skipped'] == [],
          'merging twice changes nothing: %r' % second)
    check(codings(project) == before, 'the codings stay the same')
    text = run('merge', project, copy).stdout
    check('0 added' in text, 'merge prints a summary')
    run('merge', project, tmp / 'missing.gloss', status=1)


def test_qdpx_roundtrip(tmp, project):
    qdpx = tmp / 'out.qdpx'
    back = tmp / 'back.gloss'
    run('export', project, '--format', 'qdpx', '-o', qdpx)
    with zipfile.ZipFile(qdpx) as archive:
        names = archive.namelist()
    check('project.qde' in names and any(n.startswith('sources/') for n in names), 'qdpx layout')
    run('import-qdpx', back, qdpx)
    check(codings(back) == codings(project), 'qdpx round trip keeps the codings')
    check(run('text', back, 'interview.txt').stdout == run('text', project, 'interview.txt').stdout,
          'qdpx round trip keeps the text')
    check(run('coders', back).stdout.split() [1::4] == run('coders', project).stdout.split()[1::4],
          'qdpx round trip keeps the coders')
    run('import-qdpx', back, qdpx, status=1)

    qdc = tmp / 'codes.qdc'
    run('export', project, '--format', 'qdc', '-o', qdc)
    fresh = tmp / 'fresh.gloss'
    run('init', fresh)
    check(run('import-qdc', fresh, qdc).stdout.strip() == 'added 3 codes', 'import-qdc adds the codes')
    check(run('import-qdc', fresh, qdc).stdout.strip() == 'added 0 codes', 'import-qdc twice adds none')


def documents(project):
    return json.loads(run('documents', project, '--json').stdout)


def test_crlf_exchange(tmp, project):
    """A CRLF text file goes out as .qdpx, a coder works on the imported
    project, and the lead merges it back: one document, the coder's codings on
    it, nothing reported as a conflict."""
    qdpx = tmp / 'crlf.qdpx'
    coder = tmp / 'crlf-coder.gloss'
    run('export', project, '--format', 'qdpx', '-o', qdpx)
    run('import-qdpx', coder, qdpx)
    lead_docs = documents(project)
    coder_docs = documents(coder)
    check([(d['guid'], d['sha256'], d['size']) for d in coder_docs] ==
          [(d['guid'], d['sha256'], d['size']) for d in lead_docs],
          'the imported document keeps the original bytes: %r / %r' % (coder_docs, lead_docs))
    with zipfile.ZipFile(qdpx) as archive:
        qde = archive.read('project.qde').decode()
        plain = re.search(r'plainTextPath="internal://([^"]+)"', qde).group(1)
        check(b'\r' not in archive.read('sources/' + plain),
              'the plain text the positions count in has LF line ends')

    run('coder-add', coder, 'Dana')
    run('code', coder, '--doc', 'interview.txt', '--coder', 'Dana', '--code', 'Themes/Voice',
        '--match', 'more reports')
    before = codings(project)
    summary = json.loads(run('merge', project, coder, '--json').stdout)[0]
    check(len(documents(project)) == 1, 'merging the coder back adds no document: %r' % documents(project))
    check(summary['conflicts'] == [], 'no false conflict: %r' % summary['conflicts'])
    check(sorted(i['kind'] for i in summary['added']) == ['coder', 'coding'],
          'the coder and the coding are added: %r' % summary['added'])
    after = codings(project)
    check(set(before) <= set(after) and len(after) == len(before) + 1,
          'the lead keeps its codings and gains one')
    dana = [c for c in after if c[2] == 'Dana']
    check(len(dana) == 1 and dana[0][1] == 'interview.txt' and dana[0][6] == 'more reports',
          "the coder's coding is on the lead's document: %r" % dana)
    run('check', project)

    # An older export without the original bytes still merges by GUID.
    old = tmp / 'crlf-old.qdpx'
    with zipfile.ZipFile(qdpx) as src, zipfile.ZipFile(old, 'w') as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == 'project.qde':
                data = re.sub(rb' richTextPath="[^"]*"', b'', data)
            dst.writestr(item, data)
    coder_old = tmp / 'crlf-coder-old.gloss'
    run('import-qdpx', coder_old, old)
    check(documents(coder_old)[0]['sha256'] != lead_docs[0]['sha256'], 'without the original the bytes differ')
    run('coder-add', coder_old, 'Eli')
    run('code', coder_old, '--doc', 'interview.txt', '--coder', 'Eli', '--code', 'Themes/Money',
        '--match', 'more reports')
    summary = json.loads(run('merge', project, coder_old, '--json').stdout)[0]
    check(len(documents(project)) == 1, 'a document of the same GUID is the same document')
    check(summary['conflicts'] == [], 'no false conflict by GUID: %r' % summary['conflicts'])
    check(any(c[2] == 'Eli' and c[1] == 'interview.txt' for c in codings(project)),
          "the coder's coding lands on the lead's document")


def qde_with_sources(sources):
    users = '<Users><User guid="0f6b1f2e-0000-4000-8000-000000000001" name="Ana"/></Users>'
    codes = ('<CodeBook><Codes><Code guid="0f6b1f2e-0000-4000-8000-000000000002" name="Theme" '
             'isCodable="true"/></Codes></CodeBook>')
    body = ''.join(sources)
    return ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Twins">'
            + users + codes + '<Sources>' + body + '</Sources></Project>')


def text_source(guid, name, path, start, end, coding_guid):
    return ('<TextSource guid="%s" name="%s" plainTextPath="internal://%s">'
            '<PlainTextSelection guid="%s" startPosition="%d" endPosition="%d" '
            'creatingUser="0f6b1f2e-0000-4000-8000-000000000001">'
            '<Coding guid="%s" creatingUser="0f6b1f2e-0000-4000-8000-000000000001">'
            '<CodeRef targetGUID="0f6b1f2e-0000-4000-8000-000000000002"/></Coding>'
            '</PlainTextSelection></TextSource>'
            % (guid, name, path, 'a' + coding_guid[1:], start, end, coding_guid))


def test_identical_sources(tmp):
    """Two sources of the same text stay two documents, each with its GUID,
    title and codings."""
    text = 'The same words twice.\nSaid by two people.\n'
    first = '1a000000-0000-4000-8000-000000000001'
    second = '1a000000-0000-4000-8000-000000000002'
    archive = tmp / 'twins.qdpx'
    with zipfile.ZipFile(archive, 'w') as z:
        z.writestr('project.qde', qde_with_sources([
            text_source(first, 'Interview A', 'a.txt', 4, 9, 'c0000000-0000-4000-8000-000000000001'),
            text_source(second, "Interview B", "b.txt", 9, 14, 'c0000000-0000-4000-8000-000000000002')]))
        z.writestr('sources/a.txt', text)
        z.writestr('sources/b.txt', text)
    project = tmp / 'twins.gloss'
    run('import-qdpx', project, archive)
    docs = documents(project)
    check(sorted((d['guid'], d['title']) for d in docs) == [(first, 'Interview A'), (second, 'Interview B')],
          'two sources of the same text are two documents: %r' % docs)
    rows = sorted((c[1], c[6]) for c in codings(project))
    check(rows == [('Interview A', 'same '), ('Interview B', 'words')], 'each keeps its codings: %r' % rows)
    run('check', project)

    # Importing the same file again still finds it once; a copy merged back adds nothing.
    same = tmp / 'same.txt'
    same.write_text(text)
    check('already' in run('import', project, same).stderr + run('import', project, same).stdout,
          'the same file imported again is a duplicate')
    check(len(documents(project)) == 2, 'still two documents')
    copy = tmp / 'twins-copy.gloss'
    run("copy", project, copy, "--coder", "Ana")
    summary = json.loads(run('merge', project, copy, '--json').stdout)[0]
    check(summary['added'] == [] and summary['conflicts'] == [] and summary['skipped'] == [],
          'a copy of twins merges back as it is: %r' % summary)
    check(len(documents(project)) == 2, 'merge keeps two documents')


def test_foreign(tmp):
    project = tmp / 'foreign.gloss'
    result = run('import-qdpx', project, DATA / 'foreign.qdpx')
    check('PDFSelection' in result.stderr, 'the region coding is listed as skipped')
    check('Unknown element <Extension' in result.stderr, 'unknown elements are listed')
    rows = {(r[1], r[2], r[3], r[6]) for r in codings(project)}
    expected = {
        ('Position paper.pdf', 'Maria', 'Participation/Seat at the table', 'a seat at the table.\nFunding'),
        ('Position paper.pdf', 'Tomás', 'Money \\/ conditions', 'strings attached'),
        ('Interview 3', 'Tomás', 'Participation/Consulted only', 'never asked to decide'),
        ('Interview 3', 'Maria', 'Money \\/ conditions', 'decide.\nThe money'),
    }
    check(rows == expected, 'foreign codings re-anchored on Gloss\'s text: %r' % rows)
    memos = [c['memo'] for c in json.loads(run('codings', project, '--json').stdout) if c['memo']]
    check(memos == ['They asked; nobody offered. <b>Key</b> passage.'], 'notes become memos: %r' % memos)
    check('#ff0000' in run('codes', project).stdout, 'short colours are read')
    attributes = json.loads(run('attributes', project, '--json').stdout)
    check([(a['name'], a['on'], a['type']) for a in attributes] == [('Region', 'document', 'text')],
          'variables become attributes: %r' % attributes)
    run('check', project)


def make_zip(path, entries):
    with zipfile.ZipFile(path, 'w') as archive:
        for name, data, link in entries:
            info = zipfile.ZipInfo(name)
            if link:
                info.create_system = 3
                info.external_attr = 0o120777 << 16
            archive.writestr(info, data)


def test_refused(tmp):
    qde = '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'
    xxe = ('<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>')
    cases = {
        'dotdot': [('project.qde', qde, False), ('../evil.txt', 'evil', False)],
        'absolute': [('project.qde', qde, False), ('/tmp/gloss-evil.txt', 'evil', False)],
        'symlink': [('project.qde', qde, False), ('sources/evil.txt', '../../evil.txt', True)],
        'xxe': [('project.qde', xxe, False)],
        'huge': [('project.qde', qde, False)],
        'lying': [('project.qde', qde + ' ' * 5000, False)],
    }
    for name, entries in cases.items():
        parent = tmp / ('refused-' + name)
        inner = parent / 'inner'
        inner.mkdir(parents=True)
        archive = inner / (name + '.qdpx')
        make_zip(archive, entries)
        if name == 'huge':
            data = bytearray(archive.read_bytes())
            central = data.find(b'PK\x01\x02')
            local = data.find(b'PK\x03\x04')
            struct.pack_into('<I', data, central + 24, 0xFFFFFFF0)  # claims 4 GB
            struct.pack_into('<I', data, local + 22, 0xFFFFFFF0)
            archive.write_bytes(bytes(data))
        if name == 'lying':
            data = bytearray(archive.read_bytes())
            central = data.find(b'PK\x01\x02')
            local = data.find(b'PK\x03\x04')
            struct.pack_into('<I', data, central + 24, 100)  # holds more than it declares
            struct.pack_into('<I', data, local + 22, 100)
            archive.write_bytes(bytes(data))
        target = inner / 'target.gloss'
        result = run('import-qdpx', target, archive, status=1)
        check('refused' in result.stderr or 'not a REFI-QDA' in result.stderr,
              name + ' is refused: ' + result.stderr.strip())
        check(not target.exists(), name + ' creates no project')
        check(sorted(p.name for p in inner.iterdir()) == [archive.name], name + ' leaves no file beside')
        check(sorted(p.name for p in parent.iterdir()) == ['inner'], name + ' leaves no file outside')
    check(not Path('/tmp/gloss-evil.txt').exists(), 'no absolute entry written')


def main():
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        project = build_project(tmp)
        test_excerpts(tmp, project)
        test_matrices(tmp, project)
        test_copy_merge(tmp, project)
        test_qdpx_roundtrip(tmp, project)
        test_crlf_exchange(tmp, project)
        test_identical_sources(tmp)
        test_foreign(tmp)
        test_refused(tmp)
        run('export', '--help')
        run('import-qdpx', '--help')

    if failures:
        sys.exit('%d check(s) failed' % len(failures))
    print('all checks passed')


if __name__ == '__main__':
    main()
