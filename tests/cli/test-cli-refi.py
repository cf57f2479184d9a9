#!/usr/bin/env python3
# test-cli-refi.py: .qdpx archives in the shapes other programs write them
#
# Each fixture is built here from the REFI-QDA schema and what is known of
# the producer (how it counts positions, where it puts memos, which ids it
# uses). For every coding, the text Gloss shows must equal the text at the
# producer's positions.
#
# Usage: test-cli-refi.py GLOSS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

CLI = sys.argv[1]
failures = []

USER = '0f6b1f2e-0000-4000-8000-000000000001'


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
    return json.loads(run('codings', project, '--json').stdout)


def utf16_slice(text, start, end):
    units = text.encode('utf-16-le')
    return units[2 * start:2 * end].decode('utf-16-le')


def utf16_find(text, word, after=0):
    """The UTF-16 [start, end) of @word in @text, at or after code point @after."""
    at = text.index(word, after)
    start = len(text[:at].encode('utf-16-le')) // 2
    return start, start + len(word.encode('utf-16-le')) // 2, at + len(word)


def gloss_text(text):
    return text.replace('\r\n', '\n').replace('\r', '\n')


def project_xml(origin, codes, sources, extra=''):
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<Project xmlns="urn:QDA-XML:project:1.0" name="Fixture" origin="%s">'
            '<Users><User guid="%s" name="Ana"/></Users>'
            '<CodeBook><Codes>%s</Codes></CodeBook><Sources>%s</Sources>%s</Project>'
            % (origin, USER, codes, sources, extra))


def code_xml(guid, name, color='#336699', codable='true'):
    return '<Code guid="%s" name="%s" isCodable="%s" color="%s"/>' % (guid, name, codable, color)


def selection_xml(guid, start, end, code, inner=''):
    return ('<PlainTextSelection guid="%s" startPosition="%d" endPosition="%d" creatingUser="%s">'
            '%s<Coding guid="%s" creatingUser="%s"><CodeRef targetGUID="%s"/></Coding>'
            '</PlainTextSelection>' % (guid, start, end, USER, inner, 'c' + guid[1:], USER, code))


# NVivo: positions in UTF-16 code units, CRLF line ends in its plain text.
NVIVO_TEXT = ('Interviewer: How did the first meeting go? \U0001F600\r\n'
              'Respondent: It was \U0001F389 "wonderful", honestly. We met twice \U0001F44D\U0001F44D.\r\n'
              'Interviewer: And then?\r\n'
              'Respondent: Then the \U0001F4B8 money ran out, and \U0001F937 nobody "decided" anything.\r\n')
NVIVO_WORDS = ['first meeting', '"wonderful"', 'met twice', 'And then?', 'money ran out',
               'nobody "decided" anything', 'Respondent: Then']
CODE = 'a1000000-0000-4000-8000-000000000001'


def nvivo_archive(path, origin='NVivo 12.7 (Mac)'):
    selections = []
    after = 0
    expected = []
    for i, word in enumerate(NVIVO_WORDS):
        start, end, after_word = utf16_find(NVIVO_TEXT, word, 0 if word.startswith('Respondent') else after)
        if not word.startswith('Respondent'):
            after = after_word
        selections.append(selection_xml('b100000%d-0000-4000-8000-000000000001' % i, start, end, CODE))
        expected.append(gloss_text(utf16_slice(NVIVO_TEXT, start, end)))
    source = ('<TextSource guid="d1000000-0000-4000-8000-000000000001" name="Interview 1" '
              'plainTextPath="internal://d1000000-0000-4000-8000-000000000001.txt">%s</TextSource>'
              % ''.join(selections))
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr('project.qde', project_xml(origin, code_xml(CODE, 'Feeling'), source))
        z.writestr('sources/d1000000-0000-4000-8000-000000000001.txt',
                   b'\xef\xbb\xbf' + NVIVO_TEXT.encode('utf-8'))
    return sorted(expected)


