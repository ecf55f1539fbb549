"""Measures are compared like for like: the period forms officers write, and the verdicts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from cspplan.measures import compare, parse_period


def obs(value, period, start=None, end=None):
    return SimpleNamespace(value=value, period=period, start=start, end=end)


@pytest.mark.parametrize(("label", "first", "last"), [
    ("2023/24", dt.date(2023, 4, 1), dt.date(2024, 3, 31)),
    ("2023-2024", dt.date(2023, 4, 1), dt.date(2024, 3, 31)),
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024 survey", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("April-June 2024", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ("April to June 2024", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ("Q1 2024/25", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ("Q4 2024/25", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    ("12 months to March 2025", dt.date(2024, 4, 1), dt.date(2025, 3, 31)),
    ("year to March 2025", dt.date(2024, 4, 1), dt.date(2025, 3, 31)),
    ("November 2024 to January 2025", dt.date(2024, 11, 1), dt.date(2025, 1, 31)),
    ("September 2025", dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
])
def test_period_labels_officers_write_are_read(label, first, last):
    span = parse_period(label)
    assert span is not None and (span.start, span.end) == (first, last)


@pytest.mark.parametrize("label", ["2023/25", "latest", "first plan year", "Q5 2024/25"])
def test_a_period_that_cannot_be_read_is_not_guessed(label):
    assert parse_period(label) is None


def test_a_quarter_is_never_compared_with_a_year():
    verdict = compare(obs(584, "2023/24"), obs(139, "April to June 2024"), "decrease")
    assert verdict.status == "not comparable" and verdict.change == ""
    assert "2023/24 is a year" in verdict.reason and "3 months" in verdict.reason


def test_a_year_against_a_year_is_a_trend_with_its_percentage():
    verdict = compare(obs(584, "2023/24"), obs(561, "2024/25"), "decrease")
    assert (verdict.status, verdict.change) == ("improving", f"{(561 - 584) / 584:+.0%}")
    assert compare(obs(584, "2023/24"), obs(620, "2024/25"), "decrease").status == "worsening"


def test_explicit_dates_decide_the_length():
    verdict = compare(obs(584, "first year", dt.date(2023, 10, 1), dt.date(2024, 9, 30)),
                      obs(561, "second year", dt.date(2024, 10, 1), dt.date(2025, 9, 30)), "decrease")
    assert verdict.status == "improving"


def test_the_same_quarter_a_year_apart_is_like_for_like_but_another_quarter_is_not():
    assert compare(obs(150, "Q1 2023/24"), obs(139, "April to June 2024"), "decrease").status == "improving"
    assert compare(obs(150, "Q1 2023/24"), obs(139, "Q3 2024/25"), "decrease").status == "not comparable"


def test_small_counts_show_the_numbers_not_a_percentage():
    verdict = compare(obs(3, "2023/24"), obs(5, "2024/25"), "decrease")
    assert (verdict.status, verdict.change, verdict.moved) == ("small numbers", "+2", "worsening")
    assert "%" not in verdict.change


def test_percentages_change_in_points_and_maintain_allows_five_per_cent():
    assert compare(obs(41, "2023 survey"), obs(44, "2024 survey"), "increase", "per cent").change == "+3 points"
    assert compare(obs(200, "2023/24"), obs(208, "2024/25"), "maintain").status == "steady"
    assert compare(obs(200, "2023/24"), obs(240, "2024/25"), "maintain").status == "worsening"


def test_a_missing_figure_is_not_yet_known():
    assert compare(None, obs(5, "2024/25"), "decrease").status == "not yet known"
