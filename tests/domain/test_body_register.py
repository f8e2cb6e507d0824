"""The register of bodies: ids, names that resolve, merges, contacts, suggestions."""

from __future__ import annotations

import pytest

from domain.body_register import Body, BodyContacts, BodyRegister, Unresolved, body_slug
from domain.community import HealthCommunity
from domain.errors import NotFoundError, ValidationError
from domain.measure_sheet import bodies_of, parse_bodies, show_bodies, unknown_bodies
from domain.provenance import Provenance
from domain.vocabulary import BodyKind


@pytest.fixture
def community(by: Provenance) -> HealthCommunity:
    found = HealthCommunity(key="st-olavs", name="St. Olavs", by=by)
    found.add_body("Fagråd for pasientsamarbeid", BodyKind.PROFESSIONAL, by, short_name="FPS")
    found.add_body("Strategisk samarbeidsutval", BodyKind.STRATEGIC, by, aliases=["SSU", "ASU"])
    return found


def test_a_body_id_is_made_once_from_its_name() -> None:
    assert body_slug("Fagråd for pasientsamarbeid") == "fagrad-for-pasientsamarbeid"
    assert body_slug("AU og Sekretariat") == "au-og-sekretariat"
    assert body_slug("Ørland kommune") == "orland-kommune"


def test_names_short_names_and_aliases_resolve_regardless_of_case_and_spaces(
    community: HealthCommunity,
) -> None:
    register = community.register
    assert register.key_of("  fagråd   FOR pasientsamarbeid ") == "fagrad-for-pasientsamarbeid"
    assert register.key_of("fps") == "fagrad-for-pasientsamarbeid"
    assert register.key_of("asu") == "strategisk-samarbeidsutval"
    assert register.key_of("strategisk-samarbeidsutval") == "strategisk-samarbeidsutval"
    assert register.label("ssu") == "Strategisk samarbeidsutval"


def test_an_unknown_name_is_kept_as_typed_with_the_nearest_name_suggested(
    community: HealthCommunity,
) -> None:
    refs, unknown = community.register.references(
        ["Fagråd pasient-samarbeid", "FPS", "Kommuneoverlegen"]
    )
    assert refs == ["Fagråd pasient-samarbeid", "fagrad-for-pasientsamarbeid", "Kommuneoverlegen"]
    assert unknown == [
        Unresolved("Fagråd pasient-samarbeid", "Fagråd for pasientsamarbeid"),
        Unresolved("Kommuneoverlegen", ""),
    ]
    assert "Mente du «Fagråd for pasientsamarbeid»?" in unknown[0].message
    assert community.register.label("Kommuneoverlegen") == "Kommuneoverlegen"


def test_merging_variants_makes_them_aliases_as_one_event(
    community: HealthCommunity, by: Provenance
) -> None:
    merged = community.merge(
        ["Fagråd pasient-samarbeid", "fagråd  pasient-samarbeid", "FPS"],
        "Fagråd for pasientsamarbeid",
        by,
    )
    assert merged == ["Fagråd pasient-samarbeid"]
    events = community.collect_events()
    assert type(events[-1]).__name__ == "BodiesMerged"
    assert community.register.key_of("FAGRÅD pasient-samarbeid") == "fagrad-for-pasientsamarbeid"
    assert community.merge(["Fagråd pasient-samarbeid"], "FPS", by) == []


def test_a_registered_body_merged_into_another_resolves_to_it(
    community: HealthCommunity, by: Provenance
) -> None:
    community.add_body("Sekretariat", BodyKind.SECRETARIAT, by)
    community.add_body("AU og Sekretariat", BodyKind.SECRETARIAT, by)
    assert community.merge(["Sekretariat"], "AU og Sekretariat", by) == ["Sekretariat"]
    register = community.register
    assert register.key_of("sekretariat") == "au-og-sekretariat"
    assert register.key_of("Sekretariat") == "au-og-sekretariat"
    assert [b.id for b in register.active()] == [
        "fagrad-for-pasientsamarbeid",
        "strategisk-samarbeidsutval",
        "au-og-sekretariat",
    ]


def test_a_body_named_twice_in_one_merge_is_absorbed_once(
    community: HealthCommunity, by: Provenance
) -> None:
    community.add_body("Sekretariat", BodyKind.SECRETARIAT, by, short_name="SEKR")
    community.add_body("AU og Sekretariat", BodyKind.SECRETARIAT, by)
    community.collect_events()
    assert community.merge(["Sekretariat", "sekr"], "AU og Sekretariat", by) == ["Sekretariat"]
    (merged,) = community.collect_events()
    assert merged.absorbed == ["sekretariat"]


