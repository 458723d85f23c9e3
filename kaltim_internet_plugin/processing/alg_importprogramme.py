"""kaltiminternet:importprogramme — the programme's current state per village (connected, technology, provider,
monthly fee, since, contract end) joined onto the village layer, with a report of the rows that do not fit."""
from __future__ import annotations

import csv
import datetime as dt
import os

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsProcessingException

from ..compat import FieldType
from ..core import programme as pg
from ..core.monitoring import read_table
from ..core.numbers import plain
from ..core.villages import detect_fields, parse_code
from ..errors import describe
from ..i18n import tr
from ..io.layers import source_features
from .base import KaltimAlgorithm
from .params import add_enum, add_fields, add_file, add_file_output, add_outputs, add_sink, add_source, add_string

PROG_FIELDS = (("prog_connected", FieldType.Int), ("prog_tech", FieldType.String), ("prog_provider", FieldType.String),
               ("prog_fee_idr_month", FieldType.LongLong), ("prog_since", FieldType.String),
               ("prog_contract_end", FieldType.String), ("prog_renewal_due", FieldType.Int),
               ("prog_in_scope", FieldType.Int), ("prog_row", FieldType.Int))
SCOPES = ("desa", "all")


class ImportProgrammeAlgorithm(KaltimAlgorithm):
    ALG_ID = "importprogramme"
    GROUP_ID = "data"

    def initAlgorithm(self, config=None):
        add_source(self, "VILLAGES", tr("Villages"))
        add_fields(self, "VILLAGES", [("CODE_FIELD", tr("Village code field (empty = detect)"))])
        add_file(self, "TABLE", tr("Programme status table (CSV or XLSX)"), tr("Tables (*.csv *.xlsx *.txt)"))
        add_string(self, "AS_OF", tr("Status date (yyyy-mm-dd; empty = today)"), optional=True)
        add_enum(self, "SCOPE", tr("Programme scope"), [tr("Desa only (kelurahan by their kab/kota)"),
                                                        tr("Every village")])
        add_sink(self, "OUTPUT", tr("Villages with programme status"))
        add_file_output(self, "OUTPUT_REPORT", tr("Report of the rows that do not fit (CSV)"), "CSV (*.csv)",
                        optional=True, create=False)
        add_outputs(self, "number", [
            ("ROWS", tr("Rows read")), ("MATCHED", tr("Villages matched")), ("CONNECTED", tr("Villages connected")),
            ("UNMATCHED", tr("Rows matching no village")), ("DUPLICATES", tr("Rows repeating a village")),
            ("RENEWALS_DUE", tr("Contracts ended (renewal due)")),
            ("SATELLITE", tr("Villages on satellite (migration candidates)"))])

    def _as_of(self, parameters, context) -> dt.date:
        text = (self.parameterAsString(parameters, "AS_OF", context) or "").strip()
        if not text:
            return dt.date.today()
        try:
            day = pg.parse_date(text)
        except ValueError:
            raise QgsProcessingException(tr("AS_OF '{value}' is not a date: write it as yyyy-mm-dd, e.g. "
                                            "2026-01-31.").format(value=text)) from None
        if day > dt.date.today():
            raise QgsProcessingException(tr("AS_OF {value} is in the future: the status date is the day the list "
                                            "was true (today or earlier).").format(value=day.isoformat()))
        return day

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "VILLAGES", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "VILLAGES"))
        if source.featureCount() == 0:  # said as such, not as a table that matches none of them
            raise QgsProcessingException(tr("The village layer has no features. Choose a layer with villages."))
        path = self.parameterAsFile(parameters, "TABLE", context)
        if not path or not os.path.isfile(path):
            raise QgsProcessingException(tr("The programme status table {path} does not exist. Choose a CSV or "
                                            "XLSX file.").format(path=path))
        as_of = self._as_of(parameters, context)
        desa_only = SCOPES[self.parameterAsEnum(parameters, "SCOPE", context)] == "desa"
        names = source.fields().names()
        mapping = detect_fields(names, {"code": self.parameterAsString(parameters, "CODE_FIELD", context)})
        if not mapping.code:
            raise QgsProcessingException(tr("No village code field was found in the village layer (fields: "
                                            "{fields}). Set CODE_FIELD.").format(fields=", ".join(names)))
        feats, keys = self._villages(source, mapping, feedback)
        try:
            header, rows = read_table(path)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise QgsProcessingException(tr("Cannot read the programme status table {path}: {error}").format(
                path=path, error=str(exc))) from None
        try:
            result = pg.match_status(rows, header, keys, as_of)
        except pg.ProgrammeError as exc:
            raise QgsProcessingException(describe(exc)) from None
        kabs = pg.other_kab_kota_only(rows, header, keys) if not result.status else []
        if kabs:  # a province table, a layer of part of the province: none of its villages is in the programme
            feedback.pushWarning(tr(
                "None of the {n} rows of {path} is a village of the layer's kab/kota ({kabs}): every row is a "
                "village of another kab/kota of the province, so no village of the layer is connected by the "
                "programme. Use a table that lists them if some are.").format(n=result.rows, path=path,
                                                                             kabs=", ".join(kabs)))
        elif not result.status:
            raise QgsProcessingException(tr(
                "None of the {n} rows of {path} matches a village of the layer (by code, or by name and "
                "kecamatan). Check that the table is for these villages and that its code column holds Kemendagri "
                "codes such as 64.02.01.2001.").format(n=result.rows, path=path))
        self._report(result, feedback, self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context), path)
        dest, counts = self._write(parameters, context, source, feats, keys, result, desa_only)
        feedback.pushInfo(tr("Programme status: {m} of {n} rows matched ({byname} by name and kecamatan); {c} "
                             "villages connected, {s} on satellite; {r} contracts ended before {d}.").format(
            m=len(result.status), n=result.rows, byname=result.matched_by_name, c=counts["connected"],
            s=counts["satellite"], r=counts["renewals"], d=as_of.isoformat()))
        return {"OUTPUT": dest, "ROWS": result.rows, "MATCHED": len(result.status), "CONNECTED": counts["connected"],
                "UNMATCHED": sum(1 for i in result.issues if i.code.startswith("programme_unmatched")),
                "DUPLICATES": sum(1 for i in result.issues if i.code == "programme_duplicate"),
                "RENEWALS_DUE": counts["renewals"], "SATELLITE": counts["satellite"]}

    @staticmethod
    def _villages(source, mapping, feedback):
        fields = source.fields()
        i_code = fields.lookupField(mapping.code)
        i_name = next((fields.lookupField(n) for n in ("nama", "nama_desa", "name") if fields.lookupField(n) >= 0),
                      -1)
        i_kec = next((fields.lookupField(n) for n in ("nama_kec", "kecamatan") if fields.lookupField(n) >= 0), -1)
        feats, keys = [], []
        # attributes joined, the geometry copied as it is: an invalid one is no reason to stop (nor QGIS's check)
        for f in source_features(source):
            attrs = f.attributes()
            parsed = parse_code(plain(attrs[i_code]), mapping.scheme or "kemendagri")
            keys.append(pg.VillageKey(parsed.normalized if parsed.ok else str(plain(attrs[i_code]) or ""),
                                      str(plain(attrs[i_name]) or "") if i_name >= 0 else "",
                                      str(plain(attrs[i_kec]) or "") if i_kec >= 0 else ""))
            feats.append(f)
        return feats, keys

    @staticmethod
    def _report(result, feedback, report_path, table_path):
        issues = sorted(result.issues, key=lambda i: i.row)
        for issue in issues[:30]:
            text = tr("{file}, row {row}: {what}").format(file=os.path.basename(table_path), row=issue.row,
                                                          what=describe(pg.ProgrammeError(issue.code,
                                                                                          **issue.params)))
            (feedback.reportError if issue.level == "error" else feedback.pushWarning)(text)
        if len(issues) > 30:  # problems, not rows (a row may have several); the report named only when written
            if report_path:
                feedback.pushWarning(tr("… and {n} more problems: see the report {path}.").format(
                    n=len(issues) - 30, path=report_path))
            else:
                feedback.pushWarning(tr("… and {n} more problems: choose a file for the report of the rows that do "
                                        "not fit (OUTPUT_REPORT) to see them all.").format(n=len(issues) - 30))
        if report_path:
            with open(report_path, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(["row", "level", "code", "message"])
                for issue in issues:
                    w.writerow([issue.row, issue.level, issue.code,
                                describe(pg.ProgrammeError(issue.code, **issue.params))])

    def _write(self, parameters, context, source, feats, keys, result, desa_only):
        fields = QgsFields(source.fields())
        for name, vtype in PROG_FIELDS:
            if fields.lookupField(name) < 0:
                fields.append(QgsField(name, vtype))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(),
                                          source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        counts = {"connected": 0, "satellite": 0, "renewals": 0}
        index = {name: fields.lookupField(name) for name, _ in PROG_FIELDS}
        for f, key in zip(feats, keys):
            st = result.status.get(key.code)
            kel = parse_code(key.code).kind == "kelurahan"
            attrs = list(f.attributes()) + [None] * (fields.count() - len(f.attributes()))
            values = {"prog_connected": 0, "prog_in_scope": int(not (desa_only and kel))}
            if st is not None:
                values.update({
                    "prog_connected": int(st.connected), "prog_tech": st.tech or None,
                    "prog_provider": st.provider or None, "prog_fee_idr_month": st.fee_idr_month,
                    "prog_since": st.since.isoformat() if st.since else None,
                    "prog_contract_end": st.contract_end.isoformat() if st.contract_end else None,
                    "prog_renewal_due": int(st.connected and st.contract_end is not None
                                            and any(i.code == "programme_contract_ended" and i.row == st.row
                                                    for i in result.issues)),
                    "prog_row": st.row})
                counts["connected"] += int(st.connected)
                counts["satellite"] += int(st.connected and st.tech == pg.SATELLITE)
                counts["renewals"] += values["prog_renewal_due"]
            for name, value in values.items():
                attrs[index[name]] = value
            out = QgsFeature(fields)
            out.setGeometry(f.geometry())
            out.setAttributes(attrs)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        return dest, counts


ALGORITHM = ImportProgrammeAlgorithm
