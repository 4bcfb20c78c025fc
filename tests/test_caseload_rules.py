"""The rules for taking on people and giving orders: identifiers, dates and the law's limits, each refusal named."""

from __future__ import annotations

from datetime import date

import pytest

from diary.domain import validation as check
from diary.domain.case_events import CaseEventEntry, CaseEventKind, check_event
from diary.domain.people import PersonEntry, changed_details, read_person
from diary.domain.sentences import (
    CUSTODY,
    CustodyEntry,
    OrderEntry,
    ReleaseKind,
    RequirementEntry,
    check_order,
    order_end,
)
from diary.domain.validation import FieldError
from diary.domain.vocab import RequirementType, RiskLevel

TODAY = date(2026, 12, 7)
RAR = RequirementType.RAR
UPW = RequirementType.UNPAID_WORK


def _refused(key: str, call, *args, **kwargs) -> FieldError:  # type: ignore[no-untyped-def]
    with pytest.raises(FieldError) as caught:
        call(*args, **kwargs)
    assert caught.value.key == key, str(caught.value)
    return caught.value


@pytest.mark.parametrize("typed", ["X123456", "x123456", " x 123 456 ", "x-123-456"])
def test_a_crn_is_one_letter_and_six_digits_in_any_case_and_spacing(typed: str) -> None:
    assert check.crn(typed) == "X123456"


@pytest.mark.parametrize("typed", ["123456", "XX12345", "X12345", "X1234567", "X12345A", ""])
def test_a_malformed_crn_is_refused_naming_the_crn(typed: str) -> None:
    error = _refused("crn", check.crn, typed)
    assert str(error).startswith("CRN: ")
    assert "one letter and six digits" in str(error)


def test_pnc_numbers_are_stored_in_the_long_form_with_the_check_letter_verified() -> None:
    assert check.pnc("1990/0123456K", TODAY) == "1990/0123456K"
    assert check.pnc("90/123456k", TODAY) == "1990/0123456K"
    assert check.pnc("  ", TODAY) is None
    assert check.pnc_check_letter(1990, 123456) == "K"
    assert check.pnc("05/1234567" + check.pnc_check_letter(2005, 1234567), TODAY).startswith("2005/")


def test_a_pnc_number_with_the_wrong_check_letter_is_refused() -> None:
    error = _refused("pnc", check.pnc, "1990/0123456A", TODAY)
    assert str(error) == "PNC number: the check letter A does not match 1990/0123456: check the number."


@pytest.mark.parametrize("typed", ["1990-0123456K", "1990/0123456", "19900/123456K", "abc", "1990/12345678K"])
def test_a_malformed_pnc_number_is_refused(typed: str) -> None:
    assert "is not a PNC number" in str(_refused("pnc", check.pnc, typed, TODAY))


def test_a_pnc_year_in_the_future_is_refused() -> None:
    _refused("pnc", check.pnc, f"2030/0000001{check.pnc_check_letter(2030, 1)}", TODAY)


def _person(**overrides: str) -> dict[str, str]:
    return {"first_name": "Jon", "last_name": "Smith", "crn": "X123456", **overrides}


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    error = _refused("date_of_birth", read_person, _person(date_of_birth="08/12/2026"), TODAY)
    assert str(error) == "Date of birth: 8 December 2026 is in the future."


def test_a_date_that_is_not_a_date_is_refused_naming_the_field() -> None:
    assert "is not a date" in str(_refused("date_of_birth", read_person, _person(date_of_birth="31/02/1990"), TODAY))


@pytest.mark.parametrize("missing", ["first_name", "last_name", "crn"])
def test_names_and_crn_are_required(missing: str) -> None:
    _refused(missing, read_person, _person(**{missing: "  "}), TODAY)


def test_mappa_category_and_level_have_their_ranges() -> None:
    _refused("mappa_category", read_person, _person(mappa_category="5"), TODAY)
    _refused("mappa_level", read_person, _person(mappa_category="1", mappa_level="4"), TODAY)
    _refused("mappa_category", read_person, _person(mappa_level="2"), TODAY)


def test_a_person_is_read_from_the_form_with_contacts_and_aliases() -> None:
    entry = read_person(
        _person(aliases="Johnny Smyth\n\n", date_of_birth="2/4/1990", pnc="90/123456K", risk_level="high",
                personal_contacts="Mary Smith; mother; 0113 496 0000\nDr Patel"),
        TODAY,
    )
    assert entry.aliases == ("Johnny Smyth",)
    assert entry.date_of_birth == date(1990, 4, 2)
    assert entry.pnc == "1990/0123456K"
    assert entry.risk_level is RiskLevel.HIGH
    assert [c.name for c in entry.personal_contacts] == ["Mary Smith", "Dr Patel"]


