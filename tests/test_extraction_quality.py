"""The extractor's precision and recall on the test appeals stay above floors, the gold files are
well-formed, and the scorer's matching rules (tests/quality.py) do what GOLD_FORMAT says."""
from __future__ import annotations

import pytest

from quality import (GOLD_DIR, Matcher, article_number, load_gold, months_days, names_match, pair_up,
                     score, table)

# measured on the fixtures at the end of issue 3 (overall P 0.900, R 0.803), rounded down to 0.05
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.8

GOLD_FILES = sorted(GOLD_DIR.glob("*.yaml"))
VOCAB = {
    "relation": {"mother", "father", "parent", "son", "daughter", "child", "brother", "sister", "sibling", "husband",
                 "wife", "spouse", "grandmother", "grandfather", "grandparent", "grandson", "granddaughter",
                 "grandchild", "uncle", "aunt", "nephew", "niece", "cousin", "relative"},
    "kind": {"political_party", "ngo", "media", "trade_union", "court", "state_body", "international_body",
             "company", "other"},
    "penalty": {"imprisonment", "suspended_sentence", "house_arrest", "fine", "travel_ban", "forced_labour",
                "probation", "death_penalty", "other"},
    "event": {"arrest", "detention", "summons", "interrogation", "search", "investigation", "charge", "indictment",
              "hearing", "trial", "conviction", "sentencing", "acquittal", "appeal", "release", "pardon",
              "travel_ban", "house_arrest", "disappearance", "torture", "ill_treatment", "killing", "attack",
              "threat", "surveillance", "raid", "deportation", "dissolution", "fine", "other"},
}


def test_overall_precision_and_recall_stay_above_their_floors():
    tallies = score(GOLD_FILES)
    overall = tallies["overall"]
    assert overall.gold > 300, "the gold files hold fewer facts than expected"
    assert overall.precision >= PRECISION_FLOOR and overall.recall >= RECALL_FLOOR, "\n" + table(tallies)


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_file_is_well_formed(path):
    doc = load_gold(path)
    assert (path.parent / doc["source"]).is_file()
    names = {p["name"] for p in doc["persons"]}
    for kind in ("relatives", "memberships", "charges", "sentences", "events"):
        for fact in doc.get(kind) or []:
            assert fact["person"] in names, f"{kind}: {fact}"
            if fact.get("relative"):
                assert fact["relative"] in names, fact
    for kind, field in (("relatives", "relation"), ("organisations", "kind"), ("sentences", "penalty"),
                        ("events", "event")):
        for fact in doc.get(kind) or []:
            assert fact[field] in VOCAB[field], f"{kind}: {fact}"


def test_articles_compare_by_their_own_number():
    assert article_number("Part 2 of Article 318") == article_number("318") == "318"
    assert article_number("220.2") == article_number("Art. 220") == "220"
    assert article_number("Article 7/2") != article_number("Article 72")


def test_durations_compare_by_length():
    assert months_days("P1Y6M") == months_days("P18M")
    assert months_days("P2W") == months_days("P14D")
    assert months_days("P1Y") != months_days("P1M")


def test_names_match_up_to_order_honorifics_and_spelling():
    assert names_match("Mr. Daniyar Tulegenov", ["Tulegenov Daniyar"])
    assert names_match("Ruhshona Khakimova", ["Rukhshona Khakimova"])
    assert not names_match("Kovalchuk", ["Andrei Kovalchuk"])
    assert not names_match("", ["Andrei Kovalchuk"])


def test_relatives_match_from_either_side_and_by_generic_term():
    match = Matcher([{"name": "Rukhshona Khakimova"}, {"name": "Shokirjon Khakimov"}])("relatives")
    uncle = {"person": "Rukhshona Khakimova", "relative": "Shokirjon Khakimov", "relation": "uncle"}
    assert match(uncle, {"person": "Shokirjon Khakimov", "relative": "Rukhshona Khakimova", "relation": "niece"})
    assert not match(uncle, {"person": "Shokirjon Khakimov", "relative": "Rukhshona Khakimova", "relation": "uncle"})
    son = {"person": "Rukhshona Khakimova", "relative": None, "relation": "child"}
    assert match(son, {"person": "Rukhshona Khakimova", "relative": "", "relation": "son"})
    assert not match(son, {"person": "Rukhshona Khakimova", "relative": "Shokirjon Khakimov", "relation": "son"})


def test_events_match_near_kinds_at_the_gold_precision():
    match = Matcher([{"name": "Olga Maslova"}])("events")
    gold = {"person": "Olga Maslova", "event": "detention", "date": "2023-12"}
    assert match(gold, {"person": "Olga Maslova", "event": "arrest", "date": "2023-12-01"})
    assert not match(gold, {"person": "Olga Maslova", "event": "arrest", "date": "2023-11-30"})
    assert not match(gold, {"person": "Olga Maslova", "event": "release", "date": "2023-12-01"})


def test_pairing_serves_the_most_specific_gold_fact_first():
    gold = [{"person": "A B", "event": "arrest"}, {"person": "A B", "event": "arrest", "date": "2024-01-02"}]
    rows = [{"person": "A B", "event": "arrest", "date": "2024-01-02"}]
    pairs = pair_up(gold, rows, Matcher([{"name": "A B"}])("events"))
    assert pairs[0][1] is None and pairs[1][1] is rows[0]
