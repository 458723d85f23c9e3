"""The Longley-Rice ITM of the plugin (core/itm.py, model ``itm``) against an independent oracle: itmlogic 1.2
(a pure-Python port of the Fortran ITM 1.2.2), run in its own venv and compared through files (oracle_env.py).

Profiles: the textbook one of the ITM documentation (Crystal Palace -> Mursley, 77.8 km, 41.5 MHz, the example of
the NTIA point-to-point driver qkpfl), flat ground, a knife edge, two ridges, a valley and a plateau site, and
random ones (hills, ridges, nearly flat) at 900 / 1800 / 2100 MHz, 1-30 km, in the equatorial climate and others,
both polarisations, at the median and at other time / situation quantiles; they must agree within 0.5 dB.

One documented difference: itmlogic 1.2 takes the receiver's ground for the effective height of a line-of-sight
path from the SECOND-LAST profile sample (``pfl[np+1]`` in its qlrpfl.py; the Fortran 1.2.2 and the algorithm
document use the last, ``pfl(np+3)``; its transhorizon branch does use the last).  The compared profiles therefore
end with two equal samples (the receiver on one flat DEM cell), where both readings coincide;
:func:`test_the_only_difference_is_the_receiver_ground_sample` shows the slip is the whole difference otherwise.
"""
from __future__ import annotations

import numpy as np
import pytest

# oracle_env: this folder has no __init__.py, so pytest ("prepend" import mode) puts it on sys.path
from oracle_env import oracle_fixture, run_itm_oracle, summary

from kaltim_internet_plugin.core import itm

TOL_DB = 0.5
FREQS = (900.0, 1800.0, 2100.0)

# the ITM documentation's example profile (qkpfl: Crystal Palace to Mursley, England), 157 samples over 77.8 km
CRYSTAL_PALACE = [
    96, 84, 65, 46, 46, 46, 61, 41, 33, 27, 23, 19, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 17, 19, 21, 23,
    25, 27, 29, 35, 46, 41, 35, 30, 33, 35, 37, 40, 35, 30, 51, 62, 76, 46, 46, 46, 46, 46, 46, 50, 56, 67, 106, 83,
    95, 112, 137, 137, 76, 103, 122, 122, 83, 71, 61, 64, 67, 71, 74, 77, 79, 86, 91, 83, 76, 68, 63, 76, 107, 107,
    107, 119, 127, 133, 135, 137, 142, 148, 152, 152, 107, 137, 104, 91, 99, 120, 152, 152, 137, 168, 168, 122, 137,
    137, 170, 183, 183, 187, 194, 201, 192, 152, 152, 166, 177, 198, 156, 127, 116, 107, 104, 101, 98, 95, 103, 91,
    97, 102, 107, 107, 107, 103, 98, 94, 91, 105, 122, 122, 122, 122, 122, 137, 137, 137, 137, 137, 137, 137, 137,
    140, 144, 147, 150, 152, 159]

EQUATORIAL = dict(ipol=1, eps=15.0, sgm=0.005, klim=1, ns=360.0, mdvar=12, time=50.0, location=50.0,
                  situation=50.0)


def _params(p) -> itm.ItmParams:
    return itm.ItmParams(climate=int(p["klim"]), ns=p["ns"], eps=p["eps"], sgm=p["sgm"],
                         polarization="vertical" if p["ipol"] else "horizontal", mdvar=int(p["mdvar"]),
                         time=p["time"], location=p["location"], situation=p["situation"])


def _ours(p) -> itm.ItmResult:
    return itm.itm_loss(p["h"], p["dist_m"], p["freq_mhz"], p["tx_agl"], p["rx_agl"], _params(p), zsys=p["zsys"])


def _flat_end(h):
    h = np.array(h, dtype=float)
    h[-2] = h[-1]
    return h


def _terrain(rng, n, dist, kind):
    d = np.linspace(0.0, dist, n)
    if kind == "hills":
        h = np.cumsum(rng.normal(0.0, 4.0, n))
        h = np.convolve(h, np.ones(9) / 9.0, mode="same")
        return h - h.min() + rng.uniform(0.0, 300.0)
    if kind == "ridges":
        h = np.full(n, rng.uniform(0.0, 200.0))
        for _ in range(rng.integers(1, 5)):
            c, w, a = rng.uniform(0.05, 0.95) * dist, rng.uniform(100.0, 1500.0), rng.uniform(20.0, 350.0)
            h = np.maximum(h, h[0] + a * np.clip(1.0 - np.abs(d - c) / w, 0.0, None))
        return h + rng.normal(0.0, 1.0, n)
    return rng.uniform(0.0, 100.0) + rng.normal(0.0, 2.0, n)  # nearly flat


