"""Translated labels of the shared codes (core.definitions), for every front: Processing enums and the dock."""
from __future__ import annotations

from .i18n import tr


def model_labels() -> list:
    return [tr("Line of sight (GDAL viewshed, number of sites visible)"),
            tr("ITU-R P.526 §4.5.2: free space + complete diffraction over the terrain (Bullington with its "
               "correction, smooth-earth terms) (dBm)"),
            tr("Okumura-Hata / COST-231, terrain ignored (dBm)"),
            tr("Bullington only, without the P.526 correction and smooth-earth terms (optimistic; by name only)")]


def quantity_labels() -> list:
    return [tr("Total received power (dBm)"), tr("4G RSRP, 10 MHz carrier (received power - 27.8 dB)"),
            tr("4G RSRP, 20 MHz carrier (received power - 30.8 dB)")]


def resolution_labels() -> list:
    return [tr("Exact (a ray and a sample for every DEM cell; slow, the reference)"),
            tr("Fast (rays and samples every 4 cells, ridge crests kept; ~1.1 dB mean difference from exact, up to "
               "12 dB behind sharp ridges)"),
            tr("Fine (rays and samples every 2 cells; ~0.45 dB mean difference from exact)")]


def preset_labels() -> list:
    return [tr("Pemerataan (equity first)"), tr("Efektif biaya (people per rupiah)"),
            tr("Layanan publik (schools and health posts first)")]


def criterion_labels() -> dict:
    return {"population": tr("Population"), "blank_spot": tr("Blank spot"), "idm": tr("IDM (village development)"),
            "facilities": tr("Public facilities"), "remoteness": tr("Remoteness"),
            "readiness": tr("Readiness (electricity, cadres)")}
