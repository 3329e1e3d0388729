import pytest

from repgraph.dates import Date, find_dates


@pytest.mark.parametrize("text,iso", [
    ("On 5 February 2025, she", "2025-02-05"),
    ("In July 2024, the office", "2024-07"),
    ("on April 8, 2012, Mr", "2012-04-08"),
    ("arrested in 2013 in Baku", "2013"),
    ("22.11.12", "2012-11-22"),
    ("date 2024-12-22", "2024-12-22"),
])
def test_dates_keep_the_precision_of_the_text(text, iso):
    assert [m.date.iso for m in find_dates(text)] == [iso]


def test_a_date_without_year_takes_the_year_before_the_reference():
    ref = Date(2025, 1, 20)
    assert [m.date.iso for m in find_dates("on 17 January", reference=ref)] == ["2025-01-17"]
    assert [m.date.iso for m in find_dates("on 3 December", reference=ref)] == ["2024-12-03"]
    assert find_dates("on 3 December") == []


def test_numbers_that_are_not_dates_are_not_dates():
    assert find_dates("Article 305 and 178.3.2, 3-1/2 years, may 5") == []
