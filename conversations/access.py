"""Who is staff, and for which centres: the one check every staff action makes on the server.

Staff are the Telegram ids in `VOORDEUR_STAFF` (every centre) and the data file's staff members
with a `telegram_id` (their `centres`, or every centre when they list none). Nothing a button
carries is trusted for this: the scope comes from the sender's id and the configuration only.
"""

from __future__ import annotations

from dataclasses import dataclass

from conversations.flows.base import Turn


@dataclass(frozen=True)
class StaffScope:
    """The centres one staff member may see and act for."""

    user_id: int
    centres: frozenset[str] | None  # None: every centre

    @property
    def everywhere(self) -> bool:
        """Whether this staff member may act for every centre."""
        return self.centres is None

    def sees(self, centre_id: str | None) -> bool:
        """Whether a centre is theirs; None (no centre in particular) only for all-centre staff."""
        return self.centres is None or (centre_id is not None and centre_id in self.centres)

    def sees_any(self, centre_ids: frozenset[str] | set[str] | None) -> bool:
        """Whether any of these centres is theirs (None: something of no centre in particular)."""
        if self.centres is None or centre_ids is None:
            return True
        return bool(self.centres & set(centre_ids))


def staff_scope(turn: Turn) -> StaffScope | None:
    """The person writing as staff, with the centres they may see; None for everybody else."""
    if turn.user_id in turn.staff_ids:
        return StaffScope(turn.user_id, None)
    members = [m for m in turn.ctx.org.staff if m.telegram_id == turn.user_id]
    if not members:
        return None
    if any(not m.centres for m in members):
        return StaffScope(turn.user_id, None)
    return StaffScope(turn.user_id, frozenset(c for m in members for c in m.centres))