def test_nvivo_utf16(tmp):
    """NVivo counts UTF-16 units: after an emoji every coding still lands on
    the producer's words, and the summary says which unit was read."""
    for origin in ('NVivo 12.7 (Mac)', 'NVivo 12.6 (Windows)', ''):
        archive = tmp / 'nvivo.qdpx'
        expected = nvivo_archive(archive, origin)
        project = tmp / 'nvivo.gloss'
        if project.exists():
            project.unlink()
        result = run('import-qdpx', project, archive)
        quotes = sorted(c['quote'] for c in codings(project))
        check(quotes == expected, 'origin %r: every coding on the producer\'s text: %r' % (origin, quotes))
        check('UTF-16' in result.stderr, 'origin %r: the summary names the unit: %r' % (origin, result.stderr))
        run('check', project)

        # Exported in code points, as the standard counts: read back the same.
        out = tmp / 'nvivo-out.qdpx'
        if out.exists():
            out.unlink()
        run('export', project, '--format', 'qdpx', '-o', out)
        with zipfile.ZipFile(out) as z:
            qde = z.read('project.qde').decode('utf-8')
        check('origin="Gloss' in qde or 'NVivo' not in qde, 'the export is Gloss\'s own')
        back = tmp / 'nvivo-back.gloss'
        if back.exists():
            back.unlink()
        result = run('import-qdpx', back, out)
        check(sorted(c['quote'] for c in codings(back)) == expected, 'the export reads back the same')
        check('UTF-16' not in result.stderr, 'Gloss\'s own export is read in code points: %r' % result.stderr)

# MAXQDA / ATLAS.ti: a segment comment is the selection's Description, a
# document memo the source's Description; QualCoder reads coding memos only
# from the selection's Description.
MEMO_TEXT = 'First line.\nSecond line: the coach, the "plan".\n'


def memo_archive(path):
    code = 'A2000000-0000-4000-8000-000000000001'
    sel = 'B2000000-0000-4000-8000-00000000000%d'
    note = 'E2000000-0000-4000-8000-000000000001'
    source = ('<TextSource guid="D2000000-0000-4000-8000-000000000001" name="Coach" '
              'plainTextPath="internal://coach.txt"><Description>Met at the club, May.</Description>'
              + selection_xml(sel % 1, 0, 11, code, '<Description>Commented in MAXQDA</Description>')
              + selection_xml(sel % 2, 12, 18, code).replace(
                  '</PlainTextSelection>', '<NoteRef targetGUID="%s"/></PlainTextSelection>' % note)
              + '<PlainTextSelection guid="%s" startPosition="25" endPosition="34">'
                '<Description>A memo on a passage</Description></PlainTextSelection>' % (sel % 3)
              + '</TextSource>')
    notes = ('<Notes><Note guid="%s" name="On line 2" creatingUser="%s" '
             'creationDateTime="2021-03-04T10:00:00Z"><PlainTextContent>Linked note</PlainTextContent></Note>'
             '</Notes>' % (note, USER))
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr('project.qde', project_xml('MAXQDA 2022', code_xml(code, 'Plan'), source)
                   .replace('<CodeBook>', notes + '<CodeBook>', 1))
        z.writestr('sources/coach.txt', MEMO_TEXT)


