"""Language identification (nb, nn, en) and the languages read_corpus gives documents and segments."""

from __future__ import annotations

import re

import numpy as np
import pytest
import simplemma
import wordfreq

import discourse as dc
from discourse.corpus import reader as reader_module
from discourse.corpus.formats import RawText
from discourse.corpus.language import SEGMENT_MIN_WORDS, assign_languages, tally_documents
from discourse.corpus.segment import Segment, SegmentedDocument
from discourse.errors import ConfigError, DiscourseWarning, ParameterError
from discourse.text import language as language_module
from discourse.text.language import (
    MARKER_WEIGHT,
    detect_language,
    guess_from_tally,
    guesses_from_tallies,
    identify_language,
    labels_from_tallies,
    language_scores,
    markers,
    tally_texts,
)

# Hand-written texts (not from any corpus).
NN = (
    "Eg veit ikkje kva dei tenkjer om dette, men eg trur at kommunen må gjere meir for "
    "dei unge som ikkje har noko arbeid. Korleis skal vi få det til når pengane ikkje "
    "strekk til? Det er berre ein liten del av budsjettet som går til førebygging, og "
    "mykje av arbeidet blir gjort av frivillige. Kvifor er det slik?"
)
NB = (
    "Jeg vet ikke hva de tenker om dette, men jeg tror at kommunen må gjøre mer for de "
    "unge som ikke har noe arbeid. Hvordan skal vi få det til når pengene ikke strekker "
    "til? Det er bare en liten del av budsjettet som går til forebygging, og mye av "
    "arbeidet blir gjort av frivillige. Hvorfor er det slik?"
)
EN = (
    "I do not know what they think about this, but I believe that the council has to do "
    "more for the young people who have no work. How are we going to manage that when "
    "the money does not stretch? Only a small part of the budget goes to prevention, and "
    "much of the work is done by volunteers. Why is it like that?"
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Eg veit ikkje kva eg skal seie.", "nn"),
        ("Jeg vet ikke hva jeg skal si.", "nb"),
        ("Ho kjem frå Bergen, men bur no heime hjå foreldra.", "nn"),
        ("Hun kommer fra Bergen, men bor nå hjemme hos foreldrene.", "nb"),
        ("Dei har berre fått noko hjelp frå kommunen.", "nn"),
        ("De har bare fått noe hjelp fra kommunen.", "nb"),
        ("The municipality has not answered our letter yet.", "en"),
        ("We asked them how the services could be improved.", "en"),
        (NN, "nn"),
        (NB, "nb"),
        (EN, "en"),
    ],
)
def test_hand_made_sentences(text, lang):
    assert detect_language(text) == lang
    guess = identify_language(text)
    assert guess.lang == lang and guess.margin > 0


def test_a_tie_in_the_dictionaries_is_resolved_by_the_markers():
    # simplemma only samples words of three or more letters: here just "her", which both
    # Norwegian dictionaries know, so plain simplemma cannot tell the two apart
    plain = language_scores("Eg er her.")
    assert plain["nb"] == plain["nn"]
    assert detect_language("Eg er her.") == "nn"
    assert detect_language("Jeg er her.") == "nb"
    assert detect_language("Ikkje no.") == "nn"
    assert detect_language("Ikke nå.") == "nb"


def test_scores_and_margin_follow_the_documented_formula():
    # "Eg" and "Per" are capitalised, so they are no coverage words; "Eg" is a nynorsk marker
    text = "Eg er her, sa Per."
    guess = identify_language(text)
    covered = ["er", "her", "sa"]
    norwegian = sum(simplemma.is_known(w, "nb") or simplemma.is_known(w, "nn") for w in covered)
    english = sum(simplemma.is_known(w, "en") for w in covered)
    denominator = len(covered) + MARKER_WEIGHT
    expected = {
        "nb": norwegian / denominator,
        "nn": (norwegian + MARKER_WEIGHT) / denominator,
        "en": english / len(covered),
    }
    assert guess.scores == pytest.approx(expected)
    ranked = sorted(expected.values(), reverse=True)
    assert guess.margin == pytest.approx(ranked[0] - ranked[1])
    assert guess.n_words == 5


