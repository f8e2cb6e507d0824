"""Which plan a sheet is synced with when none is named: the command line's `planlogg sync`
and the service's background sync choose alike.

The demo's plan, where it is loaded, as the README's examples have it; else the only plan
there is. A health community that starts without the demo, with its own plan, syncs it
without having to know its key; one with several plans names the plan to sync."""

from __future__ import annotations

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.errors import NotFoundError, ValidationError
from language import _
from projections import ReadModels


def plan_to_sync(app: Planlogg, read_models: ReadModels, named: str | None) -> str:
    """The plan `named` (--plan, PLANLOGG_PLAN), else the one chosen as the module says.
    Raises NotFoundError when there is no plan, ValidationError when there are several."""
    if named:
        return named
    if app.plan_exists(DEMO_PLAN):
        return DEMO_PLAN
    read_models.read_your_writes()
    keys = [plan.key for plan in read_models.plans()]
    if len(keys) == 1:
        return keys[0]
    if not keys:
        raise NotFoundError(
            _("Det finnes ingen plan å synkronisere ennå. Opprett eller importer planen først.")
        )
    raise ValidationError(
        _(
            "Det finnes flere planer (%(plans)s). Velg den som skal synkroniseres, med --plan "
            "eller PLANLOGG_PLAN.",
            plans=", ".join(keys),
        )
    )


def demo_chosen_words(read_models: ReadModels, key: str) -> str:
    """What to say when the demo's plan was chosen for a sync nobody named a plan for, and the
    store holds plans of its own beside it: a community that tried the demo and then imported
    its plan would otherwise see the demo laid out in its workbook without a word. Empty when
    `key` is not the demo's, or the demo is the only plan."""
    if key != DEMO_PLAN:
        return ""
    read_models.read_your_writes()
    others = [plan.key for plan in read_models.plans() if plan.key != DEMO_PLAN]
    if not others:
        return ""
    return _(
        "Merk: Synkroniserer demoplanen %(demo)s. Andre planer her: %(plans)s. Velg en av dem "
        "med --plan eller PLANLOGG_PLAN.",
        demo=DEMO_PLAN,
        plans=", ".join(others),
    )