def test_memos(tmp):
    """Segment comments and document descriptions arrive; Gloss's coding memos
    leave as the selection's Description, where QualCoder reads them."""
    archive = tmp / 'memo.qdpx'
    memo_archive(archive)
    project = tmp / 'memo.gloss'
    result = run('import-qdpx', project, archive)
    with sqlite3.connect(project) as db:
        doc_memo = db.execute("SELECT text FROM memo WHERE target_kind = 'document'").fetchone()
    check(doc_memo is not None and 'Met at the club, May.' in doc_memo[0]
          and '“the coach”' in doc_memo[0] and 'A memo on a passage' in doc_memo[0],
          'the source\'s Description and a memo-only selection go to the document memo: %r' % (doc_memo,))
    check('memo-only' in result.stderr, 'memo-only selections are listed: %r' % result.stderr)
    rows = sorted((c['quote'], c['memo'] or '') for c in codings(project))
    check(rows == [('First line.', 'Commented in MAXQDA'), ('Second', 'Linked note')],
          'selection Descriptions and notes become coding memos: %r' % rows)

    out = tmp / 'memo-out.qdpx'
    run('export', project, '--format', 'qdpx', '-o', out)
    with zipfile.ZipFile(out) as z:
        root = ET.fromstring(z.read('project.qde'))
    ns = '{urn:QDA-XML:project:1.0}'
    descriptions = sorted((s.findtext(ns + 'Description') or '')
                          for s in root.iter(ns + 'PlainTextSelection'))
    check(descriptions == ['Commented in MAXQDA', 'Linked note'],
          'a QualCoder-shaped reader finds every coding memo in the selection\'s Description: %r'
          % descriptions)
    # MAXQDA writes uppercase GUIDs: they leave as they came.
    guids = {e.get('guid') for e in root.iter() if e.get('guid')}
    for guid in ('A2000000-0000-4000-8000-000000000001', 'D2000000-0000-4000-8000-000000000001',
                 'c2000000-0000-4000-8000-000000000001', USER):
        check(guid in guids, 'the GUID %s is written as it came' % guid)
    back = tmp / 'memo-back.gloss'
    run('import-qdpx', back, out)
    check(sorted((c['quote'], c['memo'] or '') for c in codings(back)) == rows,
          'memos read back once, not twice')


def test_missing_source(tmp):
    """ATLAS.ti 8 shape: one PDF missing from the archive. The rest arrives
    (codes, the other source, its codings), the missing one is listed."""
    codes = ''.join(code_xml('A3000000-0000-4000-8000-0000000000%02d' % i, 'Code %d' % i)
                    for i in range(14))
    text = 'Nobody asked us. We decided anyway.\n'
    present = ('<TextSource guid="D3000000-0000-4000-8000-000000000001" name="Notes" '
               'plainTextPath="internal://notes.txt">'
               + selection_xml('B3000000-0000-4000-8000-000000000001', 17, 34,
                               'A3000000-0000-4000-8000-000000000003')
               + '</TextSource>')
    missing = ('<PDFSource guid="D3000000-0000-4000-8000-000000000002" name="Minutes" '
               'path="internal://D3000000-0000-4000-8000-000000000002.pdf">'
               '<Representation guid="D3000000-0000-4000-8000-000000000003" '
               'plainTextPath="internal://D3000000-0000-4000-8000-000000000003.txt"/></PDFSource>')
    archive = tmp / 'atlas.qdpx'
    with zipfile.ZipFile(archive, 'w') as z:
        z.writestr('project.qde', project_xml('ATLAS.ti 8.4', codes, missing + present))
        z.writestr('sources/notes.txt', text)
    project = tmp / 'atlas.gloss'
    result = run('import-qdpx', project, archive, '--json')
    summary = json.loads(result.stdout)
    check(any('Minutes' in w and 'not in the archive' in w for w in summary['warnings']),
          'the JSON summary lists the missing source: %r' % summary)
    check('Minutes' in result.stderr and 'not in the archive' in result.stderr,
          'the missing source is listed with why: %r' % result.stderr)
    names = sorted(c['name'] for c in json.loads(run('codes', project, '--json').stdout))
    check(names == sorted('Code %d' % i for i in range(14)), 'all 14 codes arrive: %r' % names)
    check([c['quote'] for c in codings(project)] == [text[17:34]], 'the other source\'s codings arrive')
    run('check', project)


