"""HTML rendering of a validation report (used by the dock and by checkvillages' OUTPUT_REPORT)."""
from __future__ import annotations

import datetime
import html

from ..core.villages import ValidationReport
from ..errors import finding_text
from ..i18n import tr

SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Note"}


def severity_label(severity: str) -> str:
    return {"error": tr("Error"), "warning": tr("Warning"), "info": tr("Note")}.get(severity, severity)


def render_html(report: ValidationReport, title: str = "") -> str:
    esc = html.escape
    title = title or tr("Village layer validation")
    m = report.mapping
    rows = []
    for f in sorted(report.findings, key=lambda x: ({"error": 0, "warning": 1}.get(x.severity, 2),
                                                  x.fid if x.fid is not None else -1)):
        message, fix = finding_text(f)
        rows.append(
            f"<tr class='{esc(f.severity)}'><td>{esc(severity_label(f.severity))}</td>"
            f"<td>{'' if f.fid is None else f.fid}</td><td>{esc(f.code)}</td>"
            f"<td>{esc(message)}</td><td>{esc(fix)}</td></tr>")
    kab_rows = "".join(f"<tr><td>{esc(k)}</td><td>{v}</td></tr>" for k, v in sorted(report.counts_by_kabkota.items()))
    verdict = tr("VALID: no errors.") if report.valid else tr("NOT VALID: {n} error(s).").format(n=len(report.errors))
    mapping_rows = "".join(
        f"<tr><td>{esc(label)}</td><td>{esc(getattr(m, role) or '—')}</td></tr>"
        for role, label in (("code", tr("Code")), ("name", tr("Name")), ("kecamatan", tr("Kecamatan")),
                            ("kabkota", tr("Kab/Kota")), ("population", tr("Population"))))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>
body {{ font-family: sans-serif; font-size: 10pt; }}
table {{ border-collapse: collapse; margin-bottom: 1em; }}
td, th {{ border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; }}
tr.error td:first-child {{ color: #b00; font-weight: bold; }}
tr.warning td:first-child {{ color: #a60; }}
</style></head><body>
<h2>{esc(title)}</h2>
<p>{esc(tr("Layer"))}: <b>{esc(report.layer_name)}</b> — {esc(tr("features"))}: {report.feature_count} —
{esc(tr("naming scheme"))}: {esc(m.scheme or '—')} — {esc(datetime.date.today().isoformat())}</p>
<p><b>{esc(verdict)}</b> {esc(tr("Warnings"))}: {len(report.warnings)}</p>
<h3>{esc(tr("Field mapping"))}</h3><table>{mapping_rows}</table>
<h3>{esc(tr("Findings"))}</h3>
<table><tr><th>{esc(tr("Level"))}</th><th>{esc(tr("Feature id"))}</th><th>{esc(tr("Code"))}</th>
<th>{esc(tr("Problem"))}</th><th>{esc(tr("How to fix"))}</th></tr>
{''.join(rows) or '<tr><td colspan=5>' + esc(tr('No findings.')) + '</td></tr>'}
</table>
<h3>{esc(tr("Villages per kab/kota"))}</h3><table>{kab_rows}</table>
</body></html>
"""