def test_a_nynorsk_only_word_counts_at_a_sentence_start_but_not_as_a_name_inside():
    # "flogen" (flew): the nynorsk dictionary knows it, the bokmål dictionary does not
    assert simplemma.is_known("flogen", "nn") and not simplemma.is_known("flogen", "nb")
    # nb = 2 / 3 (til, byen; Flogen out of coverage as capitalised), nn = (2 + 1) / 3
    start = identify_language("Flogen til byen.")
    assert start.lang == "nn" and start.margin == pytest.approx(1 / 3)
    for text in ("Nei. «Flogen til byen.", "Ja!\n- Flogen til byen."):
        assert identify_language(text).lang == "nn"
    # capitalised inside a sentence: a likely name, no evidence
    assert identify_language("Til byen med Flogen.").margin == 0
    assert identify_language("Nei, Flogen til byen.").margin == 0


def test_an_unknown_compound_has_the_norm_of_its_head():
    # neither dictionary knows these compounds; their heads are nynorsk forms
    for word in ("utvalsmedlemene", "rollemodellar"):
        assert not any(simplemma.is_known(word, lang) for lang in ("nb", "nn", "en"))
    assert detect_language("Det er utvalsmedlemene.") == "nn"
    assert identify_language("Det er rollemodellar.").margin > 0
    assert identify_language("Det er ei bok.").lang == "nn"  # the feminine article
    # a capitalised compound is a likely name: Sponheim is no -heim
    assert identify_language("Det var Sponheim.").margin == 0
    # the linking s of a compound: forhandlingskort is kort (both norms), not skort (nn)
    assert identify_language("Det er forhandlingskort.").margin == 0


def test_margin_is_zero_for_a_true_tie_and_the_tie_goes_to_the_first_candidate():
    guess = identify_language("Dette er viktig.")  # valid in both norms, no marker
    assert guess.scores["nb"] == guess.scores["nn"]
    assert guess.lang == "nb" and guess.margin == 0
    assert identify_language("Dette er viktig.", ("nn", "nb")).lang == "nn"


def test_longer_texts_have_clearer_margins():
    short = identify_language("Eg veit ikkje.")
    assert identify_language(NN).lang == "nn"
    assert identify_language(NN).n_words > short.n_words


def test_english_stays_english_with_norwegian_names_and_loan_words():
    assert detect_language("Jonas Gahr Støre met the Minister in Oslo on Monday.") == "en"
    assert detect_language("Our data protection officer (personvernombud) agreed.") == "en"
    assert detect_language("Vi brukte en workshop og en app i prosjektet.") == "nb"


@pytest.mark.parametrize("text", ["", "   \n", "1234 5678", "12.03.2024, 14:30", "?! — …", "%"])
def test_no_words_means_no_language(text):
    guess = identify_language(text)
    assert guess.lang is None and guess.margin == 0 and guess.n_words == 0
    assert detect_language(text) is None


def test_candidates_are_checked_and_respected():
    with pytest.raises(ParameterError, match="sv"):
        identify_language("Hej", ("nb", "sv"))
    with pytest.raises(ParameterError):
        identify_language("Hei", ())
    assert set(identify_language(NN, ("nb", "en")).scores) == {"nb", "en"}
    assert detect_language(EN, ("nb", "nn")) in ("nb", "nn")
    with pytest.raises(ParameterError, match="nb and nn only"):
        markers("en")


def test_marker_lists_are_resource_files_without_overlap():
    nn_words, nn_endings = markers("nn")
    nb_words, nb_endings = markers("nb")
    assert {"ikkje", "eg", "ein", "kva", "frå", "dei", "berre", "noko", "korleis"} <= nn_words
    assert {"ikke", "jeg", "hva", "fra", "hvordan", "noe", "mye"} <= nb_words
    assert not nn_words & nb_words
    assert not {e for e, _ in nn_endings} & {e for e, _ in nb_endings}
    assert all(w == w.lower() and " " not in w for w in nn_words | nb_words)


def test_counterpart_endings_need_a_known_bokmal_form():
    # -ar counts for nynorsk only where -er in its place is a bokmål word
    assert detect_language("Han brukar bilen.") == "nn"  # brukar: bruker
    assert identify_language("Han betalte i januar.").lang == "nb"  # januar: no "januer"
    # -leg is a nynorsk ending, but "fastlege" has no -leg: the doctor stays bokmål-neutral
    assert detect_language("Eg ringde fastlegen.") == "nn"  # because of "eg"
    assert detect_language("Jeg ringte fastlegen.") == "nb"