def test_bad_positions(tmp):
    """Reversed positions and positions past the text are skipped and listed,
    not swapped or clamped; repeated codings are counted in one line."""
    code = 'a4000000-0000-4000-8000-000000000001'
    text = 'One two three four five.\n'
    sels = [(4, 7), (13, 8), (19, 400), (25, 26)] + [(8, 13)] * 5
    source = ('<TextSource guid="d4000000-0000-4000-8000-000000000001" name="Short" '
              'plainTextPath="internal://short.txt">'
              + ''.join(selection_xml('b40000%02d-0000-4000-8000-000000000001' % i, a, b, code)
                        for i, (a, b) in enumerate(sels))
              + '</TextSource>')
    archive = tmp / 'bad.qdpx'
    with zipfile.ZipFile(archive, 'w') as z:
        z.writestr('project.qde', project_xml('QualCoder 3.5', code_xml(code, 'Count'), source))
        z.writestr('sources/short.txt', text)
    project = tmp / 'bad.gloss'
    result = run('import-qdpx', project, archive)
    quotes = sorted(c['quote'] for c in codings(project))
    check(quotes == ['three', 'two'], 'only the sound selections become codings: %r' % quotes)
    check('13' in result.stderr and 'reversed' in result.stderr, 'the reversed one is listed: %r' % result.stderr)
    check('400' in result.stderr and 'past the end' in result.stderr,
          'the one past the end is listed: %r' % result.stderr)
    check(result.stderr.count('repeat') == 1 and '4 coding' in result.stderr,
          'repeated codings in one line: %r' % result.stderr)


def test_dropped_counts(tmp):
    """Links and graphs are not imported: the summary counts each kind
    (variables, cases and sets are imported, and not reported)."""
    code = 'a5000000-0000-4000-8000-000000000001'
    g = 'f500000%d-0000-4000-8000-00000000000%d'
    extra = ('<Variables>' + ''.join('<Variable guid="%s" name="V%d" typeOfVariable="Text"/>' % (g % (1, i), i)
                                     for i in range(3)) + '</Variables>'
             + '<Cases>' + ''.join('<Case guid="%s" name="C%d"/>' % (g % (2, i), i) for i in range(4)) + '</Cases>'
             + '<Sets>' + ''.join('<Set guid="%s" name="S%d"/>' % (g % (3, i), i) for i in range(2)) + '</Sets>'
             + '<Graphs><Graph guid="%s" name="G"/></Graphs>' % (g % (4, 0))
             + '<Links>' + ''.join('<Link guid="%s" name="L%d"/>' % (g % (5, i), i) for i in range(5)) + '</Links>')
    archive = tmp / 'kinds.qdpx'
    with zipfile.ZipFile(archive, 'w') as z:
        z.writestr('project.qde', project_xml('MAXQDA 24', code_xml(code, 'Only'), '', extra))
    project = tmp / 'kinds.gloss'
    result = run('import-qdpx', project, archive)
    for words in ('1 graph', '5 link'):
        check(words in result.stderr, 'the summary counts %s(s): %r' % (words, result.stderr))


def test_codebook_ids(tmp):
    """A codebook with ids that are not GUIDs (and uppercase GUIDs) imported
    twice gives each code once; a code without a colour is reported."""
    qdc = tmp / 'atlas.qdc'
    qdc.write_text('<?xml version="1.0" encoding="utf-8"?>'
                   '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 23"><Codes>'
                   '<Code guid="code_17" name="Trust" isCodable="false" color="#aa0000">'
                   '<Code guid="code_18" name="Broken" isCodable="true" color="#00aa00"/></Code>'
                   '<Code guid="A6000000-0000-4000-8000-000000000001" name="Money" isCodable="true"/>'
                   '</Codes></CodeBook>', encoding='utf-8')
    project = tmp / 'codebook.gloss'
    run('init', project)
    first = run('import-qdc', project, qdc)
    check('Money' in first.stderr and 'colour' in first.stderr,
          'a code without a colour is reported: %r' % first.stderr)
    run('import-qdc', project, qdc)
    codes = json.loads(run('codes', project, '--json').stdout)
    paths = sorted(c['path'] for c in codes)
    check(paths == ['Money', 'Trust', 'Trust/Broken'], 'each code once after two imports: %r' % paths)
    check('A6000000-0000-4000-8000-000000000001' in [c['guid'] for c in codes], 'its GUID as it came')

    # isCodable="false" (a heading for other codes) is kept and written back so.
    with sqlite3.connect(project) as db:
        codable = dict(db.execute('SELECT name, codable FROM code'))
    check(codable == {'Trust': 0, 'Broken': 1, 'Money': 1}, 'isCodable is kept: %r' % codable)
    out = tmp / 'codebook-out.qdc'
    run('export', project, '--format', 'qdc', '-o', out)
    root = ET.fromstring(out.read_bytes())
    flags = {c.get('name'): c.get('isCodable') for c in root.iter('{urn:QDA-XML:codebook:1.0}Code')}
    check(flags == {'Trust': 'false', 'Broken': 'true', 'Money': 'true'}, 'isCodable is exported: %r' % flags)


