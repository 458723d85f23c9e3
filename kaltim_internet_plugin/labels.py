"""Translated labels of the shared codes (core.definitions), for every front: Processing enums and the dock."""
from __future__ import annotations

from .i18n import tr


def model_labels() -> list:
    return [tr("Line of sight (GDAL viewshed, number of sites visible)"),
            tr("ITU-R P.526 §4.5.2: free space + complete diffraction over the terrain (Bullington with its "
               "correction, smooth-earth terms) (dBm)"),
            tr("Okumura-Hata / COST-231, terrain ignored (dBm)"),
            tr("Bullington only, without the P.526 correction and smooth-earth terms (optimistic; by name only)"),
            tr("Longley-Rice ITM 1.2.2, the second opinion (equatorial climate, medians; slow) (dBm)")]


def quantity_labels() -> list:
    return [tr("Total received power (dBm)"), tr("4G RSRP, 10 MHz carrier (received power - 27.8 dB)"),
            tr("4G RSRP, 20 MHz carrier (received power - 30.8 dB)")]


def resolution_labels() -> list:
    return [tr("Exact (a ray and a sample for every DEM cell; slow, the reference)"),
            tr("Fast (rays 180 m apart, samples every 360 m, refined every 90 m; ~0.3 dB mean difference from "
               "exact, p99 2.9 dB on sharp ridges)"),
            tr("Fine (rays and samples 180 m apart; ~0.2 dB mean difference from exact)")]


def preset_labels() -> list:
    return [tr("Pemerataan (equity first)"), tr("Efektif biaya (people per rupiah)"),
            tr("Layanan publik (schools and health posts first)")]


def criterion_labels() -> dict:
    return {"population": tr("Population"), "blank_spot": tr("Blank spot"), "idm": tr("IDM (village development)"),
            "facilities": tr("Public facilities"), "remoteness": tr("Remoteness"),
            "readiness": tr("Readiness (electricity, cadres)")}


# ---- one label table per language for every code shown to a user ------------------------------------------------
def translate(_context: str, text: str) -> str:
    """Marks ``text`` for scripts/i18n.py (it extracts ``translate(context, "literal")``); :func:`label` translates
    it when used, into the UI language or an explicit one (reports are printed in Indonesian)."""
    return text


_C = "KaltimInternet"
TABLES = {
    "tech": {
        "fibre": translate(_C, "Fibre optic"),
        "fwa": translate(_C, "4G FWA (router)"),
        "radio": translate(_C, "Radio link"),
        "bts": translate(_C, "New 4G BTS"),
        "colo": translate(_C, "Co-location on an existing tower"),
        "satellite": translate(_C, "Satellite"),
        "village_package": translate(_C, "Province village package"),
        "fibre_service": translate(_C, "Fibre service subscription"),
    },
    "funding_source": {
        "bakti_uso": translate(_C, "BAKTI / USO"),
        "operator": translate(_C, "Operator co-investment"),
        "dana_desa": translate(_C, "Dana Desa"),
        "apbd_kab": translate(_C, "APBD Kabupaten/Kota"),
        "apbd_prov": translate(_C, "APBD Provinsi"),
        "unfunded": translate(_C, "Unfunded"),
        "prog_internet_desa": translate(_C, "Program Internet Desa (APBD Provinsi)"),
    },
    "funding_kind": {
        "capex": translate(_C, "Investment (CAPEX)"),
        "opex": translate(_C, "Operation (OPEX)"),
    },
    "rule": {
        "3t": translate(_C, "3T villages only"),
        "plot": translate(_C, "20×20 m plot confirmed"),
        "desa": translate(_C, "Desa only (not kelurahan)"),
        "per_kab": translate(_C, "Cap per kabupaten/kota"),
        "operator": translate(_C, "Operators' commercial money"),
    },
    "site_kind": {
        "office": translate(_C, "Village office"),
        "hilltop": translate(_C, "Hilltop"),
        "colo": translate(_C, "Existing tower (co-location)"),
        "existing": translate(_C, "Existing tower"),
        "planned": translate(_C, "Planned site"),
    },
    "coverage_status": {
        "covered": translate(_C, "Covered"),
        "partial": translate(_C, "Partly covered"),
        "blank_spot": translate(_C, "Blank spot"),
    },
    "deploy_status": {
        "planned": translate(_C, "Planned"),
        "surveyed": translate(_C, "Surveyed"),
        "contracted": translate(_C, "Contracted"),
        "installed": translate(_C, "Installed"),
        "active": translate(_C, "Active"),
        "disrupted": translate(_C, "Disrupted"),
        "migrated": translate(_C, "Migrated"),
    },
    "fund_status": {
        "scheduled": translate(_C, "Scheduled"),
        "unfunded": translate(_C, "Unfunded"),
    },
    "covered_by": {
        "existing": translate(_C, "Covered by an existing site"),
        "new": translate(_C, "Covered by a new site"),
        "none": translate(_C, "Not covered"),
    },
}
KINDS = tuple(TABLES)
_translators: dict = {}


