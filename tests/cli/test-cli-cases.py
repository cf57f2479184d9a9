#!/usr/bin/env python3
"""gloss-cli attributes, cases, sets, query and crosstab, end to end.

Usage: test-cli-cases.py GLOSS_CLI
"""

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

CLI = sys.argv[1]

TEXTS = {
    "forum.txt": "Funding came with conditions. Independence was at stake when the grant was renewed.",
    "legal.txt": "Our funding is small. Independence matters to us more than anything else here.",
    "paper.txt": "Scholars discuss funding and independence in the compacts at some length.",
}


def run(*args, ok=True):
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise AssertionError(f"{args}: exit {p.returncode}: {p.stderr}")
    return p


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Cases(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.project = os.path.join(self.dir, "p.gloss")
        run("init", self.project)
        files = []
        for name, text in TEXTS.items():
            path = os.path.join(self.dir, name)
            with open(path, "w") as f:
                f.write(text)
            files.append(path)
        run("import", self.project, *files)
        self.load({
            "codings": [
                {"document": "forum.txt", "coder": "Amina", "code": "Partnership/Funding", "match": "Funding came with conditions"},
                {"document": "forum.txt", "coder": "Jonas", "code": "Independence", "match": "conditions. Independence"},
                {"document": "legal.txt", "coder": "Amina", "code": "Partnership/Funding", "match": "Our funding is small"},
                {"document": "legal.txt", "coder": "Amina", "code": "Independence", "match": "Independence matters"},
                {"document": "paper.txt", "coder": "Jonas", "code": "Partnership/Funding", "match": "funding and independence"},
                {"document": "paper.txt", "coder": "Jonas", "code": "Independence", "match": "independence in the compacts"},
            ],
        })

    def tearDown(self):
        self.tmp.cleanup()

    def load(self, data, ok=True):
        path = os.path.join(self.dir, "load.json")
        with open(path, "w") as f:
            json.dump(data, f)
        return run("load", self.project, path, ok=ok)

    def json(self, *args):
        return json.loads(run(*args).stdout)

    def refused(self, *args, message):
        before = sha(self.project)
        p = run(*args, ok=False)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(p.stderr.strip(), "gloss-cli: " + message)
        self.assertEqual(sha(self.project), before)

    def add_type(self):
        run("attribute-add", self.project, "type of actor", "--type", "category",
            "--values", "refugee-led, legal aid network, academic")
        run("attribute-set", self.project, "type of actor", "forum.txt", "refugee-led")
        run("attribute-set", self.project, "type of actor", "legal.txt", "Legal Aid Network")
        run("attribute-set", self.project, "type of actor", "3", "academic")

    def test_attributes(self):
        self.add_type()
        self.assertEqual(run("attribute-add", self.project, "year", "--type", "number").stdout.strip(), "2")
        run("attribute-set", self.project, "year", "forum.txt", "2021")
        run("attribute-add", self.project, "role", "--on", "coder")
        run("attribute-set", self.project, "role", "Amina", "lead", "--on", "coder")

        attributes = self.json("attributes", self.project, "--json")
        self.assertEqual([(a["name"], a["on"], a["type"]) for a in attributes],
                         [("role", "coder", "text"), ("type of actor", "document", "category"),
                          ("year", "document", "number")])
        by_name = {a["name"]: a for a in attributes}
        self.assertEqual(by_name["type of actor"]["choices"], ["refugee-led", "legal aid network", "academic"])
        self.assertEqual([v["value"] for v in by_name["type of actor"]["values"]],
                         ["refugee-led", "legal aid network", "academic"])
        self.assertEqual(by_name["year"]["values"], [{"id": 1, "target": "forum.txt", "value": 2021}])
        self.assertEqual(by_name["role"]["values"][0]["target"], "Amina")

        self.refused("attribute-set", self.project, "year", "legal.txt", "soon",
                     message="year: “soon” is not a number")
        self.refused("attribute-set", self.project, "colour", "legal.txt", "red",
                     message="No document attribute “colour” in the project")
        self.refused("attribute-add", self.project, "Year", message="There is already an attribute “Year”")
        self.assertEqual(run("attribute-add", self.project, "x", "--type", "colour", ok=False).returncode, 2)

        # Retype: refused with the values named, then forced.
        run("attribute-add", self.project, "size")
        run("attribute-set", self.project, "size", "forum.txt", "12")
        run("attribute-set", self.project, "size", "legal.txt", "large")
        self.refused("attribute-retype", self.project, "size", "--type", "number",
                     message="1 value of “size” does not convert to number: legal.txt: large")
        p = run("attribute-retype", self.project, "size", "--type", "number", "--drop-unconverted")
        self.assertEqual(p.stdout, "emptied legal.txt: large\n")
        run("undo", self.project)
        size = {a["name"]: a for a in self.json("attributes", self.project, "--json")}["size"]
        self.assertEqual(size["type"], "text")
        self.assertEqual(len(size["values"]), 2)

        run("attribute-rename", self.project, "size", "scale")
        run("attribute-delete", self.project, "scale")
        self.assertNotIn("scale", [a["name"] for a in self.json("attributes", self.project, "--json")])
        run("undo", self.project)
        self.assertIn("scale", [a["name"] for a in self.json("attributes", self.project, "--json")])

    def test_cases(self):
        org = run("case-add", self.project, "Voices in Transit", "--description", "a collective").stdout.strip()
        run("case-member-add", self.project, org, "forum.txt")
        member = run("case-member-add", self.project, "Voices in Transit", "legal.txt", "--range", "0:20").stdout.strip()
        run("attribute-add", self.project, "founded", "--type", "number", "--on", "case")
        run("attribute-set", self.project, "founded", "Voices in Transit", "2016", "--on", "case")
        self.refused("case-member-add", self.project, org, "legal.txt", "--range", "0:20",
                     message="The case “Voices in Transit” has this already")
        self.refused("case-member-add", self.project, org, "legal.txt", "--range", "0:999",
                     message="The range 0:999 lies outside the document (0:78)")

        cases = self.json("cases", self.project, "--json")
        self.assertEqual(len(cases), 1)
        self.assertEqual(cases[0]["name"], "Voices in Transit")
        self.assertEqual([(m["document"], m["start"], m["end"]) for m in cases[0]["members"]],
                         [("forum.txt", None, None), ("legal.txt", 0, 20)])
        self.assertEqual(cases[0]["attributes"], {"founded": 2016})

        # A case attribute restricts documents through the case.
        hits = self.json("query", self.project, "--code", "Independence", "--where", "case.founded < 2020", "--json")
        self.assertEqual(sorted(h["document"] for h in hits), ["forum.txt", "legal.txt"])

        run("case-describe", self.project, org, "  A refugee-led network  ")
        self.assertEqual(self.json("cases", self.project, "--json")[0]["description"], "A refugee-led network")
        self.refused("case-describe", self.project, "Nobody", "x", message="No case “Nobody” in the project")

        run("case-member-remove", self.project, member)
        run("case-rename", self.project, org, "VIT")
        run("case-delete", self.project, "VIT")
        self.assertEqual(self.json("cases", self.project, "--json"), [])
        run("undo", self.project)
        self.assertEqual(self.json("cases", self.project, "--json")[0]["attributes"], {"founded": 2016})

    def test_sets(self):
        self.add_type()
        run("set-add", self.project, "refugee-led", "--rule", "type of actor = refugee-led")
        run("set-add", self.project, "picked")
        run("set-member-add", self.project, "picked", "legal.txt", "3")
        run("set-add", self.project, "core codes", "--codes")
        run("set-member-add", self.project, "core codes", "Partnership/Funding")
        self.refused("set-add", self.project, "bad", "--rule", "colour = red",
                     message="No document attribute “colour” in the project")
        self.refused("set-member-add", self.project, "refugee-led", "legal.txt",
                     message="The members of “refugee-led” are given by its rule")

        sets = {s["name"]: s for s in self.json("sets", self.project, "--json")}
        self.assertEqual([m["title"] for m in sets["refugee-led"]["members"]], ["forum.txt"])
        self.assertEqual([m["title"] for m in sets["picked"]["members"]], ["legal.txt", "paper.txt"])
        self.assertEqual([m["path"] for m in sets["core codes"]["members"]], ["Partnership/Funding"])
        self.assertEqual(sets["refugee-led"]["rule"], "type of actor = refugee-led")

        # The rule stays current.
        run("attribute-set", self.project, "type of actor", "paper.txt", "refugee-led")
        sets = {s["name"]: s for s in self.json("sets", self.project, "--json")}
        self.assertEqual([m["title"] for m in sets["refugee-led"]["members"]], ["forum.txt", "paper.txt"])

        run("set-rule", self.project, "picked", "type of actor != refugee-led")
        run("set-member-remove", self.project, "core codes", "Partnership/Funding")
        run("set-rename", self.project, "picked", "others")
        run("set-delete", self.project, "others")
        self.assertEqual(sorted(s["name"] for s in self.json("sets", self.project, "--json")),
                         ["core codes", "refugee-led"])

    def test_query(self):
        self.add_type()
        run("set-add", self.project, "refugee-led", "--rule", "type of actor = refugee-led")

        # Funding overlapping Independence in refugee-led contributions.
        hits = self.json("query", self.project, "--code", "Partnership/Funding", "--and", "Independence",
                         "--set", "refugee-led", "--json")
        self.assertEqual([(h["document"], h["quote"]) for h in hits], [("forum.txt", "Funding came with conditions")])

        hits = self.json("query", self.project, "--code", "Partnership", "--children", "--and", "Independence", "--json")
        self.assertEqual(sorted(h["document"] for h in hits), ["forum.txt", "paper.txt"])
        hits = self.json("query", self.project, "--code", "Partnership/Funding", "--and", "Independence",
                         "--relation", "near", "--distance", "3", "--json")
        self.assertEqual(sorted(h["document"] for h in hits), ["forum.txt", "legal.txt", "paper.txt"])
        hits = self.json("query", self.project, "--code", "Partnership/Funding", "--not", "Independence", "--json")
        self.assertEqual([h["document"] for h in hits], ["legal.txt"])
        hits = self.json("query", self.project, "--code", "Partnership/Funding", "--or", "Independence",
                         "--coders", "Jonas", "--json")
        self.assertEqual(len(hits), 3)
        hits = self.json("query", self.project, "--code", "Independence", "--where",
                         "type of actor = legal aid network or type of actor = academic", "--json")
        self.assertEqual([h["document"] for h in hits], ["legal.txt", "paper.txt"])

        text = run("query", self.project, "--code", "Partnership/Funding", "--and", "Independence", "--set", "refugee-led").stdout
        self.assertTrue(text.startswith("# Codings of Partnership/Funding overlapping Independence "
                                        "in the set “refugee-led”: 1\n"), text)
        rows = list(csv.reader(io.StringIO(run("query", self.project, "--code", "Independence", "--csv").stdout)))
        self.assertEqual(rows[0], ["document", "document_id", "coder", "code", "start", "end", "quote", "memo"])
        self.assertEqual(len(rows), 4)

        out = os.path.join(self.dir, "hits.csv")
        run("query", self.project, "--code", "Partnership/Funding", "--and", "Independence", "--set", "refugee-led",
            "--format", "csv", "-o", out)
        with open(out, newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(len(rows), 2)
        self.assertIn("Funding came with conditions", rows[1])
        out = os.path.join(self.dir, "hits.md")
        run("query", self.project, "--code", "Independence", "--format", "md", "-o", out)
        with open(out) as f:
            self.assertEqual(f.read().count("> "), 3)

        self.refused("query", self.project, "--code", "Nothing", message="No code “Nothing” in the codebook")
        self.refused("query", self.project, "--code", "Independence", "--where", "type of actor = church",
                     message="type of actor: “church” is not one of the values: refugee-led, legal aid network, academic")
        self.assertEqual(run("query", self.project, "--code", "Independence", "--and", "A", "--or", "B", ok=False).returncode, 2)
        self.assertEqual(run("query", self.project, "--code", "Independence", "--distance", "3", ok=False).returncode, 2)

    def test_crosstab(self):
        self.add_type()
        run("set-add", self.project, "refugee-led", "--rule", "type of actor = refugee-led")
        ct = self.json("crosstab", self.project, "--attribute", "type of actor", "--children", "--json")
        self.assertEqual(ct["columns"], ["refugee-led", "legal aid network", "academic", "(empty)"])
        self.assertEqual(ct["column_documents"], [1, 1, 1, 0])
        rows = {r["code"]: r for r in ct["rows"]}
        self.assertEqual([c["codings"] for c in rows["Partnership"]["cells"]], [1, 1, 1, 0])
        self.assertEqual([c["percent"] for c in rows["Independence"]["cells"]], [100, 100, 100, 0])
        self.assertEqual(rows["Partnership"]["documents"], 3)

        ct = self.json("crosstab", self.project, "--attribute", "type of actor", "--by-coder",
                       "--codes", "Independence", "--json")
        self.assertEqual([(r["coder"], [c["codings"] for c in r["cells"]]) for r in ct["rows"]],
                         [("Amina", [0, 1, 0, 0]), ("Jonas", [1, 0, 1, 0])])

        ct = self.json("crosstab", self.project, "--sets", "--json")
        self.assertEqual(ct["columns"], ["refugee-led"])
        ct = self.json("crosstab", self.project, "--coder-columns", "--where", "type of actor != academic", "--json")
        self.assertEqual(ct["columns"], ["Amina", "Jonas"])
        self.assertEqual(ct["documents"], 2)

        table = list(csv.reader(io.StringIO(run("crosstab", self.project, "--attribute", "type of actor",
                                                "--measure", "percent", "--csv").stdout)))
        self.assertEqual(table[0], ["code", "refugee-led", "legal aid network", "academic", "(empty)", "total"])
        self.assertEqual(table[-1], ["Independence", "100.0", "100.0", "100.0", "0.0", "100.0"])

        for fmt in ("csv", "xlsx", "html"):
            out = os.path.join(self.dir, "ct." + fmt)
            run("crosstab", self.project, "--attribute", "type of actor", "--format", fmt, "-o", out)
            self.assertGreater(os.path.getsize(out), 0)
        with zipfile.ZipFile(os.path.join(self.dir, "ct.xlsx")) as z:
            self.assertIn("xl/worksheets/sheet1.xml", z.namelist())
        with open(os.path.join(self.dir, "ct.html")) as f:
            self.assertIn("legal aid network", f.read())

        self.assertEqual(run("crosstab", self.project, ok=False).returncode, 2)
        self.refused("crosstab", self.project, "--attribute", "colour", message="No document attribute “colour” in the project")

    def test_restrictions(self):
        self.add_type()
        run("set-add", self.project, "two", "--rule", "type of actor != academic")

        # Agreement on a set is agreement on its documents.
        by_set = self.json("agreement", self.project, "--unit", "document", "--set", "two", "--json")
        by_docs = self.json("agreement", self.project, "--unit", "document", "--docs", "forum.txt,legal.txt", "--json")
        self.assertEqual(by_set, by_docs)
        self.assertEqual(sorted(d["document"] for d in by_set["documents"]), ["forum.txt", "legal.txt"])
        both = self.json("agreement", self.project, "--unit", "document", "--set", "two", "--docs", "forum.txt,paper.txt", "--json")
        self.assertEqual([d["document"] for d in both["documents"]], ["forum.txt"])
        self.refused("agreement", self.project, "--unit", "document", "--where", "type of actor = refugee-led",
                     "--docs", "paper.txt", message="No document meets the restriction")

        # Excerpts: only the rows of the chosen documents.
        out = os.path.join(self.dir, "x.csv")
        run("export", self.project, "--format", "csv", "-o", out, "--where", "type of actor = academic")
        with open(out, newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(len(rows), 3)
        self.assertEqual({r[0] for r in rows[1:]}, {"paper.txt"})
        run("export", self.project, "--format", "json", "-o", out, "--set", "two", "--coder", "Amina")
        with open(out) as f:
            self.assertEqual(json.load(f)["total"], 3)
        self.assertEqual(run("export", self.project, "--format", "qdpx", "-o", out, "--set", "two", ok=False).returncode, 2)

        # Matrices: the columns and counts of the chosen documents only.
        run("matrix", self.project, "--kind", "code-document", "--format", "csv", "-o", out, "--set", "two")
        with open(out, newline="") as f:
            table = list(csv.reader(f))
        self.assertEqual(table[0][1:], ["forum.txt", "legal.txt"])
        run("matrix", self.project, "--kind", "code-coder", "--format", "csv", "-o", out, "--where", "type of actor = academic")
        with open(out, newline="") as f:
            table = {r[0]: r[1:] for r in csv.reader(f)}
        self.assertEqual(table["Independence"], ["0", "1"])
        self.refused("matrix", self.project, "--kind", "code-coder", "--format", "csv", "-o", out,
                     "--set", "nothing", message="No set “nothing” in the project")

    def test_load(self):
        self.load({
            "attributes": [
                {"name": "type of actor", "type": "category", "choices": ["refugee-led", "academic"],
                 "values": {"forum.txt": "refugee-led", "3": "academic"}},
                {"name": "year", "type": "number", "values": {"legal.txt": 2020}},
                {"name": "online", "type": "boolean", "values": {"legal.txt": True}},
                {"name": "role", "on": "coder", "values": {"Jonas": "second"}},
            ],
            "sets": [
                {"name": "refugee-led", "rule": "type of actor = refugee-led"},
                {"name": "picked", "documents": ["legal.txt", 3]},
                {"name": "core", "codes": ["Independence"]},
            ],
        })
        attributes = {a["name"]: a for a in self.json("attributes", self.project, "--json")}
        self.assertEqual(attributes["year"]["values"][0]["value"], 2020)
        self.assertEqual(attributes["online"]["values"][0]["value"], True)
        sets = {s["name"]: s for s in self.json("sets", self.project, "--json")}
        self.assertEqual([m["title"] for m in sets["picked"]["members"]], ["legal.txt", "paper.txt"])

        # All or nothing: a bad entry after good ones loads nothing.
        before = sha(self.project)
        p = self.load({"attributes": [{"name": "size", "values": {"forum.txt": "big"}},
                                      {"name": "year", "values": {"forum.txt": "soon"}}]}, ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr.strip(), "gloss-cli: load.json: attributes[1]: year: “soon” is not a number (nothing was loaded)")
        self.assertEqual(sha(self.project), before)
        p = self.load({"sets": [{"name": "x", "rule": "year > 1", "documents": []}]}, ok=False)
        self.assertIn("sets[0]: a set needs a \"name\" and one of", p.stderr)
        p = self.load({"attributes": [{"name": "year", "type": "text"}]}, ok=False)
        self.assertEqual(p.stderr.strip(), "gloss-cli: load.json: attributes[0]: “year” is already an attribute of type number (nothing was loaded)")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
