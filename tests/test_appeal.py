"""Reading appeals: header fields, sections, addressees, HTML pages, and bad input."""
import pytest

from repgraph.appeal import AppealError, read_appeal

from conftest import FIXTURES, SEED


def test_seed_header():
    a = read_appeal(SEED)
    assert a.code == "TJK 001 / 0225 / OBS 010" and a.code_printed
    assert a.date.iso == "2025-03-03"
    assert a.country.code == "TJ" and a.country.wikidata.endswith("/Q863")
    assert a.title.startswith("Tajikistan: Criminalisation and arbitrary detention")
    assert a.categories == ["administrative harassment", "criminalisation", "arbitrary detention"]
    assert a.place_line == "Geneva-Paris, 3 March 2025"
    assert "Supreme Court convicted" in a.situation_text()
    assert "Please write to the authorities" not in a.situation_text()


def test_seed_addressees():
    a = read_appeal(SEED)
    assert len(a.addressees) == 7
    first = a.addressees[0]
    assert (first.position, first.email) == ("President of the Republic of Tajikistan", "mail@president.tj")
    embassy = a.addressees[-1]
    assert embassy.name == "Embassy of the Republic of Tajikistan in Brussels" and embassy.position == ""


def test_follow_up_code_has_case_and_number():
    a = read_appeal(FIXTURES / "appeals" / "kaz-plural-defendants.txt")
    assert a.code == "KAZ 003 / 0423 / OBS 041.1"
    assert (a.case_code, a.follow_up) == ("KAZ 003 / 0423 / OBS 041", 1)


def test_html_page_is_read_without_scripts_and_menus():
    a = read_appeal(FIXTURES / "appeal-page.html")
    assert a.code == "ARM 002 / 0125 / OBS 005"
    assert a.country.code == "AM" and a.date.iso == "2025-01-14"
    assert "tracker" not in a.text and "Home" not in a.text
    assert "Ms. Anna Petrosyan, a human rights defender, was arrested" in a.text


def test_appeal_without_code_gets_a_stable_identifier_and_a_warning(tmp_path):
    f = tmp_path / "news.txt"
    f.write_text("Journalist arrested in Uzbekistan\n\nThe journalist Bobur Aliyev was arrested in Tashkent on "
                 "3 May 2024 and charged with fraud, his lawyer said on Friday.\n", encoding="utf-8")
    a, b = read_appeal(f), read_appeal(f)
    assert a.code == b.code and a.code.startswith("RG-") and not a.code_printed
    assert any("no appeal code" in w for w in a.warnings)


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
    (b"\x00\x01\x02binary\x00" * 50, "binary file"),
    ("Arrestation de M. Dupont à Genève, détenu arbitrairement.".encode("latin-1") * 5, "not UTF-8"),
])
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(AppealError) as err:
        read_appeal(f)
    assert message in str(err.value) and str(f) in str(err.value) and "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(AppealError, match="no such file"):
        read_appeal(tmp_path / "nope.txt")
