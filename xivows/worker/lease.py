"""One active worker among all hosts sharing the store: a lease row with a holder
and an expiry. The holder renews it; anyone takes it once it has expired (its
holder died or lost the database). Times are the hosts' clocks (keep them in NTP
sync); `ttl` bounds how long a dead holder blocks a takeover."""

import time

from xivows.models.worker import WorkerLease
from xivows.worker import store

NAME = 'worker'


class LeaseLost(Exception):
    """The lease expired while we worked (another worker may have taken over)."""


class Lease:
    def __init__(self, holder, ttl):
        self.holder = holder
        self.ttl = float(ttl)
        self.renew_every = max(min(self.ttl / 5, 2.0), 0.2)
        self.held_until = 0.0  # local monotonic time
        self.renewed_at = 0.0

    def hold(self):
        """Acquire or renew (at most every `renew_every` s); True while held."""
        now = time.monotonic()
        if self.held_until > now and now - self.renewed_at < self.renew_every:
            return True
        wall = time.time()
        with store.writing():
            WorkerLease.insert(name=NAME).on_conflict_ignore().execute()
            taken = (
                WorkerLease.update(expires_at=wall + self.ttl)
                .where(
                    (WorkerLease.name == NAME)
                    & (WorkerLease.holder == self.holder)
                    & (WorkerLease.expires_at >= wall)
                )
                .execute()
            )
            if not taken:
                taken = (
                    WorkerLease.update(
                        holder=self.holder, acquired_at=wall, expires_at=wall + self.ttl
                    )
                    .where((WorkerLease.name == NAME) & (WorkerLease.expires_at < wall))
                    .execute()
                )
        self.renewed_at = now
        self.held_until = now + self.ttl if taken else 0.0
        return bool(taken)

    def keep_alive(self):
        """Renew during long work; LeaseLost if another worker may have it."""
        if not self.hold():
            raise LeaseLost()

    def release(self):
        if self.held_until:
            with store.writing():
                (
                    WorkerLease.update(expires_at=0)
                    .where((WorkerLease.name == NAME) & (WorkerLease.holder == self.holder))
                    .execute()
                )
        self.held_until = 0.0


def current():
    """(holder, expires_at) of the lease, or None."""
    row = WorkerLease.get_or_none(WorkerLease.name == NAME)
    return (row.holder, row.expires_at) if row else None
