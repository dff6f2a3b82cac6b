"""Business time, measuring: business seconds between two instants, minus paused time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .explaining import _Explaining
from .model import (
    ElapsedResult,
    Pause,
    to_epoch,
)
from .timeline import _pause_epochs


class _Measuring(_Explaining):
    def elapsed(
        self, start: datetime, end: datetime, *, pauses: Iterable[Pause] = (), buyer_tz: str | None = None
    ) -> ElapsedResult:
        """Business seconds between start and end (0 if end <= start), minus paused time."""
        e0, e1 = to_epoch(start, "start"), to_epoch(end, "end")
        pause_list = list(pauses)
        pp = self.pause_positions(_pause_epochs(pause_list)) if pause_list else []
        secs, prov = self.elapsed_epoch(e0, e1, pp)
        return ElapsedResult(secs, prov, lambda: self.explain(start, end, pauses=pause_list, buyer_tz=buyer_tz))

    def elapsed_epoch(self, e0: int, e1: int, pp: list[tuple[int, int]] | None = None) -> tuple[int, bool]:
        """Fast path: (business seconds, provisional) between epoch seconds, pauses as positions."""
        if e1 < e0:
            e1 = e0
        return self.seconds_between(e0, e1, pp), self._is_provisional(e0, e1)

    def seconds_between(self, e0: int, e1: int, pp: list[tuple[int, int]] | None = None) -> int:
        """Fastest path: business seconds between epoch seconds (0 if e1 <= e0)."""
        if e1 <= e0:
            return 0
        a, b = self._pos(e0), self._pos(e1)
        return b - a - (self._paused_between(pp, a, b) if pp else 0)

    def business_seconds(self, start: datetime, end: datetime) -> int:
        """Fast path of :meth:`elapsed` without pauses or explanation."""
        return self.elapsed_epoch(to_epoch(start, "start"), to_epoch(end, "end"))[0]
