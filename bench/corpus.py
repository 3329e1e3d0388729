"""Synthetic appeals for benchmarks and tests: N appeals, deterministic from a seed, in the style of the
Observatory's urgent interventions (plain text and HTML pages) and Amnesty's urgent actions.

Every name, organisation and event here is invented. The variety is the archive's: many countries (from
ontology/vocab/countries.ttl), several defendants per appeal, relatives (named and unnamed), parties, trade
unions and NGOs with acronyms, several charges under articles of a code, sentences, follow-ups of a case
(codes with a .1, .2 suffix) and persons who recur across appeals under other spellings.

    python bench/corpus.py 1000 /tmp/corpus --seed 7
"""
from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from repgraph.vocab import countries

GIVEN_F = ["Rukhshona", "Aigerim", "Olga", "Nargiz", "Leila", "Fatima", "Mariam", "Zarina", "Gulnara", "Yulia",
           "Nasrin", "Amina", "Svetlana", "Dilfuza", "Khadija", "Ana", "Lucia", "Esther", "Grace", "Miriam",
           "Natalia", "Saida", "Hanane", "Yasmin", "Irina", "Aziza", "Mahbouba", "Teresa", "Shirin", "Noura"]
GIVEN_M = ["Daniyar", "Yerlan", "Andrei", "Shokirjon", "Ilkhom", "Rustam", "Eldar", "Karim", "Omar", "Ahmed",
           "Bakhtiyor", "Sergei", "Aleksandr", "Tigran", "Javier", "Carlos", "Samuel", "Joseph", "Khalid", "Youssef",
           "Mikhail", "Timur", "Ruslan", "Nabeel", "Hossein", "Vusal", "Emin", "Pedro", "Moussa", "Abdullah"]
FAMILY = ["Khakimov", "Tulegenov", "Abishev", "Saparov", "Kovalchuk", "Maslov", "Titiyev", "Sotoudeh", "Rahimov",
          "Safarov", "Aliyev", "Mammadov", "Nazarov", "Yusupov", "Karimov", "Petrosyan", "Hakobyan", "Ismailov",
          "Mukhtarov", "Bakirov", "Qureshi", "Haddad", "Mansour", "Kamara", "Okafor", "Mendoza", "Quispe", "Ortega",
          "Wangari", "Diallo", "Rashidov", "Zhakupov", "Ospanov", "Gafurov", "Sharipov", "Valiev", "Dzhuraev",
          "Sabirov", "Kurbanov", "Akhmedov"]
# transliteration variants an archive carries for one person (see repgraph.identity.skeleton)
SPELLINGS = [("kh", "h"), ("iy", "i"), ("ou", "u"), ("Dzh", "J"), ("sh", "sch"), ("k", "q"), ("v", "w")]
ORGS = [("Confederation of Independent Trade Unions of {c}", "CITU", "trade union"),
        ("Social Democratic Party of {c}", "SDP", "party"), ("Democratic Choice of {c}", "DCP", "party"),
        ("{c} Helsinki Committee for Human Rights", "HCHR", "NGO"), ("Centre for Investigative Journalism of {c}", "",
                                                                     "media"),
        ("{d} Bar Association", "", "NGO"), ("Union of Journalists of {c}", "UJ", "trade union"),
        ("{d} Women's Rights Network", "WRN", "NGO"), ("Human Rights Centre Memorial {c}", "", "NGO"),
        ("National Movement for Democracy in {c}", "NMD", "party")]
ROLES = ["human rights defender", "journalist", "lawyer", "trade unionist", "blogger", "environmental activist",
         "woman human rights defender", "member of the opposition", "academic", "land rights defender"]
CHARGES = ["organising an illegal strike", "spreading false information", "high treason", "hooliganism",
           "inciting social discord", "participation in an extremist organisation", "calls for mass unrest",
           "insulting the President", "tax evasion", "illegal border crossing", "fraud", "abuse of office"]
CATEGORIES = ["Arbitrary detention", "Judicial harassment", "Criminalisation", "Sentencing", "Administrative harassment",
              "Enforced disappearance", "Killing", "Release", "Travel ban", "Ill-treatment"]
