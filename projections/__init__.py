"""The read side of Planlogg: read models kept in the events' own database.

See `projections.read_models` for where the tables live and how they keep up.
"""

from projections.chain import ChainBrokenError
from projections.documents import (
    AdoptedVersionSummary,
    Approval,
    AuditPage,
    AuditQuery,
    AuditRow,
    ChainHead,
    ChainReport,
    Dashboard,
    DecisionDoc,
    FieldChange,
    ListedPerson,
    MeasureDoc,
    OpenRound,
    PlanDocument,
    PlanSummary,
    StatusCounts,
    VersionDiff,
)
from projections.follower import Follower
from projections.read_models import ReadModels

__all__ = [
    "AdoptedVersionSummary",
    "Approval",
    "AuditPage",
    "AuditQuery",
    "AuditRow",
    "ChainBrokenError",
    "ChainHead",
    "ChainReport",
    "Dashboard",
    "DecisionDoc",
    "FieldChange",
    "Follower",
    "ListedPerson",
    "MeasureDoc",
    "OpenRound",
    "PlanDocument",
    "PlanSummary",
    "ReadModels",
    "StatusCounts",
    "VersionDiff",
]