def test_slash_names(tmp):
    """A code name with "/" comes in, goes out and comes back as it was; a
    path escapes it as "\\/" wherever a code is named by its path."""
    top, child = 'A7000000-0000-4000-8000-000000000001', 'A7000000-0000-4000-8000-000000000002'
    text = 'She asked for asylum and waited three years without papers.\n'
    codes = ('<Code guid="%s" name="Asylum / refugee status" isCodable="true" color="#aa0000">'
             '<Code guid="%s" name="Stateless \\ no papers / none" isCodable="true" color="#00aa00"/></Code>'
             % (top, child))
    source = ('<TextSource guid="d7000000-0000-4000-8000-000000000001" name="Interview" '
              'plainTextPath="internal://i.txt">%s</TextSource>'
              % selection_xml('b7000000-0000-4000-8000-000000000001', 43, 58, child))
    archive = tmp / 'slash.qdpx'
    with zipfile.ZipFile(archive, 'w') as z:
        z.writestr('project.qde', project_xml('MAXQDA 24', codes, source))
        z.writestr('sources/i.txt', text)
    project = tmp / 'slash.gloss'
    run('import-qdpx', project, archive)
    listed = {c['name']: c['path'] for c in json.loads(run('codes', project, '--json').stdout)}
    top_path = 'Asylum \\/ refugee status'
    child_path = top_path + '/Stateless \\\\ no papers \\/ none'
    check(listed == {'Asylum / refugee status': top_path, 'Stateless \\ no papers / none': child_path},
          'names as they came, paths escaped: %r' % listed)
    check([c['code'] for c in codings(project)] == [child_path], 'codings name the escaped path')
    check(len(json.loads(run('codings', project, '--code', child_path, '--json').stdout)) == 1,
          '--code takes the escaped path')
    run('code', project, '--doc', 'Interview', '--coder', 'Ana', '--code', top_path, '--match', 'asylum')
    run('code-add', project, top_path + '/Family \\/ reunion')
    check('Family / reunion' in [c['name'] for c in json.loads(run('codes', project, '--json').stdout)],
          'code-add reads the escape')
    run('codings', project, '--code', 'Asylum / refugee status', status=1)

    # Out and back: .qdpx, .qdc and the codebook JSON keep the names.
    out = tmp / 'slash-out.qdpx'
    run('export', project, '--format', 'qdpx', '-o', out)
    with zipfile.ZipFile(out) as z:
        names = {c.get('name') for c in ET.fromstring(z.read('project.qde')).iter('{urn:QDA-XML:project:1.0}Code')}
    check(names == {'Asylum / refugee status', 'Stateless \\ no papers / none', 'Family / reunion'},
          'the .qdpx writes the names: %r' % names)
    back = tmp / 'slash-back.gloss'
    run('import-qdpx', back, out)
    again = {c['name']: c['path'] for c in json.loads(run('codes', back, '--json').stdout)}
    check(again == {c['name']: c['path'] for c in json.loads(run('codes', project, '--json').stdout)},
          'the .qdpx reads back the same codebook: %r' % again)
    qdc = tmp / 'slash.qdc'
    run('export', project, '--format', 'qdc', '-o', qdc)
    fresh = tmp / 'slash-qdc.gloss'
    run('init', fresh)
    run('import-qdc', fresh, qdc)
    check({c['name'] for c in json.loads(run('codes', fresh, '--json').stdout)} == names,
          'the .qdc reads back the same names')
    book = tmp / 'slash-codebook.json'
    run('export', project, '--format', 'codebook-json', '-o', book)
    loaded = tmp / 'slash-load.gloss'
    run('init', loaded)
    run('load', loaded, book)
    check({c['path'] for c in json.loads(run('codes', loaded, '--json').stdout)} == set(again.values()),
          'the codebook JSON loads back the same paths')
    csv_out = tmp / 'slash.csv'
    run('export', project, '--format', 'csv', '-o', csv_out)
    check(child_path in csv_out.read_text(encoding='utf-8-sig'), 'the CSV names the escaped path')


