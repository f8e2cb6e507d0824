"""A measure's timeline ("Tidslinje for tiltak 1.1.1: alle endringer av tiltaket") is the
history of one measure. Once 1.1.1 was moved to 1.1.3 and a new measure given 1.1.1, the
timeline of 1.1.1 interleaved both measures' changes, and the page (which shows no measure ID)
read as one measure reworded from "Kartlegge behov" to "Nytt tiltak". The measure that has
the number now is the one named; an old number still finds a measure no one has taken it from.
"""

from __future__ import annotations

from domain.application import Planlogg
from projections import ReadModels
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT


def test_the_timeline_of_a_number_given_again_is_the_measure_that_has_it_now(
    app: Planlogg, models: ReadModels
) -> None:
    plans.draft(app)
    app.move_measure(KEY, "1.1.1", "1.1.3", SECRETARIAT)
    added = app.add_measure(KEY, "1.1.1", "Nytt tiltak", SECRETARIAT)
    models.catch_up()
    timeline = models.measure_timeline(KEY, "1.1.1")
    assert {row.measure_id for row in timeline} == {added}
    assert [row.after for row in timeline if row.field == "text"] == ["Nytt tiltak"]
