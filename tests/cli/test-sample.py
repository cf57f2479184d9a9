#!/usr/bin/env python3
# test-sample.py: the bundled sample project is complete and consistent
#
# Usage: test-sample.py GLOSS_CLI SAMPLE.gloss SAMPLE.json
#
# Checks the sample.gloss built from data/sample: `gloss-cli check` passes;
# it holds the four documents, the two coders, the codebook and every coding
# of sample.json, each coding on the phrase that sample.json names; and it
# is handed over with nothing to undo.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

EXPECTED_DOCUMENTS = 4
EXPECTED_CODERS = ['Amina', 'Jonas']
EXPECTED_CODES = 11
EXPECTED_CODINGS = {'Amina': 25, 'Jonas': 24}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, file=sys.stderr)


def run(cli, *args):
    result = subprocess.run([cli, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f'gloss-cli {" ".join(args)} failed ({result.returncode}): '
                 + result.stderr.strip())
    return result.stdout


def run_json(cli, *args):
    return json.loads(run(cli, *args, '--json'))


def as_list(node, key):
    """A listing is either a JSON array or an object holding one under KEY."""
    if isinstance(node, dict):
        node = node.get(key, [])
    return node


def squeeze(text):
    return ' '.join(text.split())


def main():
    cli, built, spec_path = sys.argv[1:4]
    spec = json.loads(Path(spec_path).read_text(encoding='utf-8'))

    # Work on a copy: opening a project may touch it, the build output must
    # stay as built.
    with tempfile.TemporaryDirectory() as tmp:
        project = str(Path(tmp) / 'sample.gloss')
        shutil.copyfile(built, project)

        run(cli, 'check', project)

        documents = as_list(run_json(cli, 'documents', project), 'documents')
        check(len(documents) == EXPECTED_DOCUMENTS,
              f'{len(documents)} documents, expected {EXPECTED_DOCUMENTS}')
        titles = {d['title'] for d in documents}
        for coding in spec['codings']:
            check(coding['document'] in titles,
                  f'no document titled {coding["document"]!r}')

        coders = as_list(run_json(cli, 'coders', project), 'coders')
        names = sorted(c['name'] for c in coders)
        check(names == EXPECTED_CODERS, f'coders {names}, expected {EXPECTED_CODERS}')

        codes = as_list(run_json(cli, 'codes', project), 'codes')
        check(len(codes) == EXPECTED_CODES,
              f'{len(codes)} codes, expected {EXPECTED_CODES}')
        check(len(spec['codes']) == EXPECTED_CODES,
              f'sample.json has {len(spec["codes"])} codes, expected {EXPECTED_CODES}')

        codings = as_list(run_json(cli, 'codings', project), 'codings')
        per_coder = Counter(c['coder'] for c in codings)
        check(dict(per_coder) == EXPECTED_CODINGS,
              f'codings per coder {dict(per_coder)}, expected {EXPECTED_CODINGS}')
        check(len(spec['codings']) == sum(EXPECTED_CODINGS.values()),
              f'sample.json has {len(spec["codings"])} codings')

        # Every coding of sample.json landed on its phrase, with its code and memo.
        made = Counter()
        for c in codings:
            text = run(cli, 'text', project, str(c['document_id'] if 'document_id' in c
                                                  else c['document']),
                       '--range', f'{c["start"]}:{c["end"]}')
            made[(c['coder'], c['code'], squeeze(text), c.get('memo') or '')] += 1
        wanted = Counter((c['coder'], c['code'], squeeze(c['match']), c.get('memo', ''))
                         for c in spec['codings'])
        missing = wanted - made
        extra = made - wanted
        check(not missing, f'codings not found in the project: {list(missing)}')
        check(not extra, f'unexpected codings in the project: {list(extra)}')

        # Handed over: whoever opens the sample has nothing to undo, and an
        # attempt leaves every coding in place.
        undo = subprocess.run([cli, 'undo', project], capture_output=True, text=True)
        check(undo.returncode == 1 and 'Nothing to undo' in undo.stderr,
              f'undo on a fresh sample: exit {undo.returncode}, {undo.stdout.strip()!r} '
              f'{undo.stderr.strip()!r}')
        after = as_list(run_json(cli, 'codings', project), 'codings')
        check(len(after) == len(codings), f'{len(after)} codings after undo, expected {len(codings)}')

        # Attributes and sets: every value of sample.json is in the project,
        # and the set "refugee-led" holds the refugee-led contribution.
        attributes = run_json(cli, 'attributes', project)
        found = {(a['on'], a['name'], v['target'], v['value'])
                 for a in attributes for v in a['values']}
        for a in spec['attributes']:
            for target, value in a['values'].items():
                check((a.get('on', 'document'), a['name'], target, value) in found,
                      f'attribute {a["name"]} of {target!r} is not {value!r}')
        sets = {s['name']: s for s in run_json(cli, 'sets', project)}
        led = [m['title'] for m in sets.get('refugee-led', {}).get('members', [])]
        check(led == ['Invited to speak, not to decide: a refugee-led perspective'],
              f'the set refugee-led holds {led}')
        crosstab = run_json(cli, 'crosstab', project, '--attribute', 'type of actor', '--children')
        check(crosstab['documents'] == EXPECTED_DOCUMENTS and
              crosstab['column_documents'] == [1, 1, 1, 1, 0],
              f'crosstab by type of actor: {crosstab["column_documents"]}')

    if failures:
        return 1
    print(f'sample project: {len(documents)} documents, {len(coders)} coders, '
          f'{len(codes)} codes, {len(codings)} codings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
