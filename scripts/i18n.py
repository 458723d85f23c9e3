#!/usr/bin/env python3
"""Translations: extract tr() strings, merge Indonesian from i18n/id/*.tsv, write the .ts, build the .qm.

A text declared before it can be translated (an algorithm's name and help in
kaltim_internet_plugin/processing/help.py) is marked with ``tr_noop("...")``, extracted the same way as ``tr("...")``.

Why not pylupdate5: it derives the context from the enclosing class, while the plugin uses one context
(``KaltimInternet``) through module-level ``tr()``; ast extraction is exact and also catches non-literal tr() calls.

  scripts/i18n.py update    regenerate i18n/kaltim_internet_plugin_id.ts
  scripts/i18n.py release   lrelease -> i18n/kaltim_internet_plugin_id.qm
  scripts/i18n.py check     exit 1 if a string is untranslated, the .ts is stale, or tr() gets a non-literal
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "kaltim_internet_plugin"
TS = ROOT / "i18n" / "kaltim_internet_plugin_id.ts"
TSV_DIR = ROOT / "i18n" / "id"
CONTEXT = "KaltimInternet"


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def extract() -> tuple:
    """(ordered unique strings, problems) from every tr()/tr_noop()/translate() call in the plugin sources."""
    strings, problems, seen = [], [], set()
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            args = node.args
            if name == "translate" and len(args) >= 2:
                args = args[1:]
            elif name not in ("tr", "tr_noop") or not args:
                continue
            first = args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if first.value not in seen:
                    seen.add(first.value)
                    strings.append(first.value)
            elif name == "tr_noop" or (name == "tr" and not (isinstance(first, ast.Name) and first.id == "text")):
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}() needs one literal string")
    return strings, problems


def load_tsv() -> dict:
    table = {}
    for tsv in sorted(TSV_DIR.glob("*.tsv")):
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                raise SystemExit(f"{tsv}:{n}: expected 'English<TAB>Indonesian'")
            src, dst = line.split("\t", 1)
            table[_unescape(src)] = _unescape(dst)
    return table


def load_ts() -> dict:
    if not TS.exists():
        return {}
    table = {}
    for msg in ET.parse(TS).getroot().iter("message"):
        tr_el = msg.find("translation")
        if tr_el is not None and tr_el.get("type") != "unfinished" and tr_el.text:
            table[msg.findtext("source")] = tr_el.text
    return table


def build_ts(strings: list, table: dict) -> bytes:
    ts = ET.Element("TS", version="2.1", language="id_ID", sourcelanguage="en_GB")
    ctx = ET.SubElement(ts, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for text in strings:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = text
        el = ET.SubElement(msg, "translation")
        if table.get(text):
            el.text = table[text]
        else:
            el.set("type", "unfinished")
    ET.indent(ts)
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(ts, encoding="utf-8") + b"\n"


def cmd_update() -> int:
    strings, problems = extract()
    table = load_ts()
    table.update(load_tsv())
    TS.write_bytes(build_ts(strings, table))
    missing = [s for s in strings if not table.get(s)]
    print(f"i18n: {len(strings)} strings, {len(missing)} untranslated -> {TS.relative_to(ROOT)}")
    for s in missing[:50]:
        print(f"  untranslated: {s!r}")
    for p in problems:
        print(f"  {p}")
    return 0


def cmd_release() -> int:
    lrelease = shutil.which("lrelease") or shutil.which("lrelease-qt5")
    if not lrelease:
        raise SystemExit("i18n: lrelease not found (apt install qttools5-dev-tools)")
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    # Qt's own standard texts (OK/Cancel/Close/Yes/No, …): Qt ships no Indonesian, so the plugin carries them
    for qt_ts in sorted(TS.parent.glob("qt_*.ts")):
        subprocess.run([lrelease, "-silent", str(qt_ts), "-qm", str(qt_ts.with_suffix(".qm"))], check=True)
    return 0


def unused_rows(strings: list) -> list:
    """``(tsv, line number, English)`` of every row whose English text no tr() of the code has any more (it never
    reaches the .ts: a stale row only misleads whoever reads the tables)."""
    known, out = set(strings), []
    for tsv in sorted(TSV_DIR.glob("*.tsv")):
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#") and _unescape(line.split("\t", 1)[0]) not in known:
                out.append((tsv, n, line.split("\t", 1)[0]))
    return out


def cmd_check() -> int:
    strings, problems = extract()
    table = load_ts()
    tsv = load_tsv()
    fresh = build_ts(strings, {**table, **tsv})
    errors = list(problems)
    errors += [f"untranslated: {s!r}" for s in strings if not {**table, **tsv}.get(s)]
    errors += [f"{path.relative_to(ROOT)}:{n}: no tr() in the code has this text any more; remove the row: {text!r}"
               for path, n, text in unused_rows(strings)]
    if TS.read_bytes() != fresh:
        errors.append(f"{TS.relative_to(ROOT)} is stale: run `make translations` and commit it")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    commands = {"update": cmd_update, "release": cmd_release, "check": cmd_check}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        raise SystemExit(__doc__)
    sys.exit(commands[sys.argv[1]]())
