#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Pareto/NBD ln L and P(alive) from the textbook form of REFERENCE.md §6.1 (Fader & Hardie's
note; the A0 difference is harmless at 60 digits), for tests/models/pareto_nbd_test.cpp.
Run from this folder:
    /usr/bin/python3 pareto_nbd.py > pareto_nbd.csv
Points: CDNOW customers at BTYD's estimates, the lifetimes overflow guard and the CLVTools hard
P(alive) case (§6.4), and extremes (frequency 1e5, age 1e5, tiny and huge parameters)."""
import mpmath as mp

mp.mp.dps = 60


def log_likelihood(r, alpha, s, beta, x, t_x, T):
    c = r + s + x
    if alpha >= beta:
        a0 = (mp.hyp2f1(c, s + 1, c + 1, (alpha - beta) / (alpha + t_x)) / (alpha + t_x) ** c
              - mp.hyp2f1(c, s + 1, c + 1, (alpha - beta) / (alpha + T)) / (alpha + T) ** c)
    else:
        a0 = (mp.hyp2f1(c, r + x, c + 1, (beta - alpha) / (beta + t_x)) / (beta + t_x) ** c
              - mp.hyp2f1(c, r + x, c + 1, (beta - alpha) / (beta + T)) / (beta + T) ** c)
    alive = 1 / ((alpha + T) ** (r + x) * (beta + T) ** s)
    log_k = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(alpha) + s * mp.log(beta)
    return log_k + mp.log(alive + s / c * a0), log_k + mp.log(alive)


EST = ("0.5533971432566355", "10.580198543474351", "0.6060624971176619", "11.656223670707698")
OVERFLOW = ("10.465", "7.98565181e-03", "3.0516", "2.820")
HARD = ("0.5143", "2.8845", "0.2856", "14.1087")
POINTS = [
    (EST, (0, 0, "38.857142857142857")),
    (EST, (2, "30.428571428571429", "38.857142857142857")),
    (EST, (26, "30.85714", 31)),
    (OVERFLOW, (40, 5, 6)),
    (OVERFLOW, (50, 1, 37)),
    (OVERFLOW, (50, 4, 37)),
    (HARD, (221, "103.42857", "103.57143")),
    (HARD, (254, "97.14286", "97.28571")),
    (HARD, (161, "94.71429", "98.0")),
    (HARD, (204, "98.57143", "99.42857")),
    (("0.25", "4", "0.8", "2.5"), (100000, 100000, 100000)),
    (("0.25", "4", "0.8", "2.5"), (100000, 50, 100000)),
    (("0.25", "4", "0.8", "2.5"), (0, 0, 100000)),
    (("1e-6", "1e6", "0.5", "3"), (3, 20, 40)),
    (("2", "0.001", "1e-6", "1e6"), (5, 10, 40)),
    (("1e6", "1e6", "2", "0.5"), (1000, 30, 40)),
    (("0.5", "3", "1", "3"), (4, 20, 40)),
]

print("r,alpha,s,beta,frequency,recency,age,log_likelihood,probability_alive")
for params, history in POINTS:
    r, alpha, s, beta = (mp.mpf(v) for v in params)
    x, t_x, T = (mp.mpf(v) for v in history)
    ll, log_alive_part = log_likelihood(r, alpha, s, beta, x, t_x, T)
    fields = list(params) + [str(v) for v in history] + [mp.nstr(ll, 20),
                                                          mp.nstr(mp.exp(log_alive_part - ll), 20)]
    print(",".join(fields))
