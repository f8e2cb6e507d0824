"""Who may do what: the permissions each role gives, for people and API tokens alike.

Pages and API endpoints ask for a permission, never for a role, so what a
role may do is decided here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from domain.people import Role
from language import N_, _

ROLE_LABELS = {
    Role.EDITOR: N_("redaktør"),
    Role.APPROVER: N_("godkjenner"),
    Role.AUDITOR: N_("revisor"),
    Role.REPORTER: N_("rapportør"),
    Role.ADMINISTRATOR: N_("administrator"),
}
"""Each role as people read it (bokmål keys: translate with `role_label`)."""


class Permission(StrEnum):
    EDIT = "edit"
    APPROVE = "approve"
    REPORT = "report"
    READ_DRAFT = "read_draft"
    AUDIT = "audit"
    ADMINISTER = "administer"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.EDITOR: frozenset({Permission.EDIT, Permission.REPORT, Permission.READ_DRAFT}),
    Role.APPROVER: frozenset({Permission.APPROVE, Permission.READ_DRAFT}),
    Role.AUDITOR: frozenset({Permission.AUDIT, Permission.READ_DRAFT}),
    Role.REPORTER: frozenset({Permission.REPORT, Permission.READ_DRAFT}),
    Role.ADMINISTRATOR: frozenset({Permission.ADMINISTER}),
}
"""What each role may do: a reporter reports status but never edits the plan's content,
and an administrator gives people roles but reads nothing else unless given a role."""


def role_label(role: Role) -> str:
    """One role as people read it, in the målform spoken now."""
    return _(ROLE_LABELS[role])


def roles_label(roles: Iterable[Role]) -> str:
    """The roles as people read them: "redaktør, revisor", or "ingen rolle"."""
    labels = [role_label(role) for role in sorted(roles)]
    return ", ".join(labels) if labels else _("ingen rolle")
