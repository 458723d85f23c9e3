"""The signal probe's text in the UI language: "-69,6 dBm pada 0,58 km" in Indonesian, and a difference that rounds
to zero is "0,0 dB", never "-0.0 dB" (found on the desktop 7 December)."""
from __future__ import annotations

from kaltim_internet_plugin.gui.signal_probe_tool import probe_texts, signed

BEST = {"site_id": "SYN-0398", "operator": "Telkomsel", "dbm": -69.6, "distance_m": 580.0, "itm_dbm": -69.63,
        "model_diff_db": -0.03, "itm_kwx": 4, "clutter_db": 2.25}


def test_signed_differences():
    assert signed(-0.03, "en") == "0.0" and signed(0.04, "id") == "0,0"
    assert signed(2.46, "en") == "+2.5" and signed(-1.25, "id") == "-1,3" and signed(1234.5, "id") == "+1.234,5"


def test_probe_text_in_english(qgis_app):
    text, title = probe_texts(BEST, {"clutter": True}, -110.0, "en")
    assert text.splitlines()[0] == "Best: SYN-0398 (Telkomsel) -69.6 dBm at 0.58 km: covered."
    assert "-69.6 dBm (covered), 0.0 dB from P.526." in text and "-0.0" not in text
    assert "(2.3 dB here)" in text and "indicative" in text
    assert title == "SYN-0398 → point: 0.58 km, P.526 -69.6 dBm, ITM -69.6 dBm (difference 0.0 dB)"


def test_probe_text_in_indonesian(qgis_app, indonesian):
    text, title = probe_texts(dict(BEST, model_diff_db=3.04), {}, -110.0, "id")
    assert text.splitlines()[0] == "Terbaik: SYN-0398 (Telkomsel) -69,6 dBm pada 0,58 km: tercakup."
    assert "Pendapat kedua, Longley-Rice ITM: -69,6 dBm (tercakup), +3,0 dB dari P.526." in text
    assert "(selisih +3,0 dB)" in title and "0,58 km" in title
