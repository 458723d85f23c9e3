"""operators_summary.csv says what the workbook's 'Per operator' says (s40-a).

Found running the roadmap on Mahakam Ulu + Kota Bontang with a small funding table (OPERATOR_FOLDER): the summary
CSV's package without operator had no name ('(belum ditetapkan)' in the workbook) and read '49 villages, capex
2,645,000,000': the money of its 5 scheduled villages beside all its 49 villages, without villages_scheduled or the
Rp 16.1 bn the roadmap could not fund, which the workbook and the roadmap's package table have."""
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kaltim_internet_plugin.core.funding import default_sources  # noqa: E402
from kaltim_internet_plugin.core.operators import (  # noqa: E402
    PACKAGE_COLUMNS,
    export_packages_csv,
    operator_packages,
    package_rows,
)
from kaltim_internet_plugin.core.roadmap import PlanVillage, schedule  # noqa: E402

M = 1_000_000


def test_the_summary_csv_has_the_package_tables_rows_and_names_the_unassigned_package(tmp_path):
    vs = [PlanVillage("64.01.01.2001", "A", "64.01", "64.01.01", "K1", 100, "fwa", 5 * M, 6 * M, 1,
                      operator="Telkomsel"),
          PlanVillage("64.01.01.2002", "B", "64.01", "64.01.01", "K1", 200, "satellite", 15 * M, 36 * M, 2),
          PlanVillage("64.01.01.2003", "C", "64.01", "64.01.01", "K1", 300, "bts", 9e14, 250 * M, 3),
          PlanVillage("64.01.01.2004", "D", "64.01", "64.01.01", "K1", 400, "fwa", 5 * M, 6 * M, 4,
                      operator="Telkomsel")]
    r = schedule(vs, default_sources(), 2026)
    assert {v.code: v.status for v in r.villages}["64.01.01.2003"] == "unfunded"
    packs = operator_packages(vs, roadmap=r)
    paths = export_packages_csv(packs, str(tmp_path), unassigned_name="(belum ditetapkan)")
    with open(paths[-1], encoding="utf-8") as fh:
        summary = list(csv.DictReader(fh))
    table = package_rows(packs, "(belum ditetapkan)")
    assert [r["operator"] for r in summary] == [row[0] for row in table] == ["Telkomsel", "(belum ditetapkan)"]
    for got, want in zip(summary, table):
        for col, value in zip(PACKAGE_COLUMNS, want):
            assert got[col] == ("" if value is None else str(value)), (col, got, want)
    none = summary[1]
    assert (none["villages"], none["villages_scheduled"]) == ("2", "1")
    assert int(none["capex_unfunded_idr"]) == 9e14 and int(none["capex_idr"]) == 15 * M
    with open(tmp_path / none["file"], encoding="utf-8") as fh:
        assert {row["operator"] for row in csv.DictReader(fh)} == {"(belum ditetapkan)"}
