"""Headless tools built on the simulation: command line, Monte Carlo, balance, reports, replay."""