def _random_profiles(seed=24, count=150, flat_end=True):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        dist = rng.uniform(1000.0, 30000.0)
        step = float(rng.choice([30.0, 50.0, 90.0]))
        n = max(6, int(np.ceil(dist / step)) + 1)
        h = _terrain(rng, n, dist, ("hills", "ridges", "flat")[i % 3])
        p = dict(EQUATORIAL, h=_flat_end(h) if flat_end else h, dist_m=dist, freq_mhz=FREQS[i % 3],
                 tx_agl=rng.uniform(10.0, 60.0), rx_agl=float(rng.choice([1.5, 3.0, 10.0])), name=f"random {i}")
        if i % 5 == 4:  # other climates, horizontal polarisation, wet / dry ground, other quantiles
            p.update(klim=int(rng.integers(1, 8)), ipol=0, eps=float(rng.choice([4.0, 15.0, 25.0])),
                     sgm=float(rng.choice([0.001, 0.005, 0.02])), ns=float(rng.uniform(280.0, 370.0)),
                     mdvar=int(rng.choice([1, 2, 3, 11, 12, 13])), time=float(rng.choice([10.0, 50.0, 90.0])),
                     location=float(rng.choice([10.0, 50.0, 90.0])), situation=float(rng.choice([10.0, 50.0, 90.0])))
        p["zsys"] = itm.mean_path_elevation(p["h"])
        out.append(p)
    return out


def _textbook_profiles():
    out = []
    base = dict(ipol=0, eps=15.0, sgm=0.005, klim=5, ns=314.0, zsys=0.0, mdvar=11, time=50.0, location=50.0,
                situation=50.0)
    for situation in (50.0, 90.0, 10.0):
        out.append(dict(base, h=_flat_end(CRYSTAL_PALACE), dist_m=77800.0, freq_mhz=41.5, tx_agl=143.9, rx_agl=8.5,
                        situation=situation, name=f"Crystal Palace -> Mursley, situation {situation:.0f} %"))
    for f in FREQS:
        for dist in (2000.0, 5000.0, 10500.0, 20000.0, 30000.0):
            n = int(dist / 90.0) + 2
            out.append(dict(EQUATORIAL, h=np.full(n, 20.0), dist_m=dist, freq_mhz=f, tx_agl=35.0, rx_agl=1.5,
                            name=f"flat {dist / 1000:.1f} km {f:.0f} MHz"))
        d = np.linspace(0.0, 15000.0, 301)
        for hr in (40.0, 150.0):
            h = np.full(d.size, 10.0)
            h[150] += hr
            out.append(dict(EQUATORIAL, h=h, dist_m=15000.0, freq_mhz=f, tx_agl=30.0, rx_agl=1.5,
                            name=f"knife edge {hr:.0f} m {f:.0f} MHz"))
        h = np.full(d.size, 10.0)
        h[90] += 80.0
        h[210] += 80.0
        out.append(dict(EQUATORIAL, h=h, dist_m=15000.0, freq_mhz=f, tx_agl=30.0, rx_agl=1.5,
                        name=f"two ridges {f:.0f}"))
        h = 200.0 - 150.0 * np.exp(-((d - 12000.0) / 2500.0) ** 2)  # receiver down in a valley
        out.append(dict(EQUATORIAL, h=_flat_end(h), dist_m=15000.0, freq_mhz=f, tx_agl=30.0, rx_agl=1.5,
                        name=f"valley {f:.0f}"))
        h = np.where(d < 3000.0, 400.0, 50.0)  # site on a plateau edge above a plain
        out.append(dict(EQUATORIAL, h=h, dist_m=15000.0, freq_mhz=f, tx_agl=30.0, rx_agl=1.5,
                        name=f"plateau {f:.0f}"))
    for p in out[3:]:
        p["zsys"] = itm.mean_path_elevation(p["h"])
    return out


oracle = oracle_fixture(run_itm_oracle)