def test_no_two_bodies_share_a_name(community: HealthCommunity, by: Provenance) -> None:
    with pytest.raises(ValidationError, match="«ssu» er allerede navnet"):
        community.add_body("Samarbeidsutval", BodyKind.STRATEGIC, by, aliases=["ssu"])
    with pytest.raises(NotFoundError, match="«LSU Orkdal» er ikke et organ"):
        community.merge(["LSU-Orkdal"], "LSU Orkdal", by)


def test_contacts_are_checked_addresses_by_body_id(
    community: HealthCommunity, by: Provenance
) -> None:
    assert community.set_contacts(
        "FPS", ["leiar@example.org", "LEIAR@example.org"], ["sekr@example.org"], by
    )
    assert not community.set_contacts("FPS", ["leiar@example.org"], ["sekr@example.org"], by)
    assert community.register.contacts()["fagrad-for-pasientsamarbeid"] == BodyContacts(
        "Fagråd for pasientsamarbeid", ("leiar@example.org",), ("sekr@example.org",)
    )
    with pytest.raises(ValidationError, match=r"«leiar\(at\)example\.org» er ikke en e-post"):
        community.set_contacts("FPS", ["leiar(at)example.org"], [], by)


def test_bodies_added_before_ids_existed_replay_with_the_id_their_name_gives(
    by: Provenance,
) -> None:
    community = HealthCommunity(key="k", name="K", by=by)
    community._add_body(name="PSU", kind="partnerskapsmote", by=by)
    assert community.register.bodies == {"psu": Body("psu", "PSU", BodyKind.PARTNERSHIP)}
    assert BodyRegister().label("PSU") == "PSU"


class CountingRegister(BodyRegister):
    """A register that counts the names it is asked for."""

    asked: int = 0

    def find(self, name: str) -> Body | None:
        object.__setattr__(self, "asked", self.asked + 1)
        return super().find(name)


def test_a_cell_of_many_commas_is_read_asking_for_no_run_longer_than_a_registered_name(
    by: Provenance,
) -> None:
    community = HealthCommunity(key="k", name="K", by=by)
    community.add_body("Fagråd for forebygging, læring og mestring", BodyKind.PROFESSIONAL, by)
    register = CountingRegister(community.register.bodies)
    assert register.most_name_parts == 2
    typed = ", ".join(["PSU"] * 2_000 + ["fagråd for forebygging", "læring og mestring"])
    with bodies_of(register):
        assert parse_bodies(typed) == ("PSU", "fagråd for forebygging, læring og mestring")
    assert register.asked == 2_000 + 1


def test_references_mean_the_same_when_their_body_or_their_folded_name_is_the_same(
    community: HealthCommunity,
) -> None:
    register = community.register
    assert register.identity("FPS") == register.identity("fagrad-for-pasientsamarbeid")
    assert register.identity("Ukjent  ORGAN") == register.identity("ukjent organ") == "ukjent organ"


def test_a_registered_name_with_a_comma_is_read_whole_from_the_ansvar_column(
    by: Provenance,
) -> None:
    community = HealthCommunity(key="k", name="K", by=by)
    community.add_body("Fagråd for forebygging, læring og mestring", BodyKind.PROFESSIONAL, by)
    typed = "fagråd for forebygging, læring og mestring; PSU, LSU"
    assert parse_bodies(typed) == ("fagråd for forebygging", "læring og mestring", "PSU", "LSU")
    with bodies_of(community.register):
        assert parse_bodies(typed) == ("fagråd for forebygging, læring og mestring", "PSU", "LSU")
        assert show_bodies(("fagrad-for-forebygging-laering-og-mestring", "PSU")) == (
            "Fagråd for forebygging, læring og mestring, PSU"
        )
        assert unknown_bodies(("PSU",)) == [Unresolved("PSU", "")]
    assert unknown_bodies(("PSU",)) == []


def test_the_bodies_are_listed_in_the_norwegian_alphabet_without_the_retired() -> None:
    names = ["Åfjord kommune", "Ørland kommune", "asu", "Ærlig råd", "Zeta", "Bodø", "Bodo"]
    bodies = [Body(str(n), name, BodyKind.MUNICIPALITY) for n, name in enumerate(names)]
    retired = Body("gone", "Alfa", BodyKind.LOCAL, retired=True)
    decomposed = Body("mac", "A\u030ara kommune", BodyKind.MUNICIPALITY)
    register = BodyRegister.of([*bodies, retired, decomposed])
    assert [body.name for body in register.in_name_order()] == [
        "asu", "Bodo", "Bodø", "Zeta", "Ærlig råd", "Ørland kommune", "Åfjord kommune",
        "A\u030ara kommune",
    ]  # fmt: skip
