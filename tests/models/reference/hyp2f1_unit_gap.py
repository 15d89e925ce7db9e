#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Reference values of ln 2F1(c, b; c + 1; z) and its partial derivatives, computed with mpmath at
50 significant digits, for tests/models/hypergeometric_test.cpp. Run from this folder:
    /usr/bin/python3 hyp2f1_unit_gap.py > hyp2f1_unit_gap.csv
The points cover the Pareto/NBD likelihood on CDNOW, frequencies up to 1e5, and z near 1
(REFERENCE.md §6.1, §13.1, §13.5)."""
import mpmath as mp

mp.mp.dps = 50


def log_f(c, b, z):
    return mp.log(mp.hyp2f1(c, b, c + 1, z))


POINTS = [
    # CDNOW-like arguments (r + s + x, s + 1, (beta - alpha) / (beta + t_x)).
    (1.159, 1.606, 0.02),
    (3.159, 2.553, 0.025),
    (27.16, 0.606, 0.0345),
    (0.5, 0.75, 0.5),
    (2.5, 1.5, 0.9),
    # REFERENCE.md §13.5.
    (1000.5, 2.0, 0.999),
    (5000.5, 1.6, 0.9999),
    # Large frequency, z near 1, tiny and huge shapes.
    (1e5 + 1.2, 1.6, 0.99999),
    (1e5 + 1.2, 1e5 + 0.5, 0.99999),
    (1e5 + 1.2, 0.7, 1 - 1e-9),
    (50.3, 1.3, 1 - 1e-12),
    (0.3, 1.2, 1 - 1e-12),
    (2.0, 1e-6, 0.999),
    (1e6, 3.0, 0.999999),
    (30.0, 30.5, 0.99),
    (200.0, 1.0, 0.0),
]

print("c,b,z,log_value,d_c,d_b,d_z")
for c, b, z in POINTS:
    c, b, z = mp.mpf(c), mp.mpf(b), mp.mpf(z)
    value = log_f(c, b, z)
    d_c = mp.diff(lambda v: log_f(v, b, z), c)
    d_b = mp.diff(lambda v: log_f(c, v, z), b)
    d_z = mp.diff(lambda v: log_f(c, b, v), z)
    print(",".join(mp.nstr(v, 20) for v in (c, b, z, value, d_c, d_b, d_z)))