def _translated(text: str, lang: str) -> str:
    from .core.formatting import lang_code

    lang = lang_code(lang)
    if lang == "en":
        return text
    if lang not in _translators:
        from qgis.PyQt.QtCore import QTranslator

        from .paths import i18n_dir

        translator = QTranslator()
        _translators[lang] = translator if translator.load(str(i18n_dir() / f"kaltim_internet_plugin_{lang}.qm")) \
            else None
    translator = _translators[lang]
    # the source text goes to Qt as UTF-8 bytes (PyQt passes a str to a char* as ASCII)
    return (translator.translate(_C, text.encode("utf-8")) or text) if translator is not None else text


def label(kind: str, code, lang: str = None) -> str:
    """What users read for ``code`` of ``kind`` (one of :data:`KINDS`): in the UI language, or in ``lang``
    (``"id"``/``"en"``) for printed output. Unknown codes come back as they are (a user's own funding source)."""
    if code is None:
        return ""
    key = str(code).strip()
    table = TABLES.get(kind, {})
    text = table.get(key) or table.get(key.lower())
    if kind == "tech" and text is None:
        from .core.funding import normalize_tech

        text = table.get(normalize_tech(key))
    if text is None:
        return key
    return tr(text) if lang is None else _translated(text, lang)


def labels(kind: str, lang: str = None) -> dict:
    """``{code: label}`` of a whole table."""
    return {code: label(kind, code, lang) for code in TABLES[kind]}


def label_list(kind: str, codes, lang: str = None, sep: str = "; ") -> str:
    """``"capex;opex"`` -> ``"Investment (CAPEX); Operation (OPEX)"``; ``"all"`` -> "all" translated."""
    if codes is None:
        return ""
    items = codes if isinstance(codes, (list, tuple)) else str(codes).replace(",", ";").split(";")
    items = [str(c).strip() for c in items if str(c).strip()]
    if [c.lower() for c in items] == ["all"]:
        return tr("all") if lang is None else _translated("all", lang)
    return sep.join(label(kind, c, lang) for c in items)


def counts_text(counts, kind: str, lang: str = None, names: dict = None) -> str:
    """``"radio=650, colo=70"`` or ``{"radio": 650}`` -> ``"Radio link 650, Co-location … 70"`` with the
    language's number format; ``names``: code -> the name to print instead of :func:`label`'s (short names)."""
    from .core.formatting import integer
    from .i18n import ui_lang

    if isinstance(counts, str):
        pairs = []
        for part in counts.replace(";", ",").split(","):
            key, sep, value = part.partition("=") if "=" in part else part.partition(":")
            if sep:
                pairs.append((key.strip(), value.strip()))
        if not pairs:
            return counts
    else:
        pairs = list(dict(counts).items())
    out = []
    for key, value in pairs:
        try:
            number = integer(float(value), lang or ui_lang())
        except ValueError:
            number = value
        out.append(f"{(names or {}).get(key) or label(kind, key, lang)} {number}")
    return ", ".join(out)


# ---- one colour per funding source, for every chart (dock and printed report; issue 19) -------------------------
# Hues of ColorBrewer 2.0 "Paired" / "Dark2" (Cynthia Brewer, colorbrewer2.org; qualitative, print-safe; checked
# 2026-12-05); "unfunded" red as a warning, the kinds in two blues. Hex strings: no Qt here, every front wraps them.
FUNDING_COLORS = {
    "bakti_uso": "#1f78b4", "operator": "#6a3d9a", "dana_desa": "#33a02c", "apbd_kab": "#ff7f00",
    "apbd_prov": "#e7298a", "prog_internet_desa": "#a6761d", "unfunded": "#e31a1c",
}
FUNDING_KIND_COLORS = {"capex": "#08519c", "opex": "#9ecae1"}
OTHER_COLORS = ("#1b9e77", "#66a61e", "#e6ab02", "#7570b3", "#b15928", "#fb9a99", "#cab2d6", "#b2df8a",
                "#fdbf6f", "#878787")  # a user's own funding source: picked by its name, so every chart agrees


def _color_index() -> dict:
    """key, English label and Indonesian label (any case) -> colour."""
    index = {}
    for kind, colors in (("funding_source", FUNDING_COLORS), ("funding_kind", FUNDING_KIND_COLORS)):
        for code, color in colors.items():
            for name in (code, label(kind, code, "en"), label(kind, code, "id")):
                index[str(name).strip().lower()] = color
    return index


def funding_color(source) -> str:
    """The one colour (``#rrggbb``) of a funding source or kind, given by its code or its label in either
    language; a user's own source gets a colour picked from its name (the same in the dock and the report)."""
    import zlib

    name = str(source or "").strip()
    found = _color_index().get(name.lower())
    if found:
        return found
    return OTHER_COLORS[zlib.crc32(name.encode("utf-8")) % len(OTHER_COLORS)]