def test_long_texts_are_sampled_and_keep_their_label():
    long_text = "\n\n".join([NN] * 400)  # about 130,000 characters
    guess = identify_language(long_text)
    assert guess.lang == "nn"
    assert guess.n_words < 0.5 * identify_language(NN).n_words * 400


def test_tallies_add_up_and_vectorised_guesses_agree():
    texts = [NN, NB, EN, "Eg veit.", "", "1234"]
    rows = tally_texts(texts)
    assert rows.shape[0] == len(texts)
    joined = tally_texts([" ".join(texts)])[0]
    assert np.array_equal(rows.sum(axis=0), joined)
    for text, guess in zip(texts, guesses_from_tallies(rows), strict=True):
        assert guess == identify_language(text)
    assert guess_from_tally(rows[:2].sum(axis=0)).lang in ("nb", "nn")


def test_the_token_path_equals_reading_every_word():
    # _tallies looks each white-space token up once; _tallies_by_words finds every word
    # with the regular expression, in context. Odd spacing, punctuation between sentences,
    # digits, abbreviations and line breaks must give the same counts.
    pieces = [
        "Eg", "veit", "ikkje.", "Ein", "«Ein", "- Ein", "...", "!»", "-", "1990.", "5km",
        "U.S.", "e.g.", "Flogen", "flogen", "byen?", "\n", "\r\n", "\t", "\u2028", "\x85",
        "(Kva)", "ikke!", "_x", "Jeg.", "the", "THE", "a.b", ".Ein", "kl.", "Per", "\x1c",
        "\xa0", "\u3000", "\x0b", "\x0c", "\u200b", "Ein\u00a0dag",
    ]
    rng = np.random.default_rng(0)
    texts = [NN, NB, EN, "", "   ", "\n\nEin dag.\n", "1234", "Ein"]
    for _ in range(300):
        k = int(rng.integers(0, 25))
        seps = rng.choice([" ", "  ", "\n", " \n ", ""], size=k)
        words = rng.choice(pieces, size=k)
        texts.append("".join(f"{w}{sep}" for w, sep in zip(words, seps, strict=True)))
    fast = language_module._tallies_by_tokens(texts)
    assert np.array_equal(fast, language_module._tallies_by_words(texts))
    assert np.array_equal(tally_texts(texts), fast)  # also when the caches are warm
    # a text holding the token path's stand-in for a line break is read word by word
    odd = ["Ein\x00Dag. \x00 Ein", "Nei. \x00 Ein", NN * 100]
    assert np.array_equal(tally_texts(odd), language_module._tallies_by_words(odd))
    # the vectorised labels are those of the guesses
    langs, margins = labels_from_tallies(fast)
    guesses = guesses_from_tallies(fast)
    assert langs == [g.lang for g in guesses]
    assert margins.tolist() == pytest.approx([g.margin for g in guesses])