def test_itm_matches_itmlogic(oracle):
    profiles = _textbook_profiles() + _random_profiles()
    ref = oracle(profiles)
    res = [_ours(p) for p in profiles]
    ours = np.array([r.loss_db for r in res])
    err = ours - ref["loss_db"]
    print(f"\nITM vs itmlogic {ref['itmlogic_version']}, {len(profiles)} profiles: {summary(err)}")
    worst = int(np.argmax(np.abs(err)))
    assert np.abs(err).max() < TOL_DB, (profiles[worst]["name"], ours[worst], ref["loss_db"][worst])
    # the intermediate quantities of the algorithm agree too
    np.testing.assert_allclose([r.dh for r in res], ref["dh"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose([r.he[0] for r in res], ref["he1"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose([r.he[1] for r in res], ref["he2"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose([r.aref_db for r in res], ref["aref_db"], atol=0.01)
    assert [r.kwx for r in res if r.kwx in (0, 4)] == [int(k) for k, r in zip(ref["kwx"], res) if r.kwx in (0, 4)]
    # the cases exercise every region: line of sight, diffraction beyond the horizon, deep shadow; and the variability
    modes = {r.mode for r in res}
    assert {"los", "diffraction"} <= modes
    att = ours - np.array([r.fspl_db for r in res])
    assert (att > 30).sum() > 10 and (att < 3).sum() > 5
    assert len({(p["time"], p["situation"]) for p in profiles}) > 3
    # the documentation's example: its median loss at 77.8 km, 41.5 MHz
    assert ours[0] == pytest.approx(ref["loss_db"][0], abs=0.01) and 130.0 < ours[0] < 140.0
    assert ours[1] > ours[0] > ours[2]  # 90 % of situations: more loss than the median; 10 %: less


def test_the_only_difference_is_the_receiver_ground_sample(oracle):
    """Without the flattened last sample, the paths that differ are line-of-sight ones (the branch where itmlogic
    reads the second-last sample), the transmitter's effective height and the terrain irregularity still agree,
    and only the receiver's effective height differs."""
    profiles = _random_profiles(seed=7, count=60, flat_end=False)
    ref = oracle(profiles)
    res = [_ours(p) for p in profiles]
    differ = np.flatnonzero(np.abs(np.array([r.loss_db for r in res]) - ref["loss_db"]) > 1e-3)
    assert differ.size > 0
    for i in differ:
        p, r = profiles[i], res[i]
        z = np.asarray(p["h"], dtype=float)
        gme = 157e-9 * (1.0 - 0.04665 * np.exp(p["ns"] * np.exp(-p["zsys"] / 9460.0) / 179.3))
        _the0, _the1, dl0, dl1 = itm._horizons(z, p["dist_m"] / (z.size - 1), p["dist_m"], p["tx_agl"], p["rx_agl"],
                                               gme)
        assert dl0 + dl1 >= 1.5 * p["dist_m"], p["name"]  # the line-of-sight branch
        assert r.dh == pytest.approx(ref["dh"][i], abs=1e-6) and r.he[0] == pytest.approx(ref["he1"][i], abs=1e-6)
        assert r.he[1] != pytest.approx(ref["he2"][i], abs=1e-6)


def test_along_a_profile_matches_itmlogic(oracle):
    """The probe's curve: receivers along one profile (every sample is the end of its own sub-profile)."""
    rng = np.random.default_rng(3)
    dist, n = 20000.0, 223
    h = _terrain(rng, n, dist, "ridges")
    h[1::2] = h[0::2][: h[1::2].size]  # pairs of equal samples: every sub-profile ending on an odd index ends flat
    d = np.linspace(0.0, dist, n)
    loss, kwx = itm.itm_along_profile(d, h, 30.0, 1.5, 1800.0, max_points=n)
    idx = [i for i in range(11, n, 2) if d[i] >= 1000.0]
    profiles = [dict(EQUATORIAL, h=h[:i + 1], dist_m=d[i], freq_mhz=1800.0, tx_agl=30.0, rx_agl=1.5,
                     zsys=itm.mean_path_elevation(h[:i + 1])) for i in idx]
    ref = oracle(profiles)["loss_db"]
    err = loss[idx] - ref
    print(f"\nITM along a 20 km profile vs itmlogic, {len(idx)} receivers: {summary(err)}")
    assert np.abs(err).max() < TOL_DB
