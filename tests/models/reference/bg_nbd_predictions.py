#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""BG/NBD predictions at BTYD's printed estimates (REFERENCE.md §4.3), from the paper's
closed forms (§4.2, eq. 10) with mpmath at 30 digits, for tests/models/bg_nbd_test.cpp.
Prints E[Y(52)] and P(alive) of customer "1516", then E[Y(52) | x, 20, 39] for x = 10..25."""
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
