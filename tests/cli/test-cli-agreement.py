#!/usr/bin/env python3
# test-cli-agreement.py: `gloss-cli agreement` against the published examples
#
# Builds projects with gloss-cli init/import/load in a temporary directory
# and checks the JSON report (E1-E11 of agreement.md section 4).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
EXACT = 1e-6
PUBLISHED = 5e-4
failures = []


def run(*args, status=0):
    result = subprocess.run([CLI, *args], capture_output=True, text=True)
    if result.returncode != status:
        raise AssertionError("gloss-cli %s: exit %d (wanted %d)\n%s%s"
                             % (" ".join(args), result.returncode, status,
                                result.stdout, result.stderr))
    return result


def check(name, got, want, tolerance):
    if got is None or abs(got - want) > tolerance:
        failures.append("%s: got %r, want %r (+/- %g)" % (name, got, want, tolerance))
    else:
        print("ok %s = %.7f" % (name, got))


def check_null(name, got):
    if got is not None:
        failures.append("%s: got %r, want null" % (name, got))
    else:
        print("ok %s = null" % name)


class Project:
    """A project in a fresh directory, with text documents of given texts."""

    def __init__(self, root, name, texts):
        self.dir = os.path.join(root, name)
        os.makedirs(self.dir)
        self.path = os.path.join(self.dir, "p.gloss")
        run("init", self.path)
        files = []
        for title, text in texts:
            file = os.path.join(self.dir, title)
            with open(file, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            files.append(file)
        for i in range(0, len(files), 100):
            run("import", self.path, *files[i:i + 100])

    def load(self, coders, codes, codings):
        data = {"coders": [{"name": c} for c in coders],
                "codes": [{"path": p} for p in codes],
                "codings": codings}
        file = os.path.join(self.dir, "load.json")
        with open(file, "w", encoding="utf-8") as f:
            json.dump(data, f)
        run("load", self.path, file)

    def agreement(self, *args):
        return json.loads(run("agreement", self.path, "--json", *args).stdout)


def unit_titles(n):
    # distinct contents, since the same bytes are imported once only
    return [("u%03d.txt" % i, "unit %d" % i) for i in range(n)]


def group_project(root, name, rows, categories, coders):
    """One document per unit; rows[u][i] is coder i's category or None."""
    titles = unit_titles(len(rows))
    project = Project(root, name, titles)
    codings = []
    for u, row in enumerate(rows):
        for i, value in enumerate(row):
            if value is not None:
                codings.append({"document": titles[u][0], "coder": coders[i],
                                "code": "G/%s" % value, "start": 0, "end": 1})
    project.load(coders, ["G/%s" % c for c in categories], codings)
    return project


def rows_from_matrix(matrix, categories):
    rows = []
    for r, line in enumerate(matrix):
        for c, count in enumerate(line):
            rows += [(categories[r], categories[c])] * count
    return rows


def example_matrix(root, name, matrix, categories):
    project = group_project(root, name, rows_from_matrix(matrix, categories),
                            categories, ["c1", "c2"])
    return project.agreement("--unit", "document", "--group", "G")["overall"]


def test_e1(root):
    o = example_matrix(root, "e1", [[20, 5], [10, 15]], ["yes", "no"])
    check("E1 percent", o["percent_agreement"], 0.70, EXACT)
    check("E1 kappa", o["cohen_kappa"], 0.40, EXACT)
    check("E1 units", o["units"], 50, 0)


def test_e2(root):
    o = example_matrix(root, "e2", [[88, 14, 18], [10, 40, 10], [2, 6, 12]], ["a", "b", "c"])
    check("E2 kappa", o["cohen_kappa"], 0.4915254, EXACT)
    check("E2 AC1", o["gwet_ac1"], 0.57597, 5e-6)
    check("E2 Scott's pi", o["scott_pi"], 0.487179, EXACT)
    check("E2 Brennan-Prediger", o["brennan_prediger"], 0.55, EXACT)


def test_e3(root):
    o = example_matrix(root, "e3", [[46, 0, 0], [6, 32, 6], [0, 0, 10]], ["a", "b", "c"])
    check("E3 percent", o["percent_agreement"], 0.88, EXACT)
    check("E3 pi", o["scott_pi"], 0.7995, PUBLISHED)
    check("E3 kappa", o["cohen_kappa"], 0.8013, PUBLISHED)
    check("E3 alpha", o["krippendorff_alpha"], 0.800535, EXACT)


E4 = ["1100000000", "0110010100"]


def test_e4(root):
    rows = [(E4[0][u], E4[1][u]) for u in range(10)]
    project = group_project(root, "e4", rows, ["0", "1"], ["c1", "c2"])
    o = project.agreement("--unit", "document", "--group", "G")["overall"]
    check("E4 percent", o["percent_agreement"], 0.60, EXACT)
    check("E4 alpha", o["krippendorff_alpha"], 0.095238, EXACT)
    check("E4 kappa", o["cohen_kappa"], 0.090909, EXACT)


def test_e4_char(root):
    project = Project(root, "e4char", [("e4.txt", "abcdefghij")])
    codings = []
    for i, coder in enumerate(["c1", "c2"]):
        for x, flag in enumerate(E4[i]):
            if flag == "1":
                codings.append({"document": "e4.txt", "coder": coder, "code": "X",
                                "start": x, "end": x + 1})
    project.load(["c1", "c2"], ["X"], codings)
    report = project.agreement("--unit", "char")
    o = report["overall"]
    check("E4 char units", o["units"], 10, 0)
    check("E4 char percent", o["percent_agreement"], 0.60, EXACT)
    check("E4 char alpha", o["krippendorff_alpha"], 0.095238, EXACT)
    check("E4 char kappa", o["cohen_kappa"], 0.090909, EXACT)
    ranges = [(d["start"], d["end"], d["coders"]["c1"], d["coders"]["c2"])
              for d in report["disagreements"]]
    want = [(0, 1, "coded", "not coded"), (2, 3, "not coded", "coded"),
            (5, 6, "not coded", "coded"), (7, 8, "not coded", "coded")]
    if ranges != want:
        failures.append("E4 char disagreements: %r" % ranges)
    # coded text only: characters 0-2, 5, 7 -> 5 units, 2 agreeing
    o = project.agreement("--unit", "char", "--coded-only")["overall"]
    check("E4 char coded-only units", o["units"], 5, 0)
    check("E4 char coded-only percent", o["percent_agreement"], 0.2, EXACT)


def test_e4_document_codes(root):
    # without a group, a code is a present/absent variable per document
    titles = unit_titles(10)
    project = Project(root, "e4doc", titles)
    codings = [{"document": titles[u][0], "coder": coder, "code": "X", "start": 0, "end": 1}
               for i, coder in enumerate(["c1", "c2"]) for u in range(10) if E4[i][u] == "1"]
    # A document nobody coded has no data and is left out; here every
    # document is coded (code Y by both), so X's row is E4's ten units.
    codings += [{"document": titles[u][0], "coder": coder, "code": "Y", "start": 1, "end": 2}
                for coder in ["c1", "c2"] for u in range(10)]
    project.load(["c1", "c2"], ["X", "Y"], codings)
    o = [c for c in project.agreement("--unit", "document")["codes"] if c["code"] == "X"][0]
    check("E4 document/code units", o["units"], 10, 0)
    check("E4 document/code percent", o["percent_agreement"], 0.60, EXACT)
    check("E4 document/code alpha", o["krippendorff_alpha"], 0.095238, EXACT)
    check("E4 document/code BP (q=2)", o["brennan_prediger"], 0.2, EXACT)


def test_segment(root):
    segments = [("x", "A", 0, 10), ("x", "A", 20, 30), ("y", "A", 1, 10), ("y", "A", 22, 30)]
    project = unitized_project(root, "seg", 40, ["x", "y"], ["A", "B"], segments)
    report = project.agreement("--unit", "segment")
    o = report["overall"]
    # [0,10) and [1,10) overlap 0.9: matched; [20,30) and [22,30) 0.8: not
    check("segment matched", o["matched"], 1, 0)
    check("segment unmatched", o["unmatched"], 2, 0)
    check("segment percent", o["percent_agreement"], 1 / 3, EXACT)
    check("segment Holsti", o["holsti"], 0.5, EXACT)
    check("segment Brennan-Prediger (q=2)", o["brennan_prediger"], (1 / 3 - 0.5) / 0.5, EXACT)
    d = [(x["start"], x["end"], x["coders"]) for x in report["disagreements"]]
    want = [(20, 30, {"x": "coded", "y": "no match"}), (22, 30, {"x": "no match", "y": "coded"})]
    if d != want:
        failures.append("segment disagreements: %r" % d)
    o = project.agreement("--unit", "segment", "--threshold", "0.8")["overall"]
    check("segment threshold 0.8 percent", o["percent_agreement"], 1.0, EXACT)


def test_e5(root):
    data = ["123321412...", "1233224125.3", ".3332342251.", "12332441251."]
    rows = [tuple(None if data[i][u] == "." else data[i][u] for i in range(4)) for u in range(12)]
    project = group_project(root, "e5", rows, ["1", "2", "3", "4", "5"], ["A", "B", "C", "D"])
    o = project.agreement("--unit", "document", "--group", "G")["overall"]
    check("E5 alpha", o["krippendorff_alpha"], 0.743421, EXACT)
    check_null("E5 Cohen with 4 coders", o["cohen_kappa"])


FLEISS = """444444 222555 233335 555555 222444 113333 333355 113334 114444 555555
144444 124444 222333 144444 224445 333335 111455 111112 224444 133555
555555 244444 224555 114444 144445 222224 111155 224444 133333 555555""".split()


def test_e6(root):
    rows = [tuple(r) for r in FLEISS]
    coders = ["r%d" % i for i in range(1, 7)]
    project = group_project(root, "e6", rows, ["1", "2", "3", "4", "5"], coders)
    report = project.agreement("--unit", "document", "--group", "G")
    check("E6 Fleiss", report["overall"]["fleiss_kappa"], 0.4302445, EXACT)
    for code, want in zip(report["codes"], [0.245, 0.245, 0.520, 0.471, 0.566]):
        check("E6 Fleiss %s" % code["code"], code["fleiss_kappa"], want, PUBLISHED)
    if len(report["pairs"]) != 15:
        failures.append("E6: %d pairs, want 15" % len(report["pairs"]))


def test_e7(root):
    o = example_matrix(root, "e7", [[8, 1], [0, 1]], ["y", "n"])
    check("E7 percent", o["percent_agreement"], 0.90, EXACT)
    check("E7 AC1", o["gwet_ac1"], 0.865772, EXACT)
    check("E7 kappa", o["cohen_kappa"], 0.615385, EXACT)


def unitized_project(root, name, length, coders, codes, segments):
    project = Project(root, name, [("%s.txt" % name, "x" * length)])
    codings = [{"document": "%s.txt" % name, "coder": coder, "code": code,
                "start": start, "end": end} for coder, code, start, end in segments]
    project.load(coders, codes, codings)
    return project


def by_code(report):
    return {c["code"]: c for c in report["codes"]}


def test_e8(root):
    segments = [("i", "c", 75, 145), ("i", "c", 220, 250), ("i", "k", 30, 90), ("i", "k", 150, 200),
                ("j", "c", 70, 150), ("j", "c", 205, 225), ("j", "c", 250, 270),
                ("j", "k", 30, 90), ("j", "k", 150, 200)]
    project = unitized_project(root, "e8", 300, ["i", "j"], ["c", "k"], segments)
    report = project.agreement("--unit", "unitized")
    codes = by_code(report)
    check("E8 u_alpha_2004 c", codes["c"]["u_alpha_2004"], 0.728599, EXACT)
    check("E8 u_alpha_2004 k", codes["k"]["u_alpha_2004"], 1.0, EXACT)
    check("E8 u_alpha_2004 overall", report["overall"]["u_alpha_2004"], 0.858665, EXACT)
    check("E8 units", report["overall"]["units"], 300, 0)


def test_e9(root):
    segments = [("1", "A", 1, 9), ("2", "A", 2, 3), ("2", "A", 4, 5), ("2", "A", 6, 7)]
    project = unitized_project(root, "e9", 10, ["1", "2"], ["A"], segments)
    report = project.agreement("--unit", "unitized")
    check("E9 u_alpha_2004", report["overall"]["u_alpha_2004"], -0.700346, EXACT)


def test_e10(root):
    coders = ["a", "b", "c"]
    project = Project(root, "e10", [("one.txt", "o" * 20), ("none.txt", "n" * 20),
                                    ("same.txt", "s" * 20)])
    codings = [{"document": "one.txt", "coder": "a", "code": "A", "start": 0, "end": 1}]
    for coder in coders:
        codings.append({"document": "same.txt", "coder": coder, "code": "A", "start": 4, "end": 9})
    project.load(coders, ["A"], codings)
    one = project.agreement("--unit", "unitized", "--docs", "one.txt", "--coders", "a,b,c")
    check("E10 one coding", one["overall"]["u_alpha_2004"], 0.0, EXACT)
    none = project.agreement("--unit", "unitized", "--docs", "none.txt", "--coders", "a,b,c")
    check_null("E10 no codings", none["overall"]["u_alpha_2004"])
    if not any("u-alpha (2004) is not given" in n for n in none["notes"]):
        failures.append("E10: no note on the undefined u_alpha_2004: %r" % none["notes"])
    same = project.agreement("--unit", "unitized", "--docs", "same.txt")
    check("E10 identical", same["overall"]["u_alpha_2004"], 1.0, EXACT)


def test_e11(root):
    data = {"Alex": [(1, 2, 9), (2, 11, 17), (5, 24, 30), (6, 32, 36), (6, 36, 44), (7, 44, 60)],
            "Paul": [(1, 2, 9), (3, 11, 17), (5, 19, 25), (6, 32, 44)],
            "Suzan": [(1, 2, 9), (4, 11, 17), (5, 21, 27), (6, 32, 36), (6, 36, 40), (6, 40, 44)]}
    segments = [(coder, str(code), start, end)
                for coder, rows in data.items() for code, start, end in rows]
    project = unitized_project(root, "e11", 60, list(data), [str(c) for c in range(1, 8)], segments)
    o = project.agreement("--unit", "unitized")["overall"]
    check("E11 u_alpha_2016", o["u_alpha_2016"], 0.510, PUBLISHED)
    check("E11 binary_u_alpha", o["binary_u_alpha"], 0.413, PUBLISHED)
    # the unitized intervals are u_alpha_2016's
    i = o["alpha_interval"]
    if i is None or i["measure"] != "u_alpha_2016" or not i["low"] <= o["u_alpha_2016"] <= i["high"]:
        failures.append("E11 interval: %r" % i)
    # Krippendorff, Mathet, Bouvry & Widlöcher (2016): "about 0.72-0.73"
    if o["cu_alpha"] is None or not 0.72 <= o["cu_alpha"] <= 0.73:
        failures.append("E11 cu_alpha: %r, not in the published 0.72-0.73" % o["cu_alpha"])


def test_cli_behaviour(root):
    project = group_project(root, "cli", [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")],
                            ["a", "b"], ["x", "y"])
    run("agreement", "--help")
    run("agreement", project.path, status=2)                       # no --unit
    run("agreement", project.path, "--unit", "words", status=2)
    run("agreement", project.path, "--unit", "char", "--group", "G", status=2)
    run("agreement", project.path, "--unit", "segment", "--threshold", "1.5", status=2)
    run("agreement", project.path, "--unit", "char", "--json", "--csv", status=2)
    run("agreement", project.path, "--unit", "char", "--coders", "x,nobody", status=1)
    run("agreement", project.path, "--unit", "char", "--coders", "x", status=1)
    text = run("agreement", project.path, "--unit", "document", "--group", "G").stdout
    if "Disagreements: 1" not in text:
        failures.append("text report: %r" % text)
    csv = run("agreement", project.path, "--unit", "segment", "--csv").stdout.splitlines()
    if not csv[0].startswith("section,name,units,matched,unmatched,percent_agreement"):
        failures.append("csv header: %r" % csv[0])
    # the order of the coders does not change the measures
    a = project.agreement("--unit", "document", "--group", "G", "--coders", "x,y")["overall"]
    b = project.agreement("--unit", "document", "--group", "G", "--coders", "y,x")["overall"]
    for key in a:
        if isinstance(a[key], dict):
            if a[key] != b[key]:
                failures.append("coder order changes %s: %r %r" % (key, a[key], b[key]))
        elif isinstance(a[key], float) and abs(a[key] - b[key]) > 1e-12:
            failures.append("coder order changes %s: %r %r" % (key, a[key], b[key]))
    report = project.agreement("--unit", "document", "--group", "G")
    want_keys = {"unit", "group", "bootstrap", "coders", "overall", "codes", "documents", "pairs",
                 "disagreements", "notes"}
    if set(report) != want_keys:
        failures.append("report keys: %r" % sorted(report))
    d = report["disagreements"]
    if len(d) != 1 or d[0]["coders"] != {"x": "G/a", "y": "G/b"} or d[0]["document"] != "u001.txt":
        failures.append("disagreements: %r" % d)


def test_identical_coders(root):
    project = Project(root, "same", [("s.txt", "abcdefghijklmnopqrstuvwxyz" * 4)])
    codings = []
    for coder in ["p", "q", "r"]:
        for code, start, end in [("A", 3, 20), ("B", 10, 40), ("A", 50, 60), ("B", 70, 90)]:
            codings.append({"document": "s.txt", "coder": coder, "code": code,
                            "start": start, "end": end})
    project.load(["p", "q", "r"], ["A", "B"], codings)
    for unit, keys in [("char", ["percent_agreement", "fleiss_kappa", "krippendorff_alpha",
                                 "brennan_prediger", "gwet_ac1"]),
                       ("segment", ["percent_agreement", "holsti", "brennan_prediger"]),
                       ("unitized", ["u_alpha_2004", "binary_u_alpha"])]:
        report = project.agreement("--unit", unit)
        for key in keys:
            check("identical coders, %s %s" % (unit, key), report["overall"][key], 1.0, 1e-12)
        if report["disagreements"]:
            failures.append("identical coders, %s: disagreements %r" % (unit, report["disagreements"]))


def test_honest_defaults(root):
    # issue 13 items 1-4, 6, 7: a coder with no codings, a code nobody
    # applied, a document nobody coded, a rare code, a substitution
    text = "".join(chr(ord("a") + i % 26) for i in range(400))
    project = Project(root, "honest", [("d1.txt", text), ("d2.txt", "nothing coded here")])
    codings = [
        {"document": "d1.txt", "coder": "Ana", "code": "Tokenism", "start": 0, "end": 20},
        {"document": "d1.txt", "coder": "Ben", "code": "Refugee-led", "start": 2, "end": 20},
        {"document": "d1.txt", "coder": "Ana", "code": "Trust", "start": 30, "end": 50},
        {"document": "d1.txt", "coder": "Ben", "code": "Trust", "start": 30, "end": 45},
        {"document": "d1.txt", "coder": "Ana", "code": "Rare", "start": 100, "end": 104},
        {"document": "d1.txt", "coder": "Ben", "code": "Rare", "start": 104, "end": 108},
    ]
    data = {"coders": [{"name": "Sysuser"}, {"name": "Ana"}, {"name": "Ben"}],
            "codes": [{"path": p} for p in ["Tokenism", "Refugee-led", "Trust", "Rare", "Unused"]],
            "codings": codings}
    file = os.path.join(project.dir, "load.json")
    with open(file, "w", encoding="utf-8") as f:
        json.dump(data, f)
    run("load", project.path, file)
    report = project.agreement("--unit", "char")

    # 2. the coder without codings is not compared by default, and a note says so
    if report["coders"] != ["Ana", "Ben"]:
        failures.append("default coders: %r" % report["coders"])
    if not any("Sysuser" in n and "left out" in n for n in report["notes"]):
        failures.append("no note on Sysuser left out: %r" % report["notes"])

    # 1. no data: never a value, never in the overall figures
    codes = {c["code"]: c for c in report["codes"]}
    documents = {d["document"]: d for d in report["documents"]}
    if not codes["Unused"]["no_data"] or codes["Unused"]["krippendorff_alpha"] is not None:
        failures.append("Unused: %r" % codes["Unused"])
    if not documents["d2.txt"]["no_data"] or documents["d2.txt"]["krippendorff_alpha"] is not None:
        failures.append("d2.txt: %r" % documents["d2.txt"])
    if codes["Trust"]["no_data"] or codes["Trust"]["units"] != 400:
        failures.append("Trust counts only d1.txt: %r" % codes["Trust"])
    check("overall units: d1.txt x the four codes with data", report["overall"]["units"], 4 * 400, 0)
    if not any("Unused" in n and "no data" in n for n in report["notes"]):
        failures.append("no note on Unused: %r" % report["notes"])
    if not any("d2.txt" in n and "no data" in n for n in report["notes"]):
        failures.append("no note on d2.txt: %r" % report["notes"])

    # 3. the prevalence paradox on the rare code is explained where it happens
    rare = codes["Rare"]
    if not (rare["brennan_prediger"] > 0.9 and rare["krippendorff_alpha"] < 0.1
            and rare.get("prevalence_paradox")):
        failures.append("Rare: %r" % rare)
    if not any("prevalence paradox" in n and "Rare" in n for n in report["notes"]):
        failures.append("no prevalence note: %r" % report["notes"])

    # 4. notes are sentences, without identifiers
    for note in report["notes"]:
        if not note[:1].isupper() or not note.rstrip().endswith(".") or "_" in note:
            failures.append("note is no sentence: %r" % note)

    # 7. a substitution is one disagreement of kind "other code"
    # 6. with the text and each coder's version
    dis = report["disagreements"]
    other = [d for d in dis if d["kind"] == "other code"]
    if len(other) != 1:
        failures.append("substitutions: %r" % dis)
    else:
        d = other[0]
        if (d["start"], d["end"]) != (0, 20) or d["coders"] != {"Ana": "Tokenism", "Ben": "Refugee-led"}:
            failures.append("substitution: %r" % d)
        if d["quote"] != text[0:20]:
            failures.append("substitution quote: %r" % d["quote"])
        if (d["versions"]["Ana"]["quote"], d["versions"]["Ben"]["quote"]) != (text[0:20], text[2:20]):
            failures.append("substitution versions: %r" % d["versions"])
    trust = [d for d in dis if d["code"] == "Trust"]
    if len(trust) != 1 or trust[0]["kind"] != "omission" or trust[0]["quote"] != text[45:50] \
            or trust[0]["versions"]["Ana"] != {"start": 30, "end": 50, "quote": text[30:50]} \
            or trust[0]["versions"]["Ben"] is not None:
        failures.append("Trust disagreement: %r" % trust)
    if any(d["code"] in ("Tokenism", "Refugee-led") and d["kind"] == "omission" for d in dis):
        failures.append("the substitution also listed as omissions: %r" % dis)

    # naming the coder explicitly still compares them
    three = project.agreement("--unit", "char", "--coders", "Sysuser,Ana,Ben")
    if three["coders"] != ["Sysuser", "Ana", "Ben"]:
        failures.append("explicit coders: %r" % three["coders"])

    # the text report has no "-0.0000"
    out = run("agreement", project.path, "--unit", "char").stdout
    if "-0.0000" in out:
        failures.append("text report shows -0.0000")


def test_bootstrap(root):
    # issue 13 item 9: seeded intervals for overall, per code, per document
    # and per pair, in the JSON, the CSV and the text report
    rows = [("a", "a")] * 30 + [("a", "b")] * 6 + [("b", "b")] * 30 + [("b", "a")] * 4
    project = group_project(root, "boot", rows, ["a", "b"], ["x", "y"])
    report = project.agreement("--unit", "document", "--group", "G")
    if report["bootstrap"] != {"samples": 1000, "seed": 2007, "confidence": 0.95}:
        failures.append("bootstrap settings: %r" % report["bootstrap"])
    o = report["overall"]
    i = o["alpha_interval"]
    if i is None or i["measure"] != "krippendorff_alpha" or not i["low"] < o["krippendorff_alpha"] < i["high"]:
        failures.append("overall interval: %r" % o)
    elif not (0 <= i["p_below_0_667"] <= i["p_below_0_800"] <= 1):
        failures.append("overall probabilities: %r" % i)
    for row in report["codes"] + report["pairs"]:
        if row["alpha_interval"] is None:
            failures.append("no interval: %r" % row)
    # a document is one unit: its alpha is defined only when both agree (1.0)
    if any(d["alpha_interval"] is not None and d["alpha_interval"]["low"] != d["krippendorff_alpha"]
           for d in report["documents"]):
        failures.append("document intervals: %r" % report["documents"][:3])
    again = project.agreement("--unit", "document", "--group", "G")
    if again["overall"]["alpha_interval"] != i:
        failures.append("the same seed gives another interval")
    other = project.agreement("--unit", "document", "--group", "G", "--seed", "99")
    if other["overall"]["alpha_interval"] == i or other["bootstrap"]["seed"] != 99:
        failures.append("another seed gives the same interval")
    none = project.agreement("--unit", "document", "--group", "G", "--bootstrap", "0")
    if none["overall"]["alpha_interval"] is not None:
        failures.append("--bootstrap 0 still gives an interval")
    run("agreement", project.path, "--unit", "document", "--group", "G", "--bootstrap", "-1", status=2)
    csv = run("agreement", project.path, "--unit", "document", "--group", "G", "--csv").stdout.splitlines()
    if not csv[0].endswith(",no_data,alpha_low,alpha_high,p_below_0_667,p_below_0_800"):
        failures.append("csv header: %r" % csv[0])
    text = run("agreement", project.path, "--unit", "document", "--group", "G").stdout
    if "95% interval" not in text or "[%.3f, %.3f]" % (i["low"], i["high"]) not in text:
        failures.append("text report without the interval: %r" % text[:600])


def test_report(root):
    # issue 13 item 10: the reliability report, A4 PDF and HTML
    rows = [("a", "a")] * 12 + [("a", "b")] * 3 + [("b", "b")] * 10
    project = group_project(root, "report", rows, ["a", "b"], ["x", "y"])
    pdf = os.path.join(project.dir, "reliability.pdf")
    html = os.path.join(project.dir, "reliability.html")
    run("agreement", project.path, "--unit", "document", "--group", "G", "--report", pdf)
    run("agreement", project.path, "--unit", "document", "--group", "G", "--report", html)
    with open(pdf, "rb") as f:
        if not f.read(5) == b"%PDF-":
            failures.append("report.pdf is no PDF")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    if "595.28 x 841.89" not in info:
        failures.append("report.pdf is not A4: %r" % info)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    report = project.agreement("--unit", "document", "--group", "G")
    o = report["overall"]
    i = o["alpha_interval"]
    for needle in ["Reliability report", "Settings", "Coders compared (2): x, y.", "Measures",
                   "95% interval", "%.3f" % o["krippendorff_alpha"], "%.3f–%.3f" % (i["low"], i["high"]),
                   "Alpha per code", "0.667", "0.800", "Coder pairs", "Disagreements", "3 disagreements.",
                   "Notes", "u001.txt"]:
        if needle not in text:
            failures.append("report.pdf lacks %r" % needle)
    with open(html, encoding="utf-8") as f:
        page = f.read()
    for needle in ["<svg", "Coder pairs", "Disagreements", "%.3f" % o["krippendorff_alpha"]]:
        if needle not in page:
            failures.append("report.html lacks %r" % needle)
    # a report in another format is refused, and nothing is written
    other = os.path.join(project.dir, "reliability.txt")
    run("agreement", project.path, "--unit", "document", "--group", "G", "--report", other, status=2)
    if os.path.exists(other):
        failures.append("a refused report left a file")
    run("agreement", project.path, "--unit", "document", "--group", "G", "--report",
        os.path.join(project.dir, "missing", "r.pdf"), status=1)


def consensus_codings(project):
    return [(c["code"], c["start"], c["end"])
            for c in json.loads(run("codings", project.path, "--json").stdout)
            if c["coder"] not in ("x", "y", "Consensus")]


def test_consensus(root):
    project = Project(root, "consensus", [("c.txt", "abcdefghijklmnopqrstuvwxyz" * 4)])
    project.load(["x", "y", "Consensus"], ["G/a", "G/b", "Other"],
                 [{"document": "c.txt", "coder": "x", "code": "G/a", "start": 3, "end": 20},
                  {"document": "c.txt", "coder": "x", "code": "Other", "start": 3, "end": 20},
                  {"document": "c.txt", "coder": "y", "code": "G/b", "start": 5, "end": 25}])
    base = ["consensus", project.path, "--doc", "c.txt", "--range", "0:30", "--code", "G/a", "--code", "G/b"]
    run("consensus", "--help")
    run(*base, status=2)                                      # neither --accept nor --set
    run(*base, "--accept", "x", "--set", "1:2", status=2)
    run(*base, "--accept", "nobody", status=1)
    run(*base, "--set", "9:4", status=1)
    if consensus_codings(project):
        failures.append("consensus: a refused command changed the project")
    # A coder named "Consensus" is not the consensus coder: another one is made.
    run(*base, "--accept", "x")
    if consensus_codings(project) != [("G/a", 3, 20)]:
        failures.append("consensus --accept x: %r" % consensus_codings(project))
    run(*base, "--accept", "y")
    if consensus_codings(project) != [("G/b", 5, 25)]:
        failures.append("consensus --accept y: %r" % consensus_codings(project))
    run(*base, "--set", "4:22")
    if consensus_codings(project) != [("G/a", 4, 22)]:
        failures.append("consensus --set: %r" % consensus_codings(project))
    run("undo", project.path)
    if consensus_codings(project) != [("G/b", 5, 25)]:
        failures.append("consensus undo: %r" % consensus_codings(project))
    names = [c["name"] for c in json.loads(run("coders", project.path, "--json").stdout)]
    if sorted(names) != ["Consensus", "Consensus 2", "x", "y"]:
        failures.append("consensus coders: %r" % names)


def main():
    with tempfile.TemporaryDirectory() as root:
        for test in [test_e1, test_e2, test_e3, test_e4, test_e4_char, test_e4_document_codes,
                     test_segment, test_e5, test_e6,
                     test_e7, test_e8, test_e9, test_e10, test_e11, test_cli_behaviour,
                     test_identical_coders, test_honest_defaults, test_bootstrap, test_report, test_consensus]:
            try:
                test(root)
            except AssertionError as e:
                failures.append("%s: %s" % (test.__name__, e))
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
