"""Detectors and names lists: what is found, what is left alone."""

from __future__ import annotations

import pytest

from discourse.errors import ConfigError
from discourse.privacy.detect import NameMatcher, find_candidates, find_patterns, fnr_is_valid
from discourse.privacy.key import PseudonymKey
from discourse.privacy.names import NameList, load_names
from discourse.privacy.pseudonymise import Pseudonymiser, replace_spans

# Weights of the two control digits, written out from the National Registry's description
# (Skatteetaten), independently of the module under test.
W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def make_fnr(birth: str) -> str:
    """A valid fødselsnummer for DDMMYY ``birth``: the first individual number that works."""
    for individual in range(100, 500):
        digits = [int(c) for c in f"{birth}{individual:03d}"]
        k1 = 11 - sum(d * w for d, w in zip(digits, W1, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        digits.append(k1)
        k2 = 11 - sum(d * w for d, w in zip(digits, W2, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return "".join(map(str, digits)) + str(k2)
    raise AssertionError("no valid number")  # pragma: no cover


FNR = make_fnr("150385")
BAD_FNR = FNR[:10] + str((int(FNR[10]) + 1) % 10)  # second control digit wrong


def test_constructed_fnr_is_valid_and_a_changed_digit_is_not():
    assert len(FNR) == 11 and fnr_is_valid(FNR)
    assert not fnr_is_valid(BAD_FNR)
    assert not fnr_is_valid(FNR[:9] + str((int(FNR[9]) + 1) % 10) + FNR[10])
    assert not fnr_is_valid("12345678901")
    assert fnr_is_valid(f"{FNR[:6]} {FNR[6:]}")


def types_values(text: str) -> list[tuple[str, str]]:
    return [(s.type, s.value) for s in find_patterns(text)]


@pytest.mark.parametrize(
    "phone",
    ["915 55 123", "22 00 41 17", "40012346", "+47 400 12 345", "0047 47 11 22 33", "+4791555123"],
)
def test_norwegian_phone_formats(phone):
    assert types_values(f"Ring meg på {phone} i morgen.") == [("TELEFON", phone)]


@pytest.mark.parametrize(
    "text",
    [
        "Budsjettet var 4 500 000 kroner.",  # an amount, 1-3-3
        "Organisasjonsnummer 923 456 789.",  # 3-3-3: nine digits
        "Saken har nummer 2023/12345.",
        "Kl. 12.30 den 14.03.2023.",
        "Kontonummer 1234 56 78901.",
        "Tallet 915551234 har ni sifre.",
    ],
)
def test_other_numbers_are_not_phones(text):
    assert [t for t, _ in types_values(text)] == []


def test_valid_fnr_replaced_invalid_eleven_digits_left_alone():
    found = types_values(f"Fødselsnummer {FNR}, kundenummer {BAD_FNR}, ordre 12345678901.")
    assert found == [("FNR", FNR)]


def test_email_and_urls():
    text = (
        "Skriv til kari.nordmann@mentorbrua.example eller se www.mentorbrua.example/om-oss, "
        "https://fjordvik.kommune.example/sak?id=3 og mentorbrua.no."
    )
    assert types_values(text) == [
        ("EPOST", "kari.nordmann@mentorbrua.example"),
        ("URL", "www.mentorbrua.example/om-oss"),
        ("URL", "https://fjordvik.kommune.example/sak?id=3"),
        ("URL", "mentorbrua.no"),
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hun er født 3. mars 1985 i Bergen.", "3. mars 1985"),
        ("Født 03.03.1985.", "03.03.1985"),
        ("han er fødd den 4. juni 1990", "4. juni 1990"),
        ("Fødselsdato: 12.10.77", "12.10.77"),
        ("She was born 3 March 1985.", "3 March 1985"),
        ("born on March 3, 1985", "March 3, 1985"),
    ],
)
def test_dates_of_birth(text, date):
    assert types_values(text) == [("FØDSELSDATO", date)]


def test_dates_that_are_not_births_are_left_alone():
    assert types_values("Møtet var 3. mars 1985, og piloten startet 01.09.2022.") == []


NAMES = NameList.from_records(
    [
        {"name": "Kari Nordmann", "type": "person", "aliases": ["Kari"]},
        ("Lars", "person"),
        ("Fjordvik kommune", "org"),
        ("Sterk Start", "org"),
        ("Fjordvik", "sted"),
        ("Matverket", "org"),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Karis sak", ["Karis"]),
        ("Kari Nordmanns kontor", ["Kari Nordmanns"]),
        ("Kari's office", ["Kari's"]),
        ("Lars' bil", ["Lars'"]),
        ("Fjordvik kommunes budsjett", ["Fjordvik kommunes"]),
        ("i Fjordvik kommunen", ["Fjordvik kommunen"]),
        ("Fjordvik kommunene", ["Fjordvik kommunene"]),
        ("Fjordvik\nkommune", ["Fjordvik\nkommune"]),
        ("FJORDVIK KOMMUNE", ["FJORDVIK KOMMUNE"]),
        ("FJORDVIK KOMMUNES", ["FJORDVIK KOMMUNES"]),
        ("Matverkets kunder", ["Matverkets"]),
        ("fra Fjordviks side", ["Fjordviks"]),
        ("Sterk Start AS", ["Sterk Start"]),
    ],
)
def test_names_in_inflected_and_genitive_forms(text, expected):
    assert [s.value for s in NameMatcher(NAMES).find(text)] == expected


@pytest.mark.parametrize("text", ["Karianne og Karin", "en sterk start", "Larsen", "Kariss"])
def test_other_words_are_not_names(text):
    assert NameMatcher(NAMES).find(text) == []


def test_person_names_take_no_noun_endings():
    assert NameMatcher(NAMES).find("Karien") == []


def test_pseudonymiser_replaces_consistently_and_keeps_offsets():
    p = Pseudonymiser(NAMES, PseudonymKey())
    text = "Kari ringte Lars. Karis kollega i Fjordvik kommune ringte Kari Nordmann på 40012346."
    new, omap, spans = p.replace(text)
    assert new == (
        "[PERSON_1] ringte [PERSON_2]. [PERSON_1] kollega i [ORG_1] ringte [PERSON_1] på [TELEFON]."
    )
    for span in spans:  # every replaced span maps onto its pseudonym
        a, b = omap.to_new(span.start, "start"), omap.to_new(span.end, "end")
        assert new[a:b].startswith("[") and new[a:b].endswith("]")
        assert omap.to_old(a) == span.start and omap.to_old(b, "end") == span.end
    k = text.index("ringte Lars")  # text outside replacements maps one to one
    assert new[omap.to_new(k) : omap.to_new(k) + 6] == "ringte"


def test_offset_inside_a_replacement_widens_to_the_whole_pseudonym():
    from discourse.privacy.detect import Span

    new, omap = replace_spans("ab Kari cd", [Span(3, 7, "PERSON", "Kari")], ["[PERSON_1]"])
    assert omap.to_new(5, "start") == 3 and omap.to_new(5, "end") == 13
    assert omap.to_new(8) == 14 and new[14:] == "cd"


def test_fixed_replacements_and_numbering_after_them():
    names = NameList.from_records(
        [
            {"name": "Kari", "type": "person", "replacement": "[PERSON_5]"},
            ("Ola", "person"),
        ]
    )
    new, _, _ = Pseudonymiser(names, PseudonymKey()).replace("Ola og Kari")
    assert new == "[PERSON_6] og [PERSON_5]"


def test_candidates_are_capitalised_unknown_words_inside_sentences():
    text = "Torgrim kom. Vi snakket med Torgrim og Innovasjon om NAV-lederen i Havdalsbygda."
    found = [s.value for s in find_candidates(text, {"innovasjon"})]
    assert found == ["Torgrim", "Havdalsbygda"]  # not sentence-initial, not common, not acronyms


def test_names_file_csv_and_yaml(tmp_path):
    csv_file = tmp_path / "names.csv"
    csv_file.write_text(
        'name;type;replacement;aliases\nKari Nordmann;person;;"Kari; K. Nordmann"\n'
        "Fjordvik kommune;organisasjon;;\nFjordvik;sted;;\n",
        encoding="utf-8",
    )
    names = load_names(csv_file)
    assert [(e.name, e.pseudonym_type, e.aliases) for e in names.entities] == [
        ("Kari Nordmann", "PERSON", ("Kari", "K. Nordmann")),
        ("Fjordvik kommune", "ORG", ()),
        ("Fjordvik", "STED", ()),
    ]
    yml = tmp_path / "names.yml"
    yml.write_text(
        "person:\n  - Kari Nordmann\n  - {name: Ole Hansen, aliases: [Ole], replacement: Per}\n"
        "place: [Fjordvik]\n",
        encoding="utf-8",
    )
    names = load_names(yml)
    assert [(e.name, e.type, e.replacement) for e in names.entities] == [
        ("Kari Nordmann", "person", None),
        ("Ole Hansen", "person", "Per"),
        ("Fjordvik", "place", None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name\nKari\n", "needs the columns name and type"),
        ("name,type\nKari,animal\n", "line 2: unknown type 'animal'"),
        ("name,type\n,person\n", "line 2: the name is empty"),
        ("name,type,aliases\nKari,person,\nKari Nordmann,person,Kari\n", "names two entities"),
    ],
)
def test_bad_names_files(tmp_path, content, message):
    path = tmp_path / "names.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        load_names(path)
    assert str(path) in str(err.value)


def test_missing_names_file(tmp_path):
    with pytest.raises(ConfigError, match="names list not found"):
        load_names(tmp_path / "nope.csv")
