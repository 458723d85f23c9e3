"""Oracle driver: ITU-R P.452-16 delta-Bullington diffraction loss of pycraf for a batch of terrain profiles.

Runs INSIDE the oracle venv (pycraf pulls a newer numpy than Debian's QGIS uses, so it never shares a process
with the plugin); the plugin side talks to it through files only:

    <oracle venv>/bin/python pycraf_oracle.py IN.npz OUT.npz

IN.npz: ``d`` (all profiles' distances in metres, concatenated), ``h`` (heights in metres), ``start`` /
``stop`` (slice of each profile), ``freq_mhz``, ``tx_agl``, ``rx_agl``, ``k_factor`` (per profile).
OUT.npz: per profile ``L_d`` (median diffraction loss L_d50, dB, P.452-16 eq. 14-44 = the delta-Bullington loss
with the Bullington correction, the smooth-profile Bullington and the spherical-earth loss), the Bullington
parameters ``nu_bull`` (actual profile) and ``nu_bull_zh`` (smooth profile), the smooth-earth heights ``h_st``,
``h_sr`` and the diffraction heights ``h_std``, ``h_srd``; plus ``pycraf_version``.

Land path (omega = 0), vertical polarisation, time percentage 50 % (median refraction: the effective earth radius
is 6371 km x 157 / (157 - delta_N), delta_N chosen so that this equals k x 6371 km), no clutter.
"""
import sys

import numpy as np
from pycraf import __version__ as pycraf_version
from pycraf.pathprof import cyprop


def run(inp, out):
    z = np.load(inp)
    d_all, h_all = z["d"], z["h"]
    cols = ("L_d", "nu_bull", "nu_bull_zh", "h_st", "h_sr", "h_std", "h_srd")
    res = {c: np.empty(z["start"].size) for c in cols}
    for k, (a, b) in enumerate(zip(z["start"], z["stop"])):
        d_km = np.ascontiguousarray(d_all[a:b] / 1000.0)
        h = np.ascontiguousarray(h_all[a:b], dtype=np.float64)
        kf = float(z["k_factor"][k])
        delta_n = 157.0 * (1.0 - 1.0 / kf)
        pp = cyprop._PathProp(
            float(z["freq_mhz"][k]) / 1000.0, 293.15, 1013.25,
            0.0, 0.0, 0.1, 0.0,
            float(z["tx_agl"][k]), float(z["rx_agl"][k]),
            float(d_km[1] - d_km[0]) * 1000.0, 50.0, 0.0,
            None, None, None, None,
            -1, -1,  # clutter zones: unknown (no clutter heights)
            1,  # vertical polarisation
            16,  # P.452-16: delta-Bullington
            delta_n, 325.0,
            d_km, h, 0.0, 180.0,
        )
        L_d50 = cyprop.diffraction_loss_complete_cython(pp)[0]
        p = pp._pp
        res["L_d"][k] = L_d50
        res["nu_bull"][k] = p["nu_bull_50"]
        res["nu_bull_zh"][k] = p["nu_bull_zh_50"]
        for c in ("h_st", "h_sr", "h_std", "h_srd"):
            res[c][k] = p[c]
    np.savez(out, pycraf_version=np.array(pycraf_version), **res)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2])
