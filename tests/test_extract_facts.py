"""Small, certain facts that the extractor takes from each test appeal (tests/fixtures/appeals/),
one test each, read from the rows the named queries would give (see tests/quality.py)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from quality import rows

APPEALS = Path(__file__).resolve().parent / "fixtures" / "appeals"


@cache
def facts_of(name: str) -> dict[str, list[dict]]:
    return rows(APPEALS / name)


FACTS = [
    # plural defendants, relative dates ("Two days later"), release on bail
    ("kaz-plural-defendants.txt", "charges", {"person": "Aigerim Saparova", "article": "274"}),
    ("kaz-plural-defendants.txt", "charges", {"person": "Yerlan Abishev", "article": "402"}),
    ("kaz-plural-defendants.txt", "sentences", {"person": "Daniyar Tulegenov", "penalty": "imprisonment", "duration": "P5Y",
                                                "date": "2024-06-04", "court": "Aktobe City Court"}),
    ("kaz-plural-defendants.txt", "sentences", {"person": "Yerlan Abishev", "penalty": "suspended_sentence",
                                                "duration": "P2Y"}),
    ("kaz-plural-defendants.txt", "events", {"person": "Daniyar Tulegenov", "event": "arrest", "date": "2024-03-14"}),
    ("kaz-plural-defendants.txt", "events", {"person": "Daniyar Tulegenov", "event": "search", "date": "2024-03-16"}),
    ("kaz-plural-defendants.txt", "events", {"person": "Aigerim Saparova", "event": "release", "date": "2024-04-02"}),
    ("kaz-plural-defendants.txt", "relatives", {"person": "Daniyar Tulegenov", "relative": "", "relation": "son"}),
    # "Messrs. A, B and Ms. C", decimal articles, month precision
    ("aze-journalists-smuggling.txt", "charges", {"person": "Ramin Valiyev", "article": "206.3.2",
                                                  "legal_code": "Criminal Code of Azerbaijan"}),
    ("aze-journalists-smuggling.txt", "charges", {"person": "Elnur Gasimli", "article": "192.3.2"}),
    ("aze-journalists-smuggling.txt", "events", {"person": "Lamiya Huseynzade", "event": "arrest", "date": "2024-03-11"}),
    ("aze-journalists-smuggling.txt", "events", {"person": "Lamiya Huseynzade", "event": "detention", "date": "2024-03-12"}),
    ("aze-journalists-smuggling.txt", "events", {"person": "Elnur Gasimli", "event": "detention", "date": "2022-05"}),
    # acquittal at year precision, disappearance
    ("blr-killing-disappearance.txt", "events", {"person": "Olga Maslova", "event": "acquittal", "date": "2022"}),
    ("blr-killing-disappearance.txt", "events", {"person": "Olga Maslova", "event": "disappearance", "date": "2023-12-01"}),
    ("blr-killing-disappearance.txt", "charges", {"person": "Olga Maslova", "article": "368"}),
    ("blr-killing-disappearance.txt", "events", {"person": "Andrei Kovalchuk", "event": "killing", "date": "2023-11-28"}),
    ("blr-killing-disappearance.txt", "relatives", {"person": "Andrei Kovalchuk", "relative": "Irina Kovalchuk",
                                                    "relation": "wife"}),
    # "Articles 610 and 500", named husband, unnamed daughter, release on bail, suspended sentence
    ("irn-defender-travel-ban.txt", "charges", {"person": "Shirin Daneshvar", "article": "610"}),
    ("irn-defender-travel-ban.txt", "charges", {"person": "Shirin Daneshvar", "article": "500"}),
    ("irn-defender-travel-ban.txt", "relatives", {"person": "Shirin Daneshvar", "relative": "Reza Tavakoli", "relation": "husband"}),
    ("irn-defender-travel-ban.txt", "relatives", {"person": "Shirin Daneshvar", "relative": "", "relation": "daughter"}),
    ("irn-defender-travel-ban.txt", "events", {"person": "Shirin Daneshvar", "event": "release", "date": "2024-03-31"}),
    ("irn-defender-travel-ban.txt", "events", {"person": "Reza Tavakoli", "event": "summons", "date": "2024-04-10"}),
    # words glued together as in scraped PDFs ("Ms.Karimova wasarrested")
    ("uzb-scraped-no-spaces.txt", "persons", {"name": "Dilnoza Karimova", "gender": "female"}),
    ("uzb-scraped-no-spaces.txt", "relatives", {"person": "Dilnoza Karimova", "relative": "Jasur Karimov", "relation": "brother"}),
    ("uzb-scraped-no-spaces.txt", "relatives", {"person": "Dilnoza Karimova", "relative": "", "relation": "mother"}),
    ("uzb-scraped-no-spaces.txt", "memberships", {"person": "Sardor Umarov", "organisation": "Fergana Legal Aid Centre"}),
    ("uzb-scraped-no-spaces.txt", "charges", {"person": "Dilnoza Karimova", "article": "168"}),
    # party membership, named brother, "Part 2 of Article 307", year precision
    ("tjk-party-deputy-brother.txt", "memberships", {"person": "Farhod Nazarov", "role": "deputy chairman",
                                                     "organisation": "Party of Democratic Renewal of Tajikistan"}),
    ("tjk-party-deputy-brother.txt", "relatives", {"person": "Farhod Nazarov", "relative": "Bahrom Nazarov", "relation": "brother"}),
    ("tjk-party-deputy-brother.txt", "charges", {"person": "Bahrom Nazarov", "article": "307"}),
    ("tjk-party-deputy-brother.txt", "sentences", {"person": "Bahrom Nazarov", "penalty": "imprisonment", "duration": "P7Y",
                                                   "date": "2025-02-06", "court": "Sughd Regional Court"}),
    ("tjk-party-deputy-brother.txt", "sentences", {"person": "Davron Saidov", "duration": "P20Y", "date": "2016"}),
    ("tjk-party-deputy-brother.txt", "events", {"person": "Bahrom Nazarov", "event": "arrest", "date": "2024-10"}),
    # five defendants, "Part 2 of Article 314", years and months
    ("tur-five-lawyers-acquittal.txt", "sentences", {"person": "Deniz Aydemir", "penalty": "imprisonment",
                                                     "duration": "P6Y3M", "date": "2024-09-24"}),
    ("tur-five-lawyers-acquittal.txt", "sentences", {"person": "Burak Kaplan", "penalty": "imprisonment",
                                                     "duration": "P6Y3M", "date": "2024-09-24"}),
    ("tur-five-lawyers-acquittal.txt", "relatives", {"person": "Deniz Aydemir", "relative": "Kemal Aydemir",
                                                     "relation": "husband"}),
    ("tur-five-lawyers-acquittal.txt", "events", {"person": "Zeynep Ocak", "event": "indictment", "date": "2024-04-02"}),
    ("tur-five-lawyers-acquittal.txt", "events", {"person": "Emre Tatlici", "event": "arrest", "date": "2024-01-15"}),
    ("tur-five-lawyers-acquittal.txt", "events", {"person": "Kemal Aydemir", "event": "interrogation", "date": "2024-02-03"}),
    # a news article without a code
    ("rus-news-penal-colony.txt", "sentences", {"person": "Viktor Sokolov", "penalty": "imprisonment", "duration": "P3Y6M"}),
    ("rus-news-penal-colony.txt", "relatives", {"person": "Viktor Sokolov", "relative": "Natalia Sokolova", "relation": "wife"}),
    ("rus-news-penal-colony.txt", "memberships", {"person": "Viktor Sokolov", "organisation": "Clean Tom River", "role": "founder"}),
    # an Amnesty "Further information on UA" page in HTML
    ("egy-amnesty-further-info.html", "relatives", {"person": "Omar Farouk Hassan", "relative": "Karim", "relation": "brother"}),
    ("egy-amnesty-further-info.html", "events", {"person": "Omar Farouk Hassan", "event": "release", "date": "2024-10-28"}),
    ("egy-amnesty-further-info.html", "charges", {"person": "Omar Farouk Hassan", "article": "12"}),
    # house arrest
    ("kgz-fines-house-arrest.txt", "sentences", {"person": "Gulnara Asanova", "penalty": "house_arrest", "duration": "P2Y"}),
    ("kgz-fines-house-arrest.txt", "events", {"person": "Talant Mamytov", "event": "arrest", "date": "2024-06-21"}),
    ("kgz-fines-house-arrest.txt", "sentences", {"person": "Talant Mamytov", "penalty": "probation", "duration": "P3Y"}),
    ("kgz-fines-house-arrest.txt", "relatives", {"person": "Gulnara Asanova", "relative": "Elnura Asanova",
                                                 "relation": "daughter"}),
    # killings, threats, a named son
    ("mex-killing-land-defenders.txt", "relatives", {"person": "Tomás Herrera Cruz", "relative": "Julián Herrera Ramos",
                                                     "relation": "son"}),
    ("mex-killing-land-defenders.txt", "relatives", {"person": "Tomás Herrera Cruz", "relative": "Rosa Ramos Díaz",
                                                     "relation": "wife"}),
    ("mex-killing-land-defenders.txt", "events", {"person": "Tomás Herrera Cruz", "event": "threat", "date": "2024-03"}),
    # prison followed by probation
    ("vnm-blogger-probation.txt", "charges", {"person": "Tran Van Hieu", "article": "117"}),
    ("vnm-blogger-probation.txt", "relatives", {"person": "Tran Van Hieu", "relative": "Le Thi Mai", "relation": "wife"}),
    ("vnm-blogger-probation.txt", "events", {"person": "Tran Van Hieu", "event": "arrest", "date": "2024-07-05"}),
    ("vnm-blogger-probation.txt", "sentences", {"person": "Tran Van Hieu", "penalty": "imprisonment", "duration": "P8Y",
                                                "date": "2025-01-14"}),
    ("vnm-blogger-probation.txt", "sentences", {"person": "Tran Van Hieu", "penalty": "probation", "duration": "P3Y",
                                                "date": "2025-01-14"}),
]


@pytest.mark.parametrize("appeal, kind, fact", FACTS,
                         ids=[f"{a.split('-')[0]}-{k}-{'-'.join(f.values())}" for a, k, f in FACTS])
def test_fact(appeal, kind, fact):
    found = facts_of(appeal)[kind]
    assert any(all(row.get(k) == v for k, v in fact.items()) for row in found), \
        f"{appeal}: no {kind} row with {fact}; rows: {[{k: v for k, v in r.items() if k != '_quote'} for r in found]}"


def test_two_unnamed_sons_are_two_relatives():
    sons = [r for r in facts_of("kaz-plural-defendants.txt")["relatives"]
            if r["person"] == "Daniyar Tulegenov" and r["relation"] == "son" and not r["relative"]]
    assert len(sons) == 2


def test_news_article_without_code_gets_a_derived_identifier():
    from repgraph.appeal import read_appeal
    appeal = read_appeal(APPEALS / "rus-news-penal-colony.txt")
    assert not appeal.code_printed and appeal.code.startswith("RG-")


def test_amnesty_index_is_the_code():
    from repgraph.appeal import read_appeal
    assert read_appeal(APPEALS / "egy-amnesty-further-info.html").code == "MDE 12/8431/2024"
