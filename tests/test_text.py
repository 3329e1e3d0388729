from repgraph.text import fold, repair, sentences


def test_repair_puts_back_lost_spaces_and_keeps_offsets():
    src = "Messrs. Ramazan Demirand Mustafa Ruzgar met Ramazan Demir. TheObservatory saw Ms.Sotoudeh."
    r = repair(src)
    assert "Ramazan Demir and Mustafa" in r.text
    assert "The Observatory" in r.text and "Ms. Sotoudeh" in r.text
    start = r.text.index("Mustafa")
    s, e = r.span(start, start + len("Mustafa Ruzgar"))
    assert src[s:e] == "Mustafa Ruzgar"


def test_repair_leaves_ordinary_words_alone():
    src = "The Netherlands and Switzerland; another island in Ireland; McDonald and ECtHR."
    assert repair(src).text == src


def test_sentences_do_not_break_after_honorifics_or_initials():
    text = "Mr. A. Karimov was arrested on 5 May. He was released. Art. 228 applies.\n\nNew paragraph"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["Mr. A. Karimov was arrested on 5 May.", "He was released.", "Art. 228 applies.", "New paragraph"]


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Şefik  Çelik’s") == fold("sefik celik s")