def test_free_notes(tmp):
    """A note nothing refers to stays a note: GUID as written, name, text,
    author and dates; a note a selection refers to is that coding's memo.
    Written back as <Note>s, valid against the schema, and read back the same."""
    code = 'A8000000-0000-4000-8000-000000000001'
    linked = 'E8000000-0000-4000-8000-000000000001'
    free = 'E8000000-0000-4000-8000-000000000002'
    other = 'e8000000-0000-4000-8000-000000000003'
    source = ('<TextSource guid="d8000000-0000-4000-8000-000000000001" name="Talk" '
              'plainTextPath="internal://talk.txt">%s</TextSource>'
              % selection_xml('b8000000-0000-4000-8000-000000000001', 0, 5, code).replace(
                  '</PlainTextSelection>', '<NoteRef targetGUID="%s"/></PlainTextSelection>' % linked))
    notes = ('<Notes>'
             '<Note guid="%s" name="Linked"><PlainTextContent>On the first word</PlainTextContent></Note>'
             '<Note guid="%s" name="Project diary" creatingUser="%s" creationDateTime="2021-03-04T10:00:00Z" '
             'modifiedDateTime="2021-03-05T11:30:00Z"><PlainTextContent>Day one.\nDay two.</PlainTextContent></Note>'
             '<Note guid="%s" name="From a file" plainTextPath="internal://n.txt"/>'
             '</Notes>' % (linked, free, USER, other))
    archive = tmp / 'notes.qdpx'
    with zipfile.ZipFile(archive, 'w') as z:
        z.writestr('project.qde', project_xml('ATLAS.ti 23', code_xml(code, 'Word'), source, notes))
        z.writestr('sources/talk.txt', 'Hello there, said she.\n')
        z.writestr('sources/n.txt', 'Written in a file')
    project = tmp / 'notes.gloss'
    run('import-qdpx', project, archive)
    listed = json.loads(run('notes', project, '--json').stdout)
    got = [(n['guid'], n['name'], n['text'], n['author'], n['created'], n['modified']) for n in listed]
    check(got == [(free, 'Project diary', 'Day one.\nDay two.', 'Ana', '2021-03-04T10:00:00Z', '2021-03-05T11:30:00Z'),
                  (other, 'From a file', 'Written in a file', None, None, None)],
          'free notes kept as notes: %r' % got)
    check(listed[0]['author_guid'] == USER, 'the author by GUID: %r' % listed[0])
    check([c['memo'] for c in codings(project)] == ['On the first word'], 'the linked note is the coding memo')
    with sqlite3.connect(project) as db:
        memo = db.execute("SELECT text FROM memo WHERE target_kind = 'project'").fetchone()
    check(memo is None or 'Day one' not in memo[0], 'free notes are not folded into the project memo: %r' % (memo,))
    check('Project diary' in run('notes', project).stdout, 'notes lists them')

    out = tmp / 'notes-out.qdpx'
    run('export', project, '--format', 'qdpx', '-o', out)
    with zipfile.ZipFile(out) as z:
        (tmp / 'notes-out.qde').write_bytes(z.read('project.qde'))
    schema = Path(__file__).resolve().parent.parent.parent.parent / 'shared' / 'reference' / 'refi-qda' / 'Project-mrt2019.xsd'
    valid = subprocess.run(['xmllint', '--noout', '--schema', str(schema), str(tmp / 'notes-out.qde')],
                           capture_output=True, text=True)
    check(valid.returncode == 0, 'the export is valid against the schema: %s' % valid.stderr)
    back = tmp / 'notes-back.gloss'
    run('import-qdpx', back, out)
    again = json.loads(run('notes', back, '--json').stdout)
    check([{k: v for k, v in n.items() if k != 'id'} for n in again]
          == [{k: v for k, v in n.items() if k != 'id'} for n in listed],
          'the notes read back as they were: %r' % again)

    # A note added here is one step, undone and redone; check counts the table.
    run('note-add', project, 'Mine', 'Written in Gloss', '--coder', 'Ana')
    check(len(json.loads(run('notes', project, '--json').stdout)) == 3, 'note-add adds one')
    run('undo', project)
    check(len(json.loads(run('notes', project, '--json').stdout)) == 2, 'undo takes it back')
    run('redo', project)
    check(len(json.loads(run('notes', project, '--json').stdout)) == 3, 'redo brings it again')
    with sqlite3.connect(project) as db:
        db.execute("UPDATE note SET guid = 'not a guid' WHERE name = 'Mine'")
    result = run('check', project, status=1)
    check('“note”' in result.stdout, 'check looks at the notes\' GUIDs: %r' % result.stdout)