def _reference_row(form):
    """The tally row of a word form computed the plain way, as first written.

    Every dictionary question goes to ``simplemma.is_known``; marker endings are tried
    one by one, longest first; compound heads are searched without any cache. The module
    gets the same rows with indexed endings, direct dictionary look-ups and caches.
    """
    lm = language_module

    def known(word, lang):
        return simplemma.is_known(word, lang)

    def marker_word(word):
        return word in markers("nn")[0] or word in markers("nb")[0]

    def marker_of(word):
        for lang in ("nn", "nb"):
            if word in markers(lang)[0]:
                return lang
        for lang, other in (("nn", "nb"), ("nb", "nn")):
            for ending, counterpart in markers(lang)[1]:
                if len(word) < len(ending) + lm._MIN_STEM or not word.endswith(ending):
                    continue
                if counterpart is None or known(word[: -len(ending)] + counterpart, other):
                    return lang
        return None

    def head_of(word):
        for i in range(lm._MIN_STEM, len(word) - lm.MIN_HEAD + 1):
            head = word[i:]
            if known(head, "nb") or known(head, "nn") or marker_word(head):
                rest = head[1:]
                if head[0] == "s" and len(rest) >= lm.MIN_HEAD and (
                    known(rest, "nb") or known(rest, "nn") or marker_word(rest)
                ):
                    return rest
                return head
        return None

    def evidence(word, kb, kn):
        marker = marker_of(word)
        rare = len(word) >= 3 and wordfreq.zipf_frequency(word, "nb") < lm.RARE_ZIPF
        return marker, marker is None and kn and len(word) >= 3 and (not kb or rare)

    initial = not form[0].isalpha()
    if initial:
        form = re.search(r"[^\W\d_]+$", form).group()
    title_start = initial and form[0].isupper() and (form[1:].islower() or len(form) == 1)
    word = form.lower()
    kb, kn, ke = (known(word, lang) for lang in ("nb", "nn", "en"))
    marker, nn_only = evidence(word, kb, kn)
    if (
        marker is None
        and not (kb or kn or ke)
        and form[0].islower()
        and not initial
        and len(word) >= lm._MIN_STEM + lm.MIN_HEAD
        and (head := head_of(word)) is not None
    ):
        marker, nn_only = evidence(head, known(head, "nb"), known(head, "nn"))
    cover = (1, kb, kn, ke, kb or kn, nn_only) if len(word) >= 2 else (0,) * 6
    capital = form[0].isupper()
    lower = (0,) * 6 if capital else cover
    upper = cover if capital else (0,) * 6
    if title_start:
        lower = (0, 0, 0, 0, 0, nn_only)
    return (1, int(not capital), *map(int, lower), *map(int, upper),
            int(marker == "nb"), int(marker == "nn"))


def _varied_forms():
    """A few thousand word forms: hand-written stems with every marker ending, its
    counterpart and common inflections, in several casings and sentence positions."""
    stems = [
        "ikkje", "ikke", "eg", "jeg", "kva", "hva", "frå", "fra", "ei", "heilt", "omnen",
        "løys", "bruk", "brukar", "bruker", "januar", "fastlege", "utvalsmedlem",
        "rollemodell", "forhandlingskort", "oppgj", "kommun", "teneste", "tjeneste",
        "arbeid", "møte", "skule", "skole", "kjærleik", "kjærlig", "fri", "sann", "hus",
        "bil", "bok", "dag", "tenk", "tenkj", "gjer", "gjør", "sponheim", "kveite", "tid",
        "flog", "government", "the", "court", "state", "nation", "peace", "congress",
        "xqzv", "a", "i", "å", "ø", "wa", "o\u0301", "e\u0301rlig", "rock\u02bcn",
        "sjølvstendig", "samfunn", "velferd", "helse", "stat", "kyrkj",
    ]
    endings = sorted({e for lang in ("nn", "nb") for e, _ in markers(lang)[1]}
                     | {c for lang in ("nn", "nb") for _, c in markers(lang)[1] if c})
    endings += ["", "s", "en", "ene", "et", "a", "ar", "er", "ane", "ande", "ing", "e"]
    lower = sorted({stem + ending for stem in stems for ending in endings})
    forms = set(lower)
    for i, word in enumerate(lower):
        if i % 3 == 0:
            forms.update((word.capitalize(), word.upper()))
        if i % 5 == 0:
            forms.update(("\n" + word, ". «" + word.capitalize(), "? " + word))
    return sorted(forms)


def test_tally_rows_equal_the_plain_computation_on_varied_forms():
    # the indexed marker endings, direct dictionary look-ups and caches change no row
    forms = _varied_forms()
    assert len(forms) > 3000
    rows = [language_module._row(form) for form in forms]
    expected = [_reference_row(form) for form in forms]
    differing = [f for f, a, b in zip(forms, rows, expected, strict=True) if a != b]
    assert differing == []
    # every branch is exercised: markers of both norms, heads, nynorsk-only words, English
    table = np.array(rows)
    assert table[:, 14].sum() > 100 and table[:, 15].sum() > 100
    assert table[:, 7].sum() > 100 and table[:, 5].sum() > 50
    assert language_module._head("utvalsmedlemene") == "medlemene"
    # the direct look-up answers as simplemma.is_known does, also for odd input
    words = {f.lower() for f in forms if f[0].isalpha()} | {"Eg", "ÆRA", "rock'n", "rock\u2019n"}
    for word in sorted(words):
        for lang in ("nb", "nn", "en"):
            assert language_module._known(word, lang) == simplemma.is_known(word, lang), word
    # and the token path (vectorised sums of the rows) gives the sum of the plain rows
    text = " ".join(forms)
    found = language_module._WORD.findall("\n" + text)
    total = np.sum([_reference_row(f) for f in found], axis=0)
    assert np.array_equal(tally_texts([text])[0], total)