RELATIVES = [("wife", "F"), ("husband", "M"), ("mother", "F"), ("father", "M"), ("brother", "M"), ("sister", "F"),
             ("uncle", "M"), ("daughter", "F"), ("son", "M")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def spell(name: str, rng: random.Random) -> str:
    """NAME as another publisher (or the same, years later) may transliterate it."""
    options = [(a, b) for a, b in SPELLINGS if a in name]
    if not options:
        return name
    a, b = rng.choice(options)
    return name.replace(a, b, 1)


def family_of(name: str, female: bool) -> str:
    """The family name of NAME as a relative of that gender carries it (Nazarova / Nazarov)."""
    family = name.split()[-1]
    if family.endswith(("ova", "eva", "ina")) and not female:
        return family[:-1]
    if family.endswith(("ov", "ev", "in")) and female:
        return family + "a"
    return family


def day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@dataclass
class Person:
    given: str
    family: str
    female: bool
    role: str
    age: int

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def title(self) -> str:
        return "Ms." if self.female else "Mr."

    @property
    def pronoun(self) -> str:
        return "her" if self.female else "his"


@dataclass
class Case:
    """A case the archive follows: its country, its defendants and its appeals so far."""
    country: object
    number: int
    persons: list[Person]
    org: tuple[str, str, str]
    charges: list[tuple[str, str]]
    start: date
    appeals: int = 0
    relative: tuple[str, str, str] | None = None
    extra: dict = field(default_factory=dict)


class Corpus:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.countries = [c for c in countries() if c.demonyms]
        self.cases: list[Case] = []
        self.recurring: list[Person] = []

    def person(self) -> Person:
        rng = self.rng
        if self.recurring and rng.random() < 0.15:      # someone already named in another case
            return self.recurring[rng.randrange(len(self.recurring))]
        female = rng.random() < 0.45
        family = rng.choice(FAMILY)
        if female and family.endswith(("ov", "ev", "in")):
            family += "a"
        p = Person(rng.choice(GIVEN_F if female else GIVEN_M), family, female, rng.choice(ROLES), rng.randint(19, 74))
        if rng.random() < 0.3:
            self.recurring.append(p)
        return p

    def new_case(self, when: date) -> Case:
        rng = self.rng
        country = rng.choice(self.countries)
        persons = []
        while len(persons) < rng.choice([1, 1, 1, 2, 2, 3, 4]):
            p = self.person()
            if all(q.name != p.name for q in persons):
                persons.append(p)
        code = country.name.split()[0]
        charges = [(rng.choice(CHARGES), f"{rng.randint(100, 420)}" + (f".{rng.randint(1, 4)}" if rng.random() < 0.3 else ""))
                   for _ in range(rng.choice([1, 1, 2, 2, 3]))]
        charges = list(dict(charges).items())
        case = Case(country, len(self.cases) + 1, persons, rng.choice(ORGS), charges, when)
        case.extra["iso3"] = (re.sub(r"[^A-Z]", "", code.upper()) + "XXX")[:3]
        if rng.random() < 0.5:
            rel, g = rng.choice(RELATIVES)
            case.relative = (rel, g, rng.choice(GIVEN_F if g == "F" else GIVEN_M))
        self.cases.append(case)
        return case

    def appeal(self, i: int, when: date) -> tuple[str, str]:
        """The I-th appeal: (file name, text)."""
        rng = self.rng
        open_cases = [c for c in self.cases[-300:] if c.appeals < 4]
        if open_cases and rng.random() < 0.25:
            case = rng.choice(open_cases)
        else:
            case = self.new_case(when)
        follow_up = case.appeals
        case.appeals += 1
        style = "amnesty" if rng.random() < 0.12 else "html" if rng.random() < 0.1 else "obs"
        # a follow-up may spell the names as another publisher did (one spelling throughout one appeal)
        names = [spell(p.name, rng) if follow_up and rng.random() < 0.4 else p.name for p in case.persons]
        body = self.narrative(case, names, follow_up, when)
        if style == "amnesty":
            text = self.amnesty(case, names, i, when, body)
            return f"ua-{i:05d}.txt", text
        text = self.observatory(case, names, follow_up, when, body)
        if style == "html":
            return f"obs-{i:05d}.html", to_html(text)
        return f"obs-{i:05d}.txt", text

    def narrative(self, case: Case, names: list[str], follow_up: int, when: date) -> list[str]:
        rng = self.rng
        c = case.country
        demonym = c.demonyms[0]
        org, acronym, _ = case.org
        org = org.format(c=c.name, d=demonym)
        first = case.persons[0]
        titled = [f"{p.title} {n}" for p, n in zip(case.persons, names)]
        who = titled[0] if len(titled) == 1 else ", ".join(titled[:-1]) + " and " + titled[-1]
        arrest = case.start - timedelta(days=rng.randint(20, 300))
        city = rng.choice(["the capital", c.name.split()[0] + " City", "the north of the country"])
        paras = [f"The Observatory has been informed about the {'continued ' if follow_up else ''}arbitrary detention "
                 f"and judicial harassment of {who}, {'members' if len(names) > 1 else 'a member'} of the {org}"
                 + (f" ({acronym})" if acronym else "") + "."]
        for p, n in zip(case.persons, names):
            paras.append(f"{p.title} {n.split()[-1]}, a {p.age}-year-old {p.role}, was arrested on {day(arrest)} in "
                         f"{city}. Two days later, police searched {p.pronoun} home.")
        charges = " and ".join(f"\"{off}\" under Article {art}" for off, art in case.charges)
        subject = f"{first.title} {names[0].split()[-1]}" if len(names) == 1 else "The defendants"
        paras.append(f"{subject} {'was' if len(names) == 1 else 'were'} charged with {charges} of the Criminal Code "
                     f"of {c.name}.")
        if follow_up:
            verdict = case.start + timedelta(days=30 * follow_up)
            court = f"{rng.choice(['Supreme', 'Regional', 'District', 'City'])} Court of {c.name.split()[0]}"
            years = rng.choice(NUMBERS)
            paras.append(f"On {day(verdict)}, the {court} sentenced {first.title} {names[0].split()[-1]} to {years} "
                         f"years in prison.")
            for p, n in zip(case.persons[1:], names[1:]):
                penalty = rng.choice(["a two-year suspended sentence", "a fine of 500,000", f"{rng.choice(NUMBERS)} years in prison"])
                paras.append(f"{p.title} {n.split()[-1]} was sentenced to {penalty}.")
            if rng.random() < 0.3:
                paras.append("An appeal request has been submitted, but the date of the hearing has not been disclosed.")
        if case.relative:
            rel, g, given = case.relative
            if rng.random() < 0.6:
                paras.append(f"{first.pronoun.capitalize()} {rel}, {given} {family_of(names[0], g == 'F')}, was summoned for "
                             f"questioning and threatened by the police.")
            else:
                paras.append(f"{first.pronoun.capitalize()} {rel} was summoned for questioning on {day(arrest + timedelta(days=9))}.")
        if rng.random() < 0.3:
            paras.append(f"{first.title} {names[0].split()[-1]} is the mother of two young children." if first.female else
                         f"{first.title} {names[0].split()[-1]}'s two sons were interrogated by the security services.")
        paras.append(f"The Observatory condemns the {'continued ' if follow_up else ''}arbitrary detention of {who}, "
                     f"which seems to merely aim at punishing {'them' if len(names) > 1 else first.pronoun.replace('his', 'him')} "
                     f"for {'their' if len(names) > 1 else first.pronoun} legitimate human rights activities.")
        return paras

    def addressees(self, case: Case) -> list[str]:
        rng = self.rng
        c = case.country
        dom = (c.code.lower() if c.code else "gov")
        leader = f"{rng.choice(GIVEN_M)} {rng.choice(FAMILY)}"
        return [f"Mr. {leader}, President of {c.name}. Email: president@example.{dom}",
                f"Mr. {rng.choice(GIVEN_M)} {rng.choice(FAMILY)}, Minister of Justice of {c.name}. E-mail: justice@example.{dom}",
                f"Permanent Mission of {c.name} to the United Nations in Geneva, Switzerland. Email: mission@example.ch",
                f"Embassy of {c.name} in Brussels, Belgium. Email: embassy@example.be"][: rng.randint(2, 4)]

    def observatory(self, case: Case, names: list[str], follow_up: int, when: date, body: list[str]) -> str:
        rng = self.rng
        c = case.country
        first = case.persons[0]
        code = f"{case.extra['iso3']} {case.number % 1000:03d} / {case.start:%m%y} / OBS {case.number % 997:03d}" + \
            (f".{follow_up}" if follow_up else "")
        cats = rng.sample(CATEGORIES, rng.randint(1, 3))
        what = "Sentencing" if follow_up else rng.choice(["Arbitrary detention", "Judicial harassment", "Criminalisation"])
        title = f"{c.name}: {what} of {first.role} {names[0]}" + (" and others" if len(case.persons) > 1 else "")
        out = ["Urgent Interventions", "", title, "", code, " /\n".join(cats), day(when), "",
               "The Observatory for the Protection of Human Rights Defenders, a partnership of the World Organisation "
               "Against Torture (OMCT) and FIDH, " + ("has received new information and " if follow_up else "") +
               f"requests your urgent intervention in the following situation in {c.name}.", "",
               "New information:" if follow_up else "Description of the situation:", ""]
        for p in body:
            out += [p, ""]
        out += ["Actions requested:", "", f"Please write to the authorities of {c.name} asking them to:", "",
                f"  1. Immediately and unconditionally release {first.title} {names[0]} and all human rights "
                f"defenders arbitrarily detained in {c.name};",
                "  2. Put an end to all acts of harassment, including at the judicial level, against them.", ""]
        out += [f"  • {a}" for a in self.addressees(case)]
        out += ["", f"Please also write to the diplomatic representations of {c.name} in your respective countries.", "",
                f"Geneva-Paris, {day(when)}", "",
                "Kindly inform us of any action undertaken quoting the code of this appeal in your reply."]
        return "\n".join(out) + "\n"

    def amnesty(self, case: Case, names: list[str], i: int, when: date, body: list[str]) -> str:
        first = case.persons[0]
        c = case.country
        index = f"{case.extra['iso3']} {i % 90 + 10:02d}/{i % 9000 + 1000:04d}/{when.year}"
        head = f"{first.role.upper()} DETAINED FOR PEACEFUL ACTIVISM"
        out = ["URGENT ACTION", "", head, "", f"Index: {index}", f"Date: {day(when)}", ""]
        body = [p.replace("The Observatory has been informed about", "Amnesty International is concerned about")
                .replace("The Observatory condemns", "Amnesty International condemns") for p in body]
        for p in body:
            out += [p, ""]
        out += ["Actions requested:", "", f"Write to the authorities of {c.name} asking them to release "
                f"{first.title} {names[0]} immediately and unconditionally.", ""]
        out += [f"  • {a}" for a in self.addressees(case)]
        return "\n".join(out) + "\n"


def to_html(text: str) -> str:
    """An appeal as its publisher's web page: header, paragraphs, addressee list, furniture around it."""
    lines = text.split("\n")
    title = lines[2]
    paras = []
    for block in "\n".join(lines[2:]).split("\n\n"):
        block = block.strip()
        if not block:
            continue
        esc = block.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if block.endswith(":") and len(block) < 40:
            paras.append(f"<h3>{esc}</h3>")
        elif block.startswith("•"):
            items = "".join(f"<li>{x.strip(' •')}</li>" for x in esc.split("\n"))
            paras.append(f"<ul>{items}</ul>")
        else:
            paras.append("<p>" + esc.replace("\n", "<br>") + "</p>")
    body = "\n".join(paras)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Observatory</title>"
            f"<script>window.tracker = 1;</script></head>\n<body>\n<nav><a href=\"/\">Home</a></nav>\n<article>\n"
            f"{body}\n</article>\n<footer>© Observatory</footer>\n</body></html>\n")


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write N appeals into OUT (created); the same N and SEED always give the same files."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(seed)
    when = date(1998, 1, 15)
    paths = []
    for i in range(n):       # a steady pace, so that the first N appeals of a larger corpus are the same files
        d = when + timedelta(days=i * 9 // 10)
        name, text = corpus.appeal(i, d)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="how many appeals")
    ap.add_argument("out", type=Path, help="folder to write them into")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = generate(args.n, args.out, args.seed)
    print(f"wrote {len(paths)} appeals into {args.out}")


if __name__ == "__main__":
    main()
