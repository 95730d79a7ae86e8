"""Simulated talks: automated parties and mediators driven through the service (see `run`)."""

from shuttle.sim.cast import MEDIATORS, PARTIES, SimulationError
from shuttle.sim.result import SimulationResult
from shuttle.sim.run import DEFAULT_ROUNDS, RoundDone, simulate

__all__ = [
    "DEFAULT_ROUNDS",
    "MEDIATORS",
    "PARTIES",
    "RoundDone",
    "SimulationError",
    "SimulationResult",
    "simulate",
]
