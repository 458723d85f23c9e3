"""i18n/glossary.tsv: one Indonesian word per plan term, and no translation uses a variant it rules out."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def glossary() -> list:
    rows = []
    for line in (ROOT / "i18n" / "glossary.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, indonesian, avoid = line.split("\t")
            rows.append((term, indonesian, [a for a in avoid.split("|") if a]))
    return rows


def translations() -> list:
    out = []
    for tsv in sorted((ROOT / "i18n" / "id").glob("*.tsv")):
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if "\t" in line and not line.startswith("#"):
                en, idn = line.split("\t", 1)
                out.append((f"{tsv.name}:{n}", en, idn))
    return out


def test_glossary_is_well_formed():
    rows = glossary()
    assert len(rows) >= 5 and len({r[0] for r in rows}) == len(rows)
    for term, indonesian, avoid in rows:
        assert indonesian and indonesian.lower() not in [a.lower() for a in avoid], term


def test_translations_use_the_glossary_terms():
    bad = []
    for where, en, idn in translations():
        for term, _indonesian, avoid in glossary():
            if term in en.lower():
                bad += [f"{where}: '{a}' for '{term}'" for a in avoid if a.lower() in idn.lower()]
    assert bad == []


def test_the_check_finds_a_variant():
    term, _indonesian, avoid = next(r for r in glossary() if r[0] == "deployment plan")
    assert any(a in "Ekspor rencana penyebaran" for a in avoid)
