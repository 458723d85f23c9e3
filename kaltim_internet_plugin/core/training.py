"""Village human resources: digital cadres per connected village and a batched training plan.

Pure Python (no qgis import). Every village connected by the roadmap should have ``target_per_village`` trained
cadres (default 2: one operator of the village access point, one deputy); the gap is
``max(0, target - cadres_trained)``. Trainees are grouped by kecamatan (a village without a kecamatan code: that of
its Kemendagri code, 64.01.01 for 64.01.01.2001, and a warning names it) and training year — the year the village is
connected (``timing="same_year"``) or the year before (``timing="year_before"``, never before ``min_year``, which
defaults to the roadmap start year) — and packed into batches of at most ``batch_size`` (default 25) in village-code
order; a village's trainees may span consecutive batches (two, unless its target exceeds the batch size) so the
number of batches is minimal (``ceil(trainees / batch_size)`` per kecamatan and year). Each batch says how many of
each of its villages' trainees it holds (``village_trainees``: ``kode:n``, or ``kode:n/m`` for a village whose ``m``
trainees span batches, ``n`` of them in this one), so a village's counts over its batches add up to its gap.

Default cost per trainee: Rp 1.5 m — a planning assumption for a 3-day course at the kecamatan or kabupaten
capital (transport from the village, lodging and meals, module and trainer share). Edit it for the real figure.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from .numbers import whole, year_of
from .plan_summary import is_scheduled
from .records import total
from .villages import parse_code

DEFAULT_TARGET_PER_VILLAGE = 2
DEFAULT_BATCH_SIZE = 25
DEFAULT_COST_PER_TRAINEE_IDR = 1_500_000
SAME_YEAR = "same_year"
YEAR_BEFORE = "year_before"
TIMINGS = (SAME_YEAR, YEAR_BEFORE)


@dataclass
class VillageHR:
    code: str
    name: str
    kec_code: str
    kec_name: str
    connected: bool  # scheduled by the roadmap
    year: Optional[int]  # connection year
    training_year: Optional[int]
    target: int
    trained: int
    gap: int  # trainees still needed (0 for villages not connected)


@dataclass
class TrainingBatch:
    year: int
    kec_code: str
    kec_name: str
    batch_no: int  # 1.. within (year, kecamatan)
    trainees: int
    villages: Tuple[str, ...]  # village codes with trainees in this batch
    cost_idr: int
    village_trainees: Tuple[int, ...] = ()  # trainees of each of ``villages`` in this batch (same order)
    village_gaps: Tuple[int, ...] = ()  # each village's trainees over all its batches (its gap)

    def village_counts(self) -> str:
        """``kode:n`` per village (``;``-separated, village order), ``kode:n/m`` for a village whose ``m``
        trainees span two batches (``n`` of them in this one)."""
        return format_village_trainees(self.villages, self.village_trainees, self.village_gaps)


def format_village_trainees(codes, counts, gaps) -> str:
    parts = []
    for code, n, m in zip(codes, counts, gaps):
        parts.append(f"{code}:{n}" if n == m else f"{code}:{n}/{m}")
    return ";".join(parts)


def parse_village_trainees(text: str) -> List[Tuple[str, int, int]]:
    """(code, trainees in this batch, the village's trainees over all batches) of a ``village_trainees`` text."""
    out = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        code, _, count = part.rpartition(":")
        n, _, m = count.partition("/")
        out.append((code, int(n), int(m) if m else int(n)))
    return out


@dataclass
class TrainingPlan:
    batches: List[TrainingBatch]
    villages: List[VillageHR]
    target_per_village: int
    batch_size: int
    cost_per_trainee_idr: float
    timing: str
    warnings_en: List[str] = field(default_factory=list)
    warnings_id: List[str] = field(default_factory=list)
    notes_en: List[str] = field(default_factory=list)  # for the log's information: who is trained and who not
    notes_id: List[str] = field(default_factory=list)

    total_trainees = total("batches", "trainees", "Cadres trained by all batches.")
    total_cost_idr = total("batches", "cost_idr", "Cost of all batches, rupiah.")
    total_gap = total("villages", "gap", "Cadres still missing over all villages before training.")

    def by_year(self) -> Dict[int, dict]:
        out: Dict[int, dict] = {}
        for b in self.batches:
            d = out.setdefault(b.year, {"batches": 0, "trainees": 0, "cost_idr": 0})
            d["batches"] += 1
            d["trainees"] += b.trainees
            d["cost_idr"] += b.cost_idr
        return dict(sorted(out.items()))


def _int0(v: Any) -> int:
    try:
        return max(0, int(v))
    except (TypeError, ValueError):
        return 0


def _batch(year: int, kec: str, kec_name: str, batch_no: int, counts: Dict[str, int], gaps: Mapping[str, int],
           cost: float) -> TrainingBatch:
    filled = sum(counts.values())
    return TrainingBatch(year, kec, kec_name, batch_no, filled, tuple(counts), int(round(filled * cost)),
                         tuple(counts.values()), tuple(gaps[c] for c in counts))


def training_plan(villages: Iterable[Any], roadmap: Any, target_per_village: int = DEFAULT_TARGET_PER_VILLAGE,
                  timing: str = SAME_YEAR, batch_size: int = DEFAULT_BATCH_SIZE,
                  cost_per_trainee_idr: float = DEFAULT_COST_PER_TRAINEE_IDR, min_year: Optional[int] = None,
                  targets: Optional[Mapping[str, int]] = None) -> TrainingPlan:
    """Build the training plan.

    ``roadmap``: a :class:`~.roadmap.RoadmapResult` (scheduled villages and their year) or a mapping
    code -> connection year (None = not connected). ``targets`` optionally overrides the target per village code.
    Totals equal the sum over connected villages of ``max(0, target - cadres_trained)``.
    """
    if timing not in TIMINGS:
        raise ValueError(f"timing must be one of {', '.join(TIMINGS)} (got {timing!r})")
    if int(batch_size) < 1:
        raise ValueError(f"batch size must be at least 1 (got {batch_size})")
    if float(cost_per_trainee_idr) < 0:
        raise ValueError(f"cost per trainee cannot be negative (got {cost_per_trainee_idr})")
    if int(target_per_village) < 0:
        raise ValueError(f"target cadres per village cannot be negative (got {target_per_village})")
    batch_size = int(batch_size)
    statuses: List[str] = []  # each village's roadmap status, with a RoadmapResult
    if roadmap is None:
        years: Dict[str, Optional[int]] = {}
    elif isinstance(roadmap, Mapping):
        years = {str(k): (None if v is None else int(v)) for k, v in roadmap.items()}
    else:
        years = {v.code: v.year for v in roadmap.villages if v.status == "scheduled"}
        statuses = [v.status for v in roadmap.villages]
        if min_year is None:
            min_year = getattr(roadmap, "start_year", None)

    hr: List[VillageHR] = []
    moved = 0  # villages trained in min_year instead of the year before their connection
    no_kec: List[Tuple[str, str]] = []  # (code, kecamatan of its code or "") of villages to train without kec_code
    local: List[Tuple[str, str]] = []  # (code, the batch's kecamatan) of villages whose kec_code is only a number
    groups: Dict[Tuple[int, str], List[VillageHR]] = defaultdict(list)
    for v in villages:
        code = str(v.code)
        year = years.get(code)
        target = int(targets[code]) if targets and code in targets else int(target_per_village)
        trained = _int0(getattr(v, "cadres_trained", 0))
        connected = year is not None
        gap = max(0, target - trained) if connected else 0
        ty = None
        if connected:
            ty = year - 1 if timing == YEAR_BEFORE else year
            if min_year is not None and ty < min_year:
                ty = int(min_year)
                moved += int(gap > 0)
        rec = VillageHR(code, str(getattr(v, "name", "") or ""), str(getattr(v, "kec_code", "") or ""),
                        str(getattr(v, "kec_name", "") or ""), connected, year, ty, target, trained, gap)
        hr.append(rec)
        if gap > 0:
            kec = rec.kec_code.strip()
            if not kec:  # (all of them were one kecamatan '', pooled over the province without a word)
                kec = parse_code(code).kecamatan
                no_kec.append((code, kec))
            elif _local_part(kec) and parse_code(code).kabkota:
                # '010' is the kecamatan's own number within its kab/kota: kecamatan 010 of two kab/kota were one
                # batch (found 8 December); it is batched within the kab/kota of the village code
                kec = f"{parse_code(code).kabkota}.{kec}"
                local.append((code, kec))
            groups[(ty, kec)].append(rec)

    batches: List[TrainingBatch] = []
    cost = float(cost_per_trainee_idr)
    for (ty, kec), recs in sorted(groups.items()):
        recs.sort(key=lambda r: r.code)
        kec_name = next((r.kec_name for r in recs if r.kec_name), "")
        batch_no, filled, counts = 1, 0, {}  # counts: code -> trainees in the open batch (insertion order)
        gaps = {r.code: r.gap for r in recs}
        for r in recs:
            left = r.gap
            while left > 0:
                take = min(left, batch_size - filled)
                filled += take
                left -= take
                counts[r.code] = counts.get(r.code, 0) + take
                if filled == batch_size:
                    batches.append(_batch(ty, kec, kec_name, batch_no, counts, gaps, cost))
                    batch_no, filled, counts = batch_no + 1, 0, {}
        if filled:
            batches.append(_batch(ty, kec, kec_name, batch_no, counts, gaps, cost))
    plan = TrainingPlan(batches, hr, int(target_per_village), batch_size, cost, timing)
    if no_kec:
        _warn_no_kecamatan(plan, no_kec)
    if local:
        code, kec = local[0]
        plan.warnings_en.append(
            f"{len(local)} village(s) to train have a kecamatan code that is only the kecamatan's own number (e.g. "
            f"{code}: '{kec.rsplit('.', 1)[1]}'), which kecamatan of other kab/kota have too: they are batched within "
            f"the kab/kota of their village code (kec_code {kec}). Write the whole kecamatan code (e.g. "
            f"{parse_code(code).kecamatan or kec}) to batch them as you mean.")
        plan.warnings_id.append(
            f"{len(local)} desa yang akan dilatih memiliki kode kecamatan yang hanya berupa nomor kecamatan itu (mis. "
            f"{code}: '{kec.rsplit('.', 1)[1]}'), yang juga dimiliki kecamatan di kab/kota lain: desa itu "
            f"dikelompokkan di dalam kab/kota kode desanya (kec_code {kec}). Tulis kode kecamatan lengkap (mis. "
            f"{parse_code(code).kecamatan or kec}) agar dikelompokkan sesuai maksud Anda.")
    if moved:  # (they were moved without a word)
        plan.warnings_en.append(f"{moved} village(s) connected in {min_year}, the roadmap's first year, are trained "
                                f"that year, not the year before (the roadmap starts in {min_year}).")
        plan.warnings_id.append(f"{moved} desa yang tersambung pada {min_year}, tahun pertama peta jalan, dilatih "
                                f"pada tahun itu, bukan setahun sebelumnya (peta jalan dimulai {min_year}).")
    if statuses:
        _note_who_is_trained(plan, statuses)
    if not any(v.connected for v in hr):
        plan.warnings_en.append("No village is connected by the roadmap, so no training is planned.")
        plan.warnings_id.append("Tidak ada desa yang tersambung dalam roadmap, jadi tidak ada pelatihan yang "
                                "direncanakan.")
    return plan


def _note_who_is_trained(plan: TrainingPlan, statuses: List[str]) -> None:
    """Which villages the plan trains and which it does not, for the log (a programme village or an unfunded one
    got no training, and nothing said so)."""
    scheduled = sum(1 for v in plan.villages if v.connected)
    trained = sum(1 for v in plan.villages if v.gap > 0)
    # a target of 0 cadres is no village 'with its cadres already' (CADRE_TARGET 0 said '65 have their cadres
    # already' of villages that have none; found 8 December)
    no_target = sum(1 for v in plan.villages if v.connected and v.target <= 0)
    have = scheduled - trained - no_target
    why_en = ", ".join([f"{have} have their cadres already"] * bool(have or not no_target)
                       + [f"{no_target} have a target of 0 cadres"] * bool(no_target))
    why_id = ", ".join([f"{have} sudah memiliki kadernya"] * bool(have or not no_target)
                       + [f"{no_target} bertarget 0 kader"] * bool(no_target))
    continuing = statuses.count("continuing")
    other = len(statuses) - statuses.count("scheduled") - continuing
    plan.notes_en.append(
        f"Training plan: {plan.total_trainees} cadre(s) in {len(plan.batches)} batch(es) for {trained} of the "
        f"{scheduled} village(s) the roadmap schedules ({why_en}). Not in "
        f"it: {continuing} village(s) connected before the roadmap (the programme's, service continuing) and "
        f"{other} village(s) the roadmap does not schedule (unfunded or over capacity); a village is trained when "
        f"the roadmap schedules its service.")
    plan.notes_id.append(
        f"Rencana pelatihan: {plan.total_trainees} kader dalam {len(plan.batches)} angkatan untuk {trained} dari "
        f"{scheduled} desa yang dijadwalkan peta jalan ({why_id}). Tidak "
        f"termasuk: {continuing} desa yang sudah tersambung sebelum peta jalan (program, layanan berlanjut) dan "
        f"{other} desa yang tidak dijadwalkan (belum terdanai atau melebihi kapasitas); desa dilatih saat peta jalan "
        f"menjadwalkan layanannya.")


def _local_part(kec: str) -> bool:
    """Is a kecamatan code only the kecamatan's number within its kab/kota ('010', '01', '7'), not a whole code
    (64.02.01, 6402010)?"""
    return kec.isdigit() and len(kec) <= 3


def _codes(codes: List[str], limit: int = 10) -> str:
    return ", ".join(codes[:limit]) + (f" (+{len(codes) - limit})" if len(codes) > limit else "")


def _warn_no_kecamatan(plan: TrainingPlan, no_kec: List[Tuple[str, str]]) -> None:
    """Villages to train that have no kecamatan code: batched with the kecamatan of their Kemendagri code
    (64.01.01.2001 -> 64.01.01), those whose code names none together in batches without a kecamatan."""
    derived = [c for c, k in no_kec if k]
    unknown = [c for c, k in no_kec if not k]
    en = (f"{len(no_kec)} village(s) to train have no kecamatan code (KEC_CODE_FIELD): "
          f"{_codes([c for c, _ in no_kec])}.")
    idn = (f"{len(no_kec)} desa yang akan dilatih tidak memiliki kode kecamatan (KEC_CODE_FIELD): "
           f"{_codes([c for c, _ in no_kec])}.")
    if derived:
        en += f" {len(derived)} are batched with the kecamatan of their village code (e.g. {derived[0]} in " \
              f"{dict(no_kec)[derived[0]]})."
        idn += f" {len(derived)} dikelompokkan dengan kecamatan dari kode desanya (mis. {derived[0]} di " \
               f"{dict(no_kec)[derived[0]]})."
    if unknown:
        en += (f" The code of {_codes(unknown)} names no kecamatan: they share batches without a kecamatan "
               f"(kec_code empty), whatever their kab/kota.")
        idn += (f" Kode {_codes(unknown)} tidak menunjukkan kecamatan: desa itu berbagi angkatan tanpa kecamatan "
                f"(kec_code kosong), apa pun kab/kotanya.")
    en += " Fill in the kecamatan codes in the plan layer (or choose their field in KEC_CODE_FIELD) and run again."
    idn += (" Isi kode kecamatan pada layer rencana (atau pilih kolomnya di KEC_CODE_FIELD) lalu jalankan "
            "lagi.")
    plan.warnings_en.append(en)
    plan.warnings_id.append(idn)


CSV_FIELDS = ("year", "kec_code", "kec_name", "batch_no", "trainees", "villages", "cost_idr", "village_trainees")


def write_training_csv(path: str, plan: TrainingPlan) -> str:
    """One row per batch; ``villages`` are codes separated by ``;``, ``village_trainees`` their trainees in the
    batch (:meth:`TrainingBatch.village_counts`)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_FIELDS)
        for b in plan.batches:
            w.writerow((b.year, b.kec_code, b.kec_name, b.batch_no, b.trainees, ";".join(b.villages), b.cost_idr,
                        b.village_counts()))
    return path


def batch_off_the_plan(villages: Iterable[Mapping[str, Any]], rows: Iterable[Mapping[str, Any]],
                       code_field: str = "kode") -> dict:
    """{} when every batch of a training table (``rows``: OUTPUT_TRAINING) can be the one of the roadmap run whose
    villages (OUTPUT, fields ``code_field``, ``fund_status``, ``year``) are ``villages``: each village it trains is
    scheduled there and trained in its service year or the year before (the year before of a village served in the
    roadmap's first year is that year). Else the first batch that is not: {"year", "kec_code", "batch_no", "code",
    "why": "missing" | "not_scheduled" | "year", "status", "service_year"} (the training plan of another run was
    printed next to the villages, found 7 December). Villages without ``code_field``: {} (nothing to compare)."""
    plan = {}
    for v in villages:
        if code_field not in v:
            return {}
        plan[str(v.get(code_field) or "").strip()] = v
    for r in rows:
        year = year_of(r.get("year"))
        try:
            codes = [c for c, _, _ in parse_village_trainees(str(r.get("village_trainees") or ""))]
        except ValueError:  # (not a training plan's counts: its villages column says which villages)
            codes = []
        codes = codes or [c.strip() for c in str(r.get("villages") or "").split(";") if c.strip()]
        for code in codes:
            where = dict(_batch_of(r), code=code)
            v = plan.get(code)
            if v is None:
                return dict(where, why="missing")
            if not is_scheduled(v):
                return dict(where, why="not_scheduled", status=str(v.get("fund_status") or ""))
            service = year_of(v.get("year"))
            if year not in (service, service - 1):
                return dict(where, why="year", service_year=service)
    return {}


def _batch_of(row: Mapping[str, Any]) -> dict:
    """Where a training table's row is, as its refusals name it: its year, kecamatan and batch number."""
    return {"year": year_of(row.get("year")), "kec_code": str(row.get("kec_code") or ""),
            "batch_no": row.get("batch_no")}


def unreadable_batch(rows: Iterable[Mapping[str, Any]]) -> dict:
    """{} when every row of a training table with ``village_trainees`` holds the roadmap's counts
    (:func:`parse_village_trainees`) adding up to its ``trainees``; else the first that does not: {"year",
    "kec_code", "batch_no", "value", "why": "unreadable" | "sum", "trainees", "counted"} (an edited table stopped
    the export with an int() error, or was printed with a batch's trainees and its villages disagreeing)."""
    for r in rows:
        text = r.get("village_trainees")
        if text is None or not str(text).strip():
            continue
        where = dict(_batch_of(r), value=str(text))
        try:
            items = parse_village_trainees(str(text))
        except ValueError:
            return dict(where, why="unreadable")
        counted = sum(n for _, n, _ in items)
        if counted != whole(r.get("trainees")):
            return dict(where, why="sum", trainees=whole(r.get("trainees")), counted=counted)
    return {}
