"""Oracle driver: ITM 1.2.2 point-to-point basic transmission loss of ``itmlogic`` for a batch of profiles.

Runs INSIDE the ITM oracle venv (see oracle_env.py); the plugin side talks to it through files only:

    <oracle venv>/bin/python itmlogic_oracle.py IN.npz OUT.npz

IN.npz: ``h`` (all profiles' ground elevations in metres at equal spacing, concatenated), ``start`` / ``stop``
(slice of each profile), and per profile ``dist_m``, ``freq_mhz``, ``tx_agl``, ``rx_agl``, ``ipol`` (0
horizontal, 1 vertical), ``eps``, ``sgm``, ``klim``, ``ns``, ``zsys``, ``mdvar``, ``time``, ``location``,
``situation`` (quantiles in %).
OUT.npz: per profile ``loss_db`` (free space + avar), ``fspl_db``, ``aref_db``, ``kwx``, ``dh``, ``he1``,
``he2``, ``dl1``, ``dl2``, ``the1``, ``the2``; plus ``itmlogic_version``.

The calls follow itmlogic's own point-to-point script (scripts/p2p.py of its repository): qlrps done inline,
then ``qlrpfl`` and ``avar``.
"""
import math
import sys
from importlib.metadata import version

import numpy as np
from itmlogic.misc.qerfi import qerfi
from itmlogic.preparatory_subroutines.qlrpfl import qlrpfl
from itmlogic.statistics.avar import avar


def one(h, dist_m, freq_mhz, tx, rx, ipol, eps, sgm, klim, ns, zsys, mdvar, time, location, situation):
    prop = {"fmhz": float(freq_mhz), "d": dist_m / 1000.0, "hg": [float(tx), float(rx)], "ipol": int(ipol),
            "eps": float(eps), "sgm": float(sgm), "klim": int(klim), "ens0": float(ns), "lvar": 5,
            "gma": 157e-9, "kwx": 0, "klimx": 0, "mdvarx": int(mdvar)}
    n = len(h) - 1
    prop["pfl"] = [n, dist_m / n] + [float(v) for v in h]
    prop["wn"] = prop["fmhz"] / 47.7
    prop["ens"] = prop["ens0"]
    if zsys != 0:
        prop["ens"] = prop["ens"] * math.exp(-zsys / 9460.0)
    prop["gme"] = prop["gma"] * (1 - 0.04665 * math.exp(prop["ens"] / 179.3))
    zq = complex(prop["eps"], 376.62 * prop["sgm"] / prop["wn"])
    prop["zgnd"] = np.sqrt(zq - 1)
    if prop["ipol"] != 0:
        prop["zgnd"] = prop["zgnd"] / zq
    prop = qlrpfl(prop)
    fs = 8.685890 * np.log(2 * prop["wn"] * prop["dist"])
    zt, zl, zc = qerfi([time / 100.0, location / 100.0, situation / 100.0])
    att, prop = avar(zt, zl, zc, prop)
    return dict(loss_db=fs + att, fspl_db=fs, aref_db=prop["aref"], kwx=prop["kwx"], dh=prop["dh"],
                he1=prop["he"][0], he2=prop["he"][1], dl1=prop["dl"][0], dl2=prop["dl"][1],
                the1=prop["the"][0], the2=prop["the"][1])


def run(inp, out):
    z = np.load(inp)
    keys = ("dist_m", "freq_mhz", "tx_agl", "rx_agl", "ipol", "eps", "sgm", "klim", "ns", "zsys", "mdvar", "time",
            "location", "situation")
    cols = ("loss_db", "fspl_db", "aref_db", "kwx", "dh", "he1", "he2", "dl1", "dl2", "the1", "the2")
    res = {c: np.empty(z["start"].size) for c in cols}
    for k, (a, b) in enumerate(zip(z["start"], z["stop"])):
        r = one(z["h"][a:b], *(float(z[key][k]) for key in keys))
        for c in cols:
            res[c][k] = float(np.real(r[c]))
    np.savez(out, itmlogic_version=version("itmlogic"), **res)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2])