# --- read_corpus ---------------------------------------------------------------------


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_undeclared_documents_are_detected(tmp_path):
    write(tmp_path, "nn.txt", NN)
    write(tmp_path, "nb.txt", NB)
    write(tmp_path, "en.txt", EN)
    write(tmp_path, "tal.txt", "2024 2025\n\n17 18 19\n")
    corpus = dc.read_corpus(tmp_path)
    docs = corpus.documents.set_index("doc_id")
    assert docs["lang"].to_dict() == {"en": "en", "nb": "nb", "nn": "nn", "tal": "nb"}
    assert docs["lang_source"].to_dict() == {
        "en": "detected",
        "nb": "detected",
        "nn": "detected",
        "tal": "default",
    }
    assert (docs.loc[["en", "nb", "nn"], "lang_margin"] > 0.1).all()
    assert docs.loc["tal", "lang_margin"] == 0
    assert corpus.problems.empty
    seg = corpus.segments.set_index("doc_id")
    assert seg.loc["nn", "lang"] == "nn"
    assert list(corpus.documents.columns[8:11]) == ["lang", "lang_source", "lang_margin"]
    # language: auto says the same explicitly
    (tmp_path / "corpus.yml").write_text("language: auto\n", encoding="utf-8")
    again = dc.read_corpus(tmp_path).documents.set_index("doc_id")
    assert again["lang"].equals(docs["lang"])


def test_an_explicit_corpus_language_is_authoritative_but_checked(tmp_path):
    write(tmp_path, "nn.txt", NN)
    write(tmp_path, "kort.txt", "Eg veit ikkje.")  # too short to be checked
    (tmp_path / "corpus.yml").write_text("language: nb\n", encoding="utf-8")
    with pytest.warns(DiscourseWarning, match=r"nn\.txt: declared language nb \(corpus\.yml\)"):
        corpus = dc.read_corpus(tmp_path)
    docs = corpus.documents.set_index("doc_id")
    assert docs["lang"].tolist() == ["nb", "nb"]
    assert docs["lang_source"].tolist() == ["corpus.yml", "corpus.yml"]
    assert docs.loc["nn", "lang_margin"] < -0.15  # the text reads as another language
    assert corpus.problems[["file", "problem"]].values.tolist() == [["nn.txt", "language"]]
    assert "reads as nn" in corpus.problems["message"].iloc[0]
    assert NN[:20] not in corpus.problems["message"].iloc[0]  # no text in messages
    # the argument overrides corpus.yml, and says so
    with pytest.warns(DiscourseWarning, match="the language argument"):
        by_arg = dc.read_corpus(tmp_path, language="en").documents
    assert set(by_arg["lang_source"]) == {"argument"}
    detected = dc.read_corpus(tmp_path, language="auto").documents.set_index("doc_id")
    assert detected.loc["nn", ["lang", "lang_source"]].tolist() == ["nn", "detected"]
    with pytest.raises(dc.errors.CorpusError, match="declared language nb"):
        dc.read_corpus(tmp_path, strict=True)


def test_a_declared_metadata_lang_that_disagrees_warns_and_stays(tmp_path):
    write(tmp_path, "a.txt", NN)
    write(tmp_path, "b.txt", NB)
    (tmp_path / "metadata.csv").write_text("file,doc_id,lang\na.txt,A,nb\nb.txt,B,\n")
    with pytest.warns(DiscourseWarning, match=r"a\.txt: declared language nb \(its lang cell"):
        corpus = dc.read_corpus(tmp_path)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["A", ["lang", "lang_source"]].tolist() == ["nb", "metadata"]
    assert docs.loc["B", ["lang", "lang_source"]].tolist() == ["nb", "detected"]
    assert corpus.problems["file"].tolist() == ["a.txt"]
    assert (corpus.segments.loc[corpus.segments.doc_id == "A", "lang"] == "nb").all()


