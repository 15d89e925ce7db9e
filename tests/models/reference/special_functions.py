#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Reference values for tests/models/special_functions_test.cpp, computed with mpmath at 50
digits. Run from this folder:
    /usr/bin/python3 special_functions.py > special_functions.csv
Rows: function,first,second,value with
  upper_gamma:  e^z Gamma(a, z)   (first = a, second = z; REFERENCE.md §6.2, §13.12)
  exp_integral: e^y E_n(y)        (first = n, second = y; BG/NBD and MBG/NBD DERT)"""
import mpmath as mp

mp.mp.dps = 50

UPPER_GAMMA = [(0.394, 0.21), (0.5, 3.0), (-0.3, 0.05), (-0.3, 2.0), (-2.7, 0.1), (-2.7, 5.0),
               (0.0, 0.3), (-1.0, 0.3), (-3.0, 1.5), (-12.5, 0.01), (-40.0, 0.5), (2.5, 0.7)]
EXP_INTEGRAL = [(1.0, 0.01), (1.0, 2.0), (1.25, 1e-6), (1.25, 0.3), (2.5, 0.9), (3.0, 0.2),
                (6.9, 0.5), (7.5, 0.5), (27.24, 1e-3), (1e5, 1e-4), (1.000001, 1e-3), (1.5, 1e4)]

print("function,first,second,value")
for a, z in UPPER_GAMMA:
    value = mp.e ** mp.mpf(z) * mp.gammainc(a, z)
    print(f"upper_gamma,{a!r},{z!r},{mp.nstr(value, 20)}")
for n, y in EXP_INTEGRAL:
    value = mp.e ** mp.mpf(y) * mp.expint(n, y)
    print(f"exp_integral,{n!r},{y!r},{mp.nstr(value, 20)}")
