"""Monitoring & evaluation (issue 7): status workflow, service-report validation, SLA and indicators.

Pure Python (no QGIS import). Storage lives in :mod:`monitoring_store` (sqlite3 / GeoPackage).

Status workflow
---------------
Codes are stored, Indonesian labels are shown (:data:`STATUS_LABELS_ID`)::

    planned -> surveyed -> contracted -> installed -> active
                                              |          ^  |
                                              v          |  v
                                           disrupted <---+  (active <-> disrupted)
    any non-terminal status -> migrated (terminal: the village moved to another provider/technology)

:data:`ALLOWED_TRANSITIONS` is the table; ``surveyed -> planned`` (survey rejected the site) is allowed too.

Service reports
---------------
One row per report record, CSV or XLSX (:func:`read_table`). Each row needs a site or village code and a
period (``YYYY-MM`` or ``YYYY-MM-DD``; a row with only an outage start takes its period from it), plus some of:
``uptime_pct``, an outage (``outage_start``, ``outage_end``, ``cause``), ``active_users``, ``download_mbps``,
``upload_mbps``, ``latency_ms``, ``power_outage``. Headers are matched through :data:`REPORT_SYNONYMS`.
:func:`validate_report_rows` returns ``(records, rejects, warnings)``; rejects carry the spreadsheet row
number (header = row 1) and a reason.

SLA (:func:`monthly_availability`)
----------------------------------
1. outages caused by the power supply are excluded (``power_outage`` flag true, or cause containing
   ``power``/``listrik`` or the word ``PLN``) - the contract makes the village/PLN responsible for mains power;
2. outages lasting 300 s or less are ignored (each outage on its own duration, before merging; only outages
   *longer than* ``min_outage_s`` count);
3. overlapping / touching outages of one site are merged (no double counting);
4. merged outages spanning a month boundary are split across the months;
5. availability = 1 - counted downtime / seconds in the month (calendar month; times are local WITA/WIB
   wall-clock without DST, so every day has 86 400 s);
6. ``restitution`` = availability below the contract target (default 0.99).

When a (site, month) has no outage log the reported ``uptime_pct`` is used (basis ``reported_uptime``).
"""
from __future__ import annotations

from .evaluation import (  # noqa: F401 - the package's face
    DEFAULT_CADRES_PER_VILLAGE,
    Evaluation,
    MonitoringSettings,
    compute_indicators,
    evaluate,
    latest_month,
    monitoring_flags,
    report_sources,
)
from .indicators import (  # noqa: F401 - the package's face
    DEFAULT_UPTIME_BINS,
    cadres_trained,
    connected_before_roadmap,
    roadmap_year,
    throughput_share,
    uptime_distribution,
    users_summary,
    villages_connected_vs_target,
)
from .parsing import (  # noqa: F401 - the package's face
    FALSE_WORDS,
    TRUE_WORDS,
    MonitoringError,
    _number,
    parse_date,
    parse_datetime,
    parse_flag,
    parse_period,
)
from .reports import (  # noqa: F401 - the package's face
    METRIC_FIELDS,
    REPORT_SYNONYMS,
    ReportRecord,
    RowReject,
    detect_report_mapping,
    read_table,
    validate_report_rows,
    write_rejects_csv,
)
from .sla import (  # noqa: F401 - the package's face
    POWER_CAUSE_RE,
    _as_dict,
    consider_another_provider,
    counted_outages,
    is_power_outage,
    log_below_reported_flags,
    merge_intervals,
    missing_report_flags,
    month_bounds,
    month_seconds,
    monthly_availability,
    next_month,
    provider_scorecard,
    sla_table,
    split_by_month,
    zero_usage_flags,
)
from .workflow import (  # noqa: F401 - the package's face
    ALLOWED_TRANSITIONS,
    DATE_FIELD_SYNONYMS,
    INSTALLED_STATUSES,
    STATUS_LABELS_EN,
    STATUS_LABELS_ID,
    STATUSES,
    can_transition,
    normalise_status,
    status_label,
    transition_error,
    validate_status_record,
)
