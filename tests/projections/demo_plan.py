"""The demo's plan as the read models give it, for the annual report's tests."""

from __future__ import annotations

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from projections import ReadModels
from projections.documents import PlanDocument


def demo_plan_document(app: Planlogg) -> PlanDocument:
    """The demo loaded into `app`, and its plan read from read models caught up with it."""
    load_demo(app)
    models = ReadModels.open(app)
    models.read_your_writes()
    plan = models.current_plan(DEMO_PLAN)
    if plan is None:
        raise AssertionError("the demo plan is there")
    return plan