def test_a_risk_rise_and_a_mappa_change_are_significant_a_fall_is_not() -> None:
    base = PersonEntry("Jon", "Smith", "X123456", risk_level=RiskLevel.MEDIUM)
    rise = changed_details(base, PersonEntry("Jon", "Smith", "X123456", risk_level=RiskLevel.HIGH))
    assert [(c.label, c.before, c.after, c.significant) for c in rise] == [("Risk of serious harm", "Medium", "High", True)]
    fall = changed_details(base, PersonEntry("Jon", "Smith", "X123456", risk_level=RiskLevel.LOW))
    assert not fall[0].significant
    mappa = changed_details(base, PersonEntry("Jon", "Smith", "X123456", risk_level=RiskLevel.MEDIUM, mappa_category=2, mappa_level=1))
    assert [c.significant for c in mappa] == [True, True]


def test_an_order_ends_the_day_before_the_same_date_months_later() -> None:
    assert order_end(date(2026, 1, 10), 12) == date(2027, 1, 9)
    assert order_end(date(2026, 1, 31), 1) == date(2026, 2, 27)


def _order(*requirements: RequirementEntry, start: date = date(2026, 12, 1), months: int = 12, end: date | None = None,
           kind: str = "community_order") -> OrderEntry:
    return OrderEntry(kind, start, months, end or order_end(start, months), "Leeds MC", requirements)


def test_a_community_order_with_a_rar_and_unpaid_work_passes() -> None:
    check_order(_order(RequirementEntry(RAR, 20), RequirementEntry(UPW, 100)))


def test_an_end_before_the_start_is_refused() -> None:
    error = _refused("end", check_order, _order(RequirementEntry(RAR, 20), end=date(2026, 11, 30)))
    assert str(error) == "End date: 30 November 2026 is before the start date (1 December 2026)."


def test_a_rar_of_no_days_is_refused() -> None:
    error = _refused("requirements[0].amount", check_order, _order(RequirementEntry(RAR, 0)))
    assert str(error).startswith("RAR (maximum days): 0 days is not allowed: it must be from 1 to 365 days")


@pytest.mark.parametrize("hours", [39, 301])
def test_unpaid_work_outside_40_to_300_hours_is_refused(hours: int) -> None:
    error = _refused("requirements[1].amount", check_order, _order(RequirementEntry(RAR, 5), RequirementEntry(UPW, hours)))
    assert str(error) == f"Unpaid work (hours): {hours} hours is not allowed: it must be from 40 to 300 hours."


def test_a_community_order_longer_than_three_years_or_without_requirements_is_refused() -> None:
    _refused("months", check_order, _order(RequirementEntry(RAR, 5), months=37))
    _refused("requirements", check_order, _order())


def test_a_curfew_has_2_to_20_hours_a_day_within_two_years() -> None:
    curfew = RequirementType.CURFEW
    start = date(2026, 12, 1)
    check_order(_order(RequirementEntry(curfew, daily_hours=12, until=date(2027, 6, 1)), months=24))
    _refused("requirements[0].daily_hours", check_order, _order(RequirementEntry(curfew, daily_hours=21, until=date(2027, 6, 1))))
    _refused("requirements[0].until", check_order,
             _order(RequirementEntry(curfew, daily_hours=8, until=date(2028, 12, 1)), start=start, months=36))
    _refused("requirements[0].until", check_order, _order(RequirementEntry(curfew, daily_hours=8, until=date(2028, 1, 1))))


def _custody(**dates: date) -> OrderEntry:
    custody = CustodyEntry("HMP Leeds", date(2026, 3, 1), {ReleaseKind(k): v for k, v in dates.items()})
    return OrderEntry(CUSTODY, None, None, None, None, (), custody)


def test_a_release_date_before_the_sentence_date_is_refused() -> None:
    error = _refused("crd", check_order, _custody(crd=date(2026, 2, 1)))
    assert str(error) == "CRD (conditional release): 1 February 2026 is before the sentence date (1 March 2026)."


def test_custody_needs_a_release_date_and_expiry_after_release() -> None:
    _refused("crd", check_order, _custody(sed=date(2027, 3, 1)))
    _refused("sed", check_order, _custody(crd=date(2027, 3, 1), sed=date(2027, 2, 1)))
    check_order(_custody(crd=date(2027, 3, 1), sed=date(2027, 9, 1)))


def test_case_events_need_their_order_counterpart_and_reason_and_cannot_be_in_the_future() -> None:
    _refused("date", check_event, CaseEventEntry(CaseEventKind.TRANSFERRED_OUT, date(2026, 12, 8), counterpart="x", reason="y"), TODAY)
    _refused("counterpart", check_event, CaseEventEntry(CaseEventKind.TRANSFERRED_OUT, TODAY, reason="moved"), TODAY)
    _refused("reason", check_event, CaseEventEntry(CaseEventKind.TRANSFERRED_OUT, TODAY, counterpart="Sheffield"), TODAY)
    _refused("order", check_event, CaseEventEntry(CaseEventKind.COMPLETED, TODAY), TODAY)
    _refused("date", check_event, CaseEventEntry(CaseEventKind.RELEASED, date(2026, 1, 1)), TODAY, sentence_date=date(2026, 3, 1))
