#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""BG/NBD predictions at BTYD's printed estimates (REFERENCE.md §4.3), from the paper's
closed forms (§4.2, eq. 10) with mpmath at 30 digits, for tests/models/bg_nbd_test.cpp.
Prints E[Y(52)] and P(alive) of customer "1516", E[Y(52) | x, 20, 39] for x = 10..25, and
P(alive at T + 52) by quadrature (see the end of the file)."""
import mpmath as mp
mp.mp.dps=30
r,al,a,b = [mp.mpf(v) for v in ("0.2425982","4.4136842","0.7929899","2.4261667")]
def palive(x,tx,T):
    if x==0: return mp.mpf(1)
    return 1/(1+ a/(b+x-1)*((al+T)/(al+tx))**(r+x))
def ey(x,tx,T,t):
    z=t/(al+T+t)
    num=(a+b+x-1)/(a-1)*(1-((al+T)/(al+T+t))**(r+x)*mp.hyp2f1(r+x,b+x,a+b+x-1,z))
    return num*palive(x,tx,T)
print(ey(26,mp.mpf("30.85714"),31,52), palive(26,mp.mpf("30.85714"),31))
for x in (10,15,20,25): print(ey(x,20,39,52))


# P(alive at T + t) for customer 1 (2, 213/7, 272/7), t = 52, by direct integration of its
# definition: P(alive) * E[exp(-lambda p t)] over lambda ~ Gamma(r+x, alpha+T),
# p ~ Beta(a, b + x + shift); shift 0 for BG/NBD, 1 for MBG/NBD (at MBG's 3-dp estimates).
def future_alive(r, al, a, b, x, tx, T, t, shift):
    bp = b + x + shift
    if shift == 0 and x == 0:
        now = mp.mpf(1)
    else:
        now = 1 / (1 + a / (bp - 1) * ((al + T) / (al + tx)) ** (r + x))
    density = lambda p: p ** (a - 1) * (1 - p) ** (bp - 1) / mp.beta(a, bp)
    survive = mp.quad(lambda p: density(p) * (1 + p * t / (al + T)) ** (-(r + x)), [0, 1])
    return now * survive


print(future_alive(r, al, a, b, 2, mp.mpf(213) / 7, mp.mpf(272) / 7, 52, 0))
m = [mp.mpf(v) for v in ("0.525", "6.183", "0.891", "1.614")]
print(future_alive(*m, 2, mp.mpf(213) / 7, mp.mpf(272) / 7, 52, 1))
print(future_alive(*m, 0, 0, mp.mpf(272) / 7, 52, 1))
