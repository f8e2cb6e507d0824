"""`evolved`, `built` and `member` make exactly the objects `dataclasses.replace`, `__init__` and
the enumeration itself make."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from domain.frozen import built, evolved, member
from domain.measure import MeasureState
from domain.provenance import Provenance, ProvenanceAsDict, Source
from domain.state_json import from_json, to_json
from domain.vocabulary import Colour, EvaluationResult, PatientGroup, Recommendation


@dataclass(frozen=True)
class Plain:
    name: str
    tags: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Checked:
    name: str

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a name is needed")


MEASURE = MeasureState(id="m1", number="1.1.1", goal="1.1", text="Kartlegge behov",
                       responsible=("ASU",), marks={2025: "x"})  # fmt: skip


def test_an_evolved_measure_equals_the_replaced_one_field_for_field() -> None:
    changes = {"text": "Kartlegge behov i alle kommunar", "revision": MEASURE.revision + 1}
    made = evolved(MEASURE, **changes)
    assert made == dataclasses.replace(MEASURE, **changes)
    assert type(made) is MeasureState and made is not MEASURE
    assert (MEASURE.text, made.marks is MEASURE.marks) == ("Kartlegge behov", True)


def test_a_measure_built_from_its_json_equals_the_one_stored() -> None:
    assert from_json(MeasureState, to_json(MEASURE)) == MEASURE


def test_built_fills_defaults_and_gives_each_object_its_own_default_factory_value() -> None:
    first, second = built(Plain, {"name": "a"}), built(Plain, {"name": "b"})
    assert (first, second) == (Plain("a"), Plain("b"))
    assert first.notes is not second.notes


def test_unknown_and_missing_fields_are_refused_as_init_refuses_them() -> None:
    with pytest.raises(TypeError, match="Plain has no field colour"):
        evolved(Plain("a"), colour="raud")
    with pytest.raises(TypeError, match="Plain has no field colour"):
        built(Plain, {"name": "a", "colour": "raud"})
    with pytest.raises(TypeError, match="Plain needs name"):
        built(Plain, {"tags": ("x",)})


def test_a_type_that_checks_itself_is_still_made_through_its_init() -> None:
    with pytest.raises(ValueError, match="a name is needed"):
        evolved(Checked("a"), name="")
    with pytest.raises(ValueError, match="a name is needed"):
        built(Checked, {"name": ""})
    by = Provenance("Kari", Source.WEB)
    assert evolved(by, source="sheet").source is Source.SHEET


@pytest.mark.parametrize("kind", [Source, Colour, PatientGroup, EvaluationResult, Recommendation])
def test_member_is_the_enumerations_own_member_for_each_value(kind: type) -> None:
    values = [item.value for item in kind]
    assert len(values) >= 3
    for value in values:
        assert member(kind, value) is kind(value)
        assert member(kind, kind(value)) is kind(value)


def test_member_refuses_a_value_as_the_enumeration_does() -> None:
    with pytest.raises(ValueError, match="'blue' is not a valid Colour"):
        member(Colour, "blue")
    with pytest.raises(ValueError, match="None is not a valid Colour"):
        member(Colour, None)
    with pytest.raises(ValueError, match=r"\['green'\] is not a valid Colour"):
        member(Colour, ["green"])


def test_a_stored_provenance_decodes_to_the_one_it_was() -> None:
    by = Provenance("Kari Nordmann", Source.SHEET, "Fra arket", "SSU sak 11/24")
    transcoding = ProvenanceAsDict()
    decoded = transcoding.decode(transcoding.encode(by))
    assert decoded == by
    assert decoded.source is Source.SHEET
    older = transcoding.decode({"actor": "Kari Nordmann", "source": "web", "reason": ""})
    assert (older.source, older.decision) == (Source.WEB, "")