def test_streamed_pieces(tmp):
    """A plain text larger than the pieces it is read in: a byte order mark,
    CRLF split between two pieces, characters of 2, 3 and 4 bytes across
    piece boundaries. The document keeps the entry's bytes and SHA-256, our
    text has Gloss's line ends, codings land on the producer's text; a text
    invalid only in its last bytes is skipped."""
    import hashlib
    piece = 1024 * 1024
    body = bytearray(b'\xef\xbb\xbf')
    # Characters straddling the 1st, 2nd, 3rd and 4th boundary, CRLF over the 5th.
    for boundary, char in ((1, '\u00e9'), (2, '\u20ac'), (3, '\U0001F600'), (4, None)):
        filler = b'line of words\r\n'
        while len(body) + len(filler) < boundary * piece - 1:
            body += filler
        body += b'x' * (boundary * piece - 1 - len(body))
        body += char.encode() if char else b'\r\n'
    body += b'The end is "here", at last.\r\n'
    raw = bytes(body)
    theirs = raw[3:].decode()
    start = theirs.index('"here"')
    source = ('<TextSource guid="d9000000-0000-4000-8000-000000000001" name="Long" '
              'plainTextPath="internal://long.txt">%s</TextSource>'
              % selection_xml('b9000000-0000-4000-8000-000000000001', start, start + 6, CODE))
    bad = ('<TextSource guid="d9000000-0000-4000-8000-000000000002" name="Cut" '
           'plainTextPath="internal://cut.txt"/>')
    archive = tmp / 'pieces.qdpx'
    with zipfile.ZipFile(archive, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('project.qde', project_xml('Gloss', code_xml(CODE, 'End'), source + bad))
        z.writestr('sources/long.txt', raw)
        z.writestr('sources/cut.txt', b'words ' * 400000 + b'\xe2\x82')
    project = tmp / 'pieces.gloss'
    result = run('import-qdpx', project, archive)
    check('Cut' in result.stderr and 'no plain text' in result.stderr,
          'a text cut inside its last character is skipped: %r' % result.stderr)
    db = sqlite3.connect(project)
    rows = db.execute('SELECT d.title, d.sha256, d.size, d.text, d.n_chars, b.bytes FROM document d '
                      'JOIN document_blob b ON b.document_id = d.id').fetchall()
    db.close()
    check(len(rows) == 1, 'one document: %r' % [r[0] for r in rows])
    if len(rows) == 1:
        title, sha, size, text, n_chars, blob = rows[0]
        check(blob == raw and size == len(raw), 'the document keeps the entry\'s bytes')
        check(sha == hashlib.sha256(raw).hexdigest(), 'its SHA-256 is that of the bytes')
        check(text == gloss_text(theirs) and n_chars == len(text), 'its text has Gloss\'s line ends')
    check([c['quote'] for c in codings(project)] == ['"here"'], 'the coding lands on its words')
    run('check', project)


def main():
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        test_nvivo_utf16(tmp)
        test_memos(tmp)
        test_missing_source(tmp)
        test_bad_positions(tmp)
        test_dropped_counts(tmp)
        test_codebook_ids(tmp)
        test_slash_names(tmp)
        test_free_notes(tmp)
        test_streamed_pieces(tmp)

    if failures:
        sys.exit('%d check(s) failed' % len(failures))
    print('all checks passed')


if __name__ == '__main__':
    main()