def test_a_mixed_document_gets_segment_languages(tmp_path):
    short_en = "Thank you."  # too short to change language
    text = f"{NB}\n\n{EN}\n\n{short_en}\n\n{NN}\n\n{NB}\n"
    write(tmp_path, "blanda.txt", text)
    corpus = dc.read_corpus(tmp_path)
    assert corpus.documents["lang"].tolist() == ["nb"]
    seg = corpus.segments
    assert seg["lang"].tolist() == ["nb", "en", "nb", "nn", "nb"]
    for row in seg.itertuples():
        assert corpus.texts[row.doc_id][row.char_start : row.char_end] == row.text
    (tmp_path / "corpus.yml").write_text("detect_segments: false\n", encoding="utf-8")
    assert set(dc.read_corpus(tmp_path).segments["lang"]) == {"nb"}


def test_read_corpus_labels_equal_the_word_by_word_computation(tmp_path, monkeypatch):
    # the reader counts every document's tokens in one pass; counting each document's
    # words one by one gives the same languages and margins
    write(tmp_path, "blanda.txt", f"{NB}\n\n{EN}\n\nThank you.\n\n{NN}\n")
    write(tmp_path, "nn.txt", f"{NN}\n\n«Ein dag.» - Ja!\n{NN}\n")
    write(tmp_path, "en.txt", f"{EN}\n\n{EN}\n")
    write(tmp_path, "tom.txt", "1234\n")
    columns = ["doc_id", "lang", "lang_source", "lang_margin"]
    for detect in (True, False):
        (tmp_path / "corpus.yml").write_text(f"detect_segments: {str(detect).lower()}\n")
        with monkeypatch.context() as patch:
            patch.setattr(language_module, "_TOKEN_PATH_CHARS", 0)  # small texts too
            fast = dc.read_corpus(tmp_path)
            patch.setattr(language_module, "_tallies", language_module._tallies_by_words)
            plain = dc.read_corpus(tmp_path)
        assert fast.documents[columns].equals(plain.documents[columns])
        assert fast.segments["lang"].tolist() == plain.segments["lang"].tolist()
        docs = fast.documents.set_index("doc_id")
        assert docs["lang"].tolist()[1:] == ["en", "nn", "nb"]  # en.txt, nn.txt, tom.txt
        assert docs["lang_source"].tolist()[1:] == ["detected", "detected", "default"]
        seg_doc_lang = fast.segments["doc_id"].map(docs["lang"])
        if detect:  # the mixed document's paragraphs have their own languages
            assert set(fast.segments["lang"]) == {"nb", "nn", "en"}
        else:
            assert fast.segments["lang"].tolist() == seg_doc_lang.tolist()
    # one document at a time gives the same languages and margins as the reader's pass
    doc = SegmentedDocument(NN, [Segment("paragraph", 0, len(NN), NN)], False)
    for detect in (True, False):
        alone = assign_languages(doc, "a.txt", None, None, "corpus.yml", detect)
        rows = tally_documents([doc, doc], detect)[1]
        given = assign_languages(doc, "a.txt", None, None, "corpus.yml", detect, rows)
        assert (alone.lang, alone.margin, alone.segment_langs) == (
            given.lang,
            given.margin,
            given.segment_langs,
        )
    assert np.array_equal(tally_documents([doc, doc])[0], tally_texts([NN]))


def test_segments_need_enough_words(tmp_path):
    words = EN.split()
    few = " ".join(words[: SEGMENT_MIN_WORDS - 2])
    write(tmp_path, "a.txt", f"{NB}\n\n{few}\n\n{NB}\n")
    assert dc.read_corpus(tmp_path).segments["lang"].tolist() == ["nb", "nb", "nb"]


def test_transcript_turns_get_their_own_language(tmp_path):
    text = f"Intervjuer: {NB}\n\nInformant: {EN}\n\nIntervjuer: Ok.\n\nInformant: {NB}\n"
    write(tmp_path, "intervju.txt", text)
    (tmp_path / "metadata.csv").write_text(
        "file,doc_id,doc_type,lang\nintervju.txt,I1,interview,nb\n"
    )
    corpus = dc.read_corpus(tmp_path)
    seg = corpus.segments[corpus.segments.unit == "turn"]
    assert seg["lang"].tolist() == ["nb", "en", "nb", "nb"]
    assert corpus.problems.empty


