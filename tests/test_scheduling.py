"""The scheduling rules, as pure functions: bank holidays, working days, commitments, free slots, warnings, frequency."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diary.domain.scheduling import (
    DEFAULT_PATTERN,
    FORTNIGHTLY,
    MONTHLY,
    WEEKLY,
    Busy,
    CommitmentRecord,
    ContactRow,
    WorkingPattern,
    add_working_days,
    bank_holiday,
    booking_warnings,
    earliest_next,
    expand_commitments,
    free_slots,
    frequency_label,
    is_working_day,
    next_due,
    occurrences_as_busy,
    overdue_people,
    parse_frequency,
)

HOUR = timedelta(hours=1)


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute)


def court_duty_fortnightly() -> CommitmentRecord:
    """Court duty every other Wednesday from 18 November 2026 until the end of January, but not on 16 December."""
    return CommitmentRecord(7, "court_duty", at(18, 9, month=11), at(18, 17, month=11), "Leeds MC", 2, date(2027, 1, 31),
                  frozenset({date(2026, 12, 16)}))


# Bank holidays and working days


def test_christmas_boxing_day_and_the_substitute_monday_2026() -> None:
    assert bank_holiday(date(2026, 12, 25)) == "Christmas Day"
    assert bank_holiday(date(2026, 12, 26)) == "Boxing Day"
    assert bank_holiday(date(2026, 12, 28)) == "Boxing Day (substitute day)"
    assert bank_holiday(date(2026, 12, 29)) is None
    assert not is_working_day(date(2026, 12, 28))
    assert is_working_day(date(2026, 12, 29))


def test_the_other_england_and_wales_bank_holidays_of_2026() -> None:
    assert bank_holiday(date(2026, 4, 3)) == "Good Friday"
    assert bank_holiday(date(2026, 4, 6)) == "Easter Monday"
    assert bank_holiday(date(2026, 8, 31)) is not None
    assert bank_holiday(date(2026, 3, 17)) is None, "St Patrick's Day is Northern Ireland's, not England's"


def test_two_working_days_over_a_weekend() -> None:
    assert add_working_days(date(2026, 12, 4), 2) == date(2026, 12, 8)
    assert add_working_days(date(2026, 12, 5), 1) == date(2026, 12, 7), "from a Saturday, Monday is the first"


def test_two_working_days_over_christmas_and_the_substitute_day() -> None:
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 30)
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7), "over Good Friday and Easter Monday"
    assert add_working_days(date(2026, 12, 30), -2) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 4), 0) == date(2026, 12, 4)


def test_working_days_follow_the_officers_pattern() -> None:
    four_days = WorkingPattern(weekdays=frozenset({0, 1, 2, 3}))
    assert not is_working_day(date(2026, 12, 4), four_days)
    assert add_working_days(date(2026, 12, 3), 1, four_days) == date(2026, 12, 7)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 3), 1, WorkingPattern(weekdays=frozenset()))


def test_working_pattern_round_trips_through_json_and_refuses_nonsense() -> None:
    pattern = WorkingPattern(frozenset({0, 1, 2, 3}), time(8, 30), time(16, 30), None, None)
    assert WorkingPattern.from_json(pattern.to_json()) == pattern
    assert WorkingPattern.from_json({}) == DEFAULT_PATTERN
    assert DEFAULT_PATTERN.to_json() == {
        "weekdays": [0, 1, 2, 3, 4], "start": "09:00", "end": "17:00", "lunch_start": "13:00", "lunch_end": "14:00"
    }
    with pytest.raises(ValueError, match="end after it starts"):
        WorkingPattern(start=time(17), end=time(9))
    with pytest.raises(ValueError, match="both a start and an end"):
        WorkingPattern(lunch_start=time(13), lunch_end=None)


# Commitments


def test_fortnightly_court_duty_skips_its_exception_and_stops_at_repeat_until() -> None:
    found = expand_commitments([court_duty_fortnightly()], at(1, 0), datetime(2027, 3, 1))
    assert [o.start for o in found] == [at(2, 9), at(30, 9), datetime(2027, 1, 13, 9), datetime(2027, 1, 27, 9)]
    assert all(o.end - o.start == 8 * HOUR and o.label == "court duty (Leeds MC)" for o in found)


def test_a_one_off_stretch_of_leave_overlapping_the_range_is_found_once() -> None:
    leave = CommitmentRecord(3, "leave", at(18, 0), at(24, 0), None)
    assert [(o.start, o.label) for o in expand_commitments([leave], at(21, 0), at(28, 0))] == [(at(18, 0), "leave")]
    assert expand_commitments([leave], at(24, 0), at(28, 0)) == [], "ends exactly where the range starts"


def test_a_weekly_commitment_years_on_is_expanded_only_where_asked() -> None:
    weekly = CommitmentRecord(1, "duty_officer", datetime(2020, 1, 6, 9), datetime(2020, 1, 6, 13), None, 1)
    found = expand_commitments([weekly], datetime(2030, 1, 1), datetime(2030, 1, 15))
    assert [o.start for o in found] == [datetime(2030, 1, 7, 9), datetime(2030, 1, 14, 9)]


# Free slots


def test_free_slots_skip_lunch_court_duty_and_existing_bookings() -> None:
    court = occurrences_as_busy(expand_commitments([court_duty_fortnightly()], at(1, 0), at(31, 0)))
    booked = [Busy(at(1, 9), at(1, 12), "Piotr Nowak, office"), Busy(at(1, 14), at(1, 16, 30), "Grace Brown, home visit")]
    slots = free_slots(at(1, 8), HOUR, DEFAULT_PATTERN, court + booked, count=4)
    assert slots == [at(1, 12), at(3, 9), at(3, 10), at(3, 11)], "Tuesday 12-1, then lunch, 14-16:30 and court Wednesday"


def test_free_slots_respect_the_reporting_frequency_and_a_bank_holiday() -> None:
    earliest = earliest_next(date(2026, 12, 21), WEEKLY)
    assert earliest == date(2026, 12, 27)
    assert free_slots(at(21, 11), HOUR, DEFAULT_PATTERN, [], earliest, count=2) == [at(29, 9), at(29, 10)]


def test_free_slots_start_on_the_quarter_hour_after_now_and_do_not_overlap_each_other() -> None:
    offers = free_slots(at(1, 10, 5), timedelta(minutes=50), DEFAULT_PATTERN, [])
    assert offers == [at(1, 10, 15), at(1, 11, 15), at(1, 14)], "12:15 to 13:05 would run into lunch"
    assert free_slots(at(1, 16, 1), HOUR, DEFAULT_PATTERN, [], count=1) == [at(2, 9)], "not past the end of the day"


def test_no_working_days_means_no_slots_rather_than_a_hang() -> None:
    assert free_slots(at(1, 9), HOUR, WorkingPattern(weekdays=frozenset()), []) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20 * 96), st.integers(1, 32)), max_size=25),
    st.integers(1, 16),
    st.integers(0, 14 * 96),
)
def test_every_offered_slot_is_clear_and_inside_working_hours(
    bookings: list[tuple[int, int]], quarters: int, start_quarter: int
) -> None:
    origin = at(1, 0)
    busy = [Busy(origin + q * timedelta(minutes=15), origin + (q + n) * timedelta(minutes=15), "x") for q, n in bookings]
    duration = quarters * timedelta(minutes=15)
    after = origin + start_quarter * timedelta(minutes=15)
    slots = free_slots(after, duration, DEFAULT_PATTERN, busy, count=3)
    assert len(slots) == 3 and slots == sorted(slots)
    for slot in slots:
        assert slot >= after and is_working_day(slot.date())
        assert time(9) <= slot.time() and (slot + duration).time() <= time(17) and (slot + duration).date() == slot.date()
        assert not any(b.overlaps(slot, slot + duration) for b in busy)
        assert not (slot.time() < time(14) and (slot + duration).time() > time(13)), "clear of lunch"
    assert all(a + duration <= b for a, b in zip(slots, slots[1:]))


# Warnings


def test_warnings_name_the_booking_and_the_court_duty_overlapped() -> None:
    busy = [Busy(at(2, 10), at(2, 11), "Piotr Nowak, office"), Busy(at(2, 9), at(2, 17), "court duty (Leeds MC)", True)]
    assert booking_warnings(at(2, 10, 30), HOUR, DEFAULT_PATTERN, busy) == [
        "Falls within your court duty (Leeds MC), 09:00–17:00.",
        "Overlaps another booking: Piotr Nowak, office, 10:00–11:00.",
    ]


def test_warnings_for_christmas_day() -> None:
    assert booking_warnings(at(25, 10), HOUR, DEFAULT_PATTERN, []) == [
        "Friday 25 December 2026 is a bank holiday: Christmas Day.",
    ]


def test_warnings_for_a_saturday_evening_and_lunch() -> None:
    assert booking_warnings(at(5, 18), HOUR, DEFAULT_PATTERN, []) == [
        "Saturday is not one of your working days.",
        "Outside your working hours (09:00–17:00).",
    ]
    assert booking_warnings(at(1, 12, 30), HOUR, DEFAULT_PATTERN, []) == ["Falls in your lunch break (13:00–14:00)."]


def test_warnings_for_rar_days_and_the_reporting_frequency() -> None:
    assert booking_warnings(at(1, 10), HOUR, DEFAULT_PATTERN, [], rar_days_left=0) == [
        "This would use a RAR day, but the order has none left."
    ]
    assert booking_warnings(at(1, 10), HOUR, DEFAULT_PATTERN, [], rar_days_left=2, rar_days_needed=3) == [
        "This would use 3 RAR days, but the order has only 2 left."
    ]
    assert booking_warnings(at(1, 10), HOUR, DEFAULT_PATTERN, [], rar_days_left=1) == []
    assert booking_warnings(at(10, 10), HOUR, DEFAULT_PATTERN, [], due_by=date(2026, 12, 8)) == [
        "Later than the reporting frequency allows: the next appointment is due by 8 December 2026."
    ]


def test_a_clean_booking_has_no_warnings() -> None:
    assert booking_warnings(at(1, 10), HOUR, DEFAULT_PATTERN, [Busy(at(1, 9), at(1, 10), "Piotr Nowak, office")]) == []


# Reporting frequency


def test_frequencies_and_their_due_dates() -> None:
    assert next_due(date(2026, 12, 1), WEEKLY) == date(2026, 12, 8)
    assert next_due(date(2026, 12, 1), FORTNIGHTLY) == date(2026, 12, 15)
    assert next_due(date(2026, 12, 1), 28) == date(2026, 12, 29)
    assert next_due(date(2027, 1, 31), MONTHLY) == date(2027, 2, 28), "a calendar month, not 30 days"
    assert next_due(date(2026, 12, 1), 10) == date(2026, 12, 11)
    assert [frequency_label(f) for f in (7, 14, 28, MONTHLY, 10, None)] == [
        "weekly", "fortnightly", "four-weekly", "monthly", "every 10 days", "not set"
    ]
    assert [parse_frequency(t) for t in ("Weekly", "monthly", "four-weekly", " 10 ")] == [7, MONTHLY, 28, 10]
    with pytest.raises(ValueError, match="not a reporting frequency"):
        parse_frequency("sometimes")


def test_overdue_people_worst_first() -> None:
    today = date(2026, 12, 10)
    soon = datetime(2026, 12, 14, 10)
    rows = [
        ContactRow(1, "Fine Person", "X000001", WEEKLY, date(2026, 12, 7), soon),
        ContactRow(2, "Bit Late", "X000002", WEEKLY, date(2026, 12, 1), soon),
        ContactRow(3, "Very Late", "X000003", FORTNIGHTLY, date(2026, 11, 1), None),
        ContactRow(4, "Never Seen", "X000004", WEEKLY, None, soon),
        ContactRow(5, "Nothing Booked", "X000005", MONTHLY, date(2026, 12, 2), None),
        ContactRow(6, "No Frequency", "X000006", None, None, None),
        ContactRow(7, "New Order", "X000007", WEEKLY, None, soon, since=date(2026, 12, 8)),
    ]
    found = overdue_people(rows, today)
    assert [o.row.name for o in found] == ["Never Seen", "Very Late", "Bit Late", "Nothing Booked", "No Frequency"]
    very_late = found[1]
    assert very_late.due == date(2026, 11, 15) and very_late.days_overdue == 25
    assert very_late.reasons == ("25 days overdue (fortnightly, last seen 1 November 2026)", "No appointment booked")
    assert found[2].reasons == ("2 days overdue (weekly, last seen 1 December 2026)",)
    assert found[3].reasons == ("No appointment booked",)
