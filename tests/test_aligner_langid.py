"""A language identifier's word as null-bead evidence: lines in the other side's language (null_langid)."""
from __future__ import annotations

import pytest

from align.aligner import AlignerSettings, align_texts_with_encoder
from align.aligner.langid_evidence import identified_foreign, identify

#: A German climbing report and its French translation, written for these tests; the French magazine
#: page carries a German advertisement between two paragraphs (as Text+Berg's test0 does).
GERMAN = [
    "Am frühen Morgen verließen wir die Hütte bei klarem Himmel.",
    "Der Gletscher war hart gefroren, und wir kamen rasch voran.",
    "Unterhalb des Bergschrunds legten wir die Steigeisen an.",
    "Die ersten Seillängen im Fels waren steil, aber griffig.",
    "Gegen Mittag erreichten wir den Gipfel und genossen die Aussicht.",
    "Der Abstieg über den Westgrat dauerte länger als erwartet.",
    "Erst bei Einbruch der Dunkelheit standen wir wieder vor der Hütte.",
    "Hans Rudolf von Gunten und Ernst Reiss, Grindelwald",
]
FRENCH = [
    "Tôt le matin, nous avons quitté la cabane par un ciel limpide.",
    "Le glacier était dur comme la pierre, et nous avancions rapidement.",
    "Sous la rimaye, nous avons chaussé les crampons.",
    "Les premières longueurs dans le rocher étaient raides, mais les prises étaient bonnes.",
    "Wasserdichte Bergschuhe für jede Jahreszeit.",
    "Leicht und bequem, mit einer Sohle aus reinem Naturgummi.",
    "Fragen Sie Ihren Fachhändler nach dem neuen Katalog.",
    "Schuhfabrik Alpina, Postfach 12, Thun",
    "Vers midi, nous avons atteint le sommet et profité de la vue.",
    "La descente par l'arête ouest a duré plus longtemps que prévu.",
    "Ce n'est qu'à la tombée de la nuit que nous étions de retour devant la cabane.",
    "Hans Rudolf von Gunten et Ernst Reiss, Grindelwald",
]
ADVERTISEMENT = (4, 5, 6, 7)


def test_the_identifier_names_the_workbench_languages_armenian_included():
    texts = ["The delegation arrived in Tiflis on the morning of the third.",
             "Делегация прибыла в Тифлис утром третьего числа.",
             "Պատվիրակությունը Թիֆլիս ժամանեց երրորդ օրվա առավոտյան։",
             "Die Abordnung traf am Morgen des dritten Tages in Tiflis ein.",
             "La délégation est arrivée à Tiflis le matin du troisième jour."]
    labels = identify(texts)
    assert [lang for lang, _ in labels] == ["en", "ru", "hy", "de", "fr"]
    assert all(p >= 0.9 for _, p in labels)
    assert identify(["..", "41", "■ iv"]) == [("", 0.0)] * 3


def test_german_lines_in_a_french_text_are_identified_and_german_names_are_not():
    src, tgt = identified_foreign(GERMAN, FRENCH, 0.9)
    assert not any(src)
    assert [k for k, flag in enumerate(tgt) if flag] == list(ADVERTISEMENT)
    # each advertisement line alone: a sentence of German words is foreign, a line of names and places is not
    alone = FRENCH[:4] + [FRENCH[6]] + FRENCH[8:]
    _, flags = identified_foreign(GERMAN, alone, 0.9)
    assert [k for k, flag in enumerate(flags) if flag] == [4]
    names_only = FRENCH[:4] + [FRENCH[7]] + FRENCH[8:]
    assert not any(identified_foreign(GERMAN, names_only, 0.9)[1])


def test_two_texts_in_one_language_have_no_foreign_line():
    assert identified_foreign(FRENCH, FRENCH, 0.9) == ([False] * len(FRENCH), [False] * len(FRENCH))


@pytest.mark.slow
def test_a_german_advertisement_in_a_french_version_is_left_out_and_the_names_line_paired(e5_encoder):
    beads = align_texts_with_encoder(GERMAN, FRENCH, e5_encoder.encode)
    pairs = [(b.src, b.tgt) for b in beads]
    assert all(((), (k,)) in pairs for k in ADVERTISEMENT)
    assert ((7,), (11,)) in pairs  # the names line has its counterpart
    assert ((3,), (3,)) in pairs and ((4,), (8,)) in pairs


@pytest.mark.slow
def test_the_identifier_detaches_text_bergs_german_advertisement_lines(e5_encoder, bench_dir):
    """Text+Berg test0: the French side holds thirteen lines of a German advertisement with no counterpart.
    The trigram profiles miss them (the block explains itself in the French side's own profile); with the
    identifier's word the three the search kept in beads are detached too."""
    from scripttools import load_benchmark
    folder = bench_dir / "textberg_de_fr" / "vecalign_format"
    read_lines = load_benchmark("_common").read_lines
    src, tgt = read_lines(folder / "test0.de"), read_lines(folder / "test0.fr")
    assert tgt[103].startswith("Für jedes Wetter") and tgt[115].startswith("berghaus")

    def nulls(**settings: float) -> set[int]:
        beads = align_texts_with_encoder(src, tgt, e5_encoder.encode, AlignerSettings(**settings))
        return {b.tgt[0] for b in beads if not b.src}
    with_id, without = nulls(), nulls(null_langid=0)
    assert set(range(103, 116)) <= with_id
    assert not {103, 105, 115} <= without
    assert 2 not in with_id  # "Michel Piola , Vernier": German to the identifier, a name line to the rule


def test_the_decoded_model_is_kept_in_the_cache_folder_and_a_damaged_copy_is_decoded_again(tmp_path, monkeypatch):
    from align.aligner import langid_evidence
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(langid_evidence, "_model", None)
    first = identify(FRENCH + GERMAN)
    [saved] = tmp_path.glob("langid-*.npz")
    monkeypatch.setattr(langid_evidence, "_model", None)
    assert identify(FRENCH + GERMAN) == first
    saved.write_bytes(b"not an npz file")
    monkeypatch.setattr(langid_evidence, "_model", None)
    assert identify(FRENCH + GERMAN) == first
    assert saved.stat().st_size > 1_000_000  # decoded and saved again