def _declared_segments(text_nb: str) -> SegmentedDocument:
    """A ParlaMint-like document: two utterances whose language the file declares."""
    first, second = text_nb, NB
    text = f"{first}\n\n{second}"
    return SegmentedDocument(
        text,
        [
            Segment("turn", 0, len(first), first, speaker="A", lang="nn"),
            Segment("turn", len(first) + 2, len(text), second, speaker="B", lang="nb"),
        ],
        is_transcript=True,
    )


def test_format_declared_segment_languages_always_win(tmp_path, monkeypatch):
    write(tmp_path, "sitting.txt", "placeholder")  # the reader below returns our segments
    doc = _declared_segments(NB + " " + NB)  # declared nn although it reads as nb

    def fake_read(path, rel, encoding, **kwargs):
        return RawText(text=doc.text, encoding="utf-8", sha256="0" * 64, segmented=doc)

    monkeypatch.setattr(reader_module, "read_document", fake_read)
    corpus = dc.read_corpus(tmp_path)
    assert corpus.segments["lang"].tolist() == ["nn", "nb"]
    docs = corpus.documents
    # the language of most characters, declared by the file
    assert docs[["lang", "lang_source"]].values.tolist() == [["nn", "file"]]
    assert corpus.problems.empty  # a file's own declaration is not second-guessed
    # a metadata cell still wins for the document, never for declared segments
    (tmp_path / "metadata.csv").write_text("file,doc_id,lang\nsitting.txt,S,nb\n")
    corpus = dc.read_corpus(tmp_path)
    assert corpus.documents[["lang", "lang_source"]].values.tolist() == [["nb", "metadata"]]
    assert corpus.segments["lang"].tolist() == ["nn", "nb"]


def test_assign_languages_directly():
    text = f"{NB}\n\n{EN}"
    doc = SegmentedDocument(
        text,
        [
            Segment("paragraph", 0, len(NB), NB),
            Segment("paragraph", len(NB) + 2, len(text), EN, lang=None),
        ],
        False,
    )
    found = assign_languages(doc, "x.txt", None, None, "corpus.yml")
    assert (found.lang, found.source, found.segment_langs) == ("nb", "detected", ["nb", "en"])
    found = assign_languages(doc, "x.txt", float("nan"), "en", "corpus.yml", False)
    assert (found.lang, found.source, found.segment_langs) == ("en", "corpus.yml", ["en", "en"])
    assert found.problem is None  # half English: no clear disagreement


@pytest.mark.parametrize(
    ("yml", "pattern"),
    [
        ("language: sv\n", "language 'sv' is not supported; use one of nb, nn, en, auto"),
        ("language: [nb]\n", "language"),
        ("detect_segments: maybe\n", "detect_segments must be true or false"),
        ("detect_segment: true\n", "detect_segment"),
    ],
)
def test_bad_language_settings_name_the_key(tmp_path, yml, pattern):
    write(tmp_path, "a.txt", NB)
    (tmp_path / "corpus.yml").write_text(yml, encoding="utf-8")
    with pytest.raises(ConfigError, match=pattern):
        dc.read_corpus(tmp_path)


def test_bad_language_argument(tmp_path):
    write(tmp_path, "a.txt", NB)
    with pytest.raises(ConfigError, match="language 'de'"):
        dc.read_corpus(tmp_path, language="de")


def test_detected_languages_drive_lemmatisation(tmp_path):
    write(tmp_path, "nn.txt", NN)
    tokens = dc.preprocess(dc.read_corpus(tmp_path), cache=False, progress=False)
    table = tokens.table.astype({"norm": str, "lemma": str})
    lemma = dict(zip(table["norm"], table["lemma"], strict=True))
    # nynorsk lemmas, as the nynorsk dictionary gives them (bokmål: tenkjer, være, pengane)
    assert (lemma["tenkjer"], lemma["er"], lemma["pengane"]) == ("tenkje", "vere", "penge")
    assert tokens.corpus.segments["lang"].unique().tolist() == ["nn"]


def test_fingerprint_changes_with_segment_languages(tmp_path):
    write(tmp_path, "blanda.txt", f"{NB}\n\n{EN}\n")
    on = dc.read_corpus(tmp_path).fingerprint()
    (tmp_path / "corpus.yml").write_text("detect_segments: false\n", encoding="utf-8")
    assert dc.read_corpus(tmp_path).fingerprint() != on
