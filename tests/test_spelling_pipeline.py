"""The orthography field and the reading through the pipeline: metadata, segments, encoder, signature, store."""
from __future__ import annotations

import warnings

import pytest

from align.aligner import AlignerSettings
from align.corpus import load_document
from align.errors import MetadataError, SpellingWarning
from align.pipeline import align_texts, align_versions, expected_signature
from align.store import dumps, loads

EN = ("The Minister said that the Russian grain would not arrive.\n\n"
      "Yohannes Petrosian came to Erivan on 14 June with 23 wagons.\n")
RU_OLD = ("Г-нъ министръ сказалъ, что русскаго зерна не будетъ.\n\n"
          "Іоаннъ Петросянъ прибылъ въ Эривань 14 іюня съ 32 вагонами.\n")
RU_READ = ("Г-н министр сказал, что русского зерна не будет.\n\n"
           "Иоанн Петросян прибыл в Эривань 14 июня с 32 вагонами.\n")


class Spy:
    """A hashing encoder that remembers every text it was asked to embed."""

    def __init__(self) -> None:
        from align.embed.hashing import HashingEncoder
        self.inner, self.seen = HashingEncoder(), []
        self.identity = self.inner.identity

    def encode(self, texts):
        self.seen.extend(texts)
        return self.inner.encode(texts)


def _doc(tmp_path, orthography: str = "", text: str = RU_OLD):
    folder = tmp_path / "doc-1"
    folder.mkdir()
    (folder / "document.toml").write_text('title = "A document"\npivot = "en"\n', encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "en.toml").write_text('language = "en"\nrole = "published-translation"\ntitle = "t"\nsource = "s"\n',
                                    encoding="utf-8")
    (folder / "ru-old.txt").write_text(text, encoding="utf-8")
    field = f'orthography = "{orthography}"\n' if orthography else ""
    meta = f'language = "ru"\nrole = "archival-original"\ntitle = "t"\nsource = "s"\n{field}'
    (folder / "ru-old.toml").write_text(meta, encoding="utf-8")
    return folder


def test_the_orthography_field_is_read_and_checked(tmp_path):
    doc = load_document(_doc(tmp_path, "pre-reform"))
    assert doc.version("ru-old").meta.orthography == "pre-reform" and doc.version("en").meta.orthography == ""
    (tmp_path / "doc-1" / "ru-old.toml").write_text(
        'language = "ru"\nrole = "archival-original"\ntitle = "t"\nsource = "s"\northography = "classical"\n')
    with pytest.raises(MetadataError, match=r"ru-old\.toml: field 'orthography' = 'classical' is not a spelling of "
                                            r"language 'ru'; allowed: modern, pre-reform, mixed"):
        load_document(tmp_path / "doc-1")


def test_old_spelling_is_segmented_embedded_and_scored_as_read_and_kept_as_written(tmp_path):
    spy = Spy()
    # the hashing encoder sees no likeness across languages: without the null-bead pass, so that
    # the search's 1-1 beads are kept and scored
    a = align_texts(EN, RU_OLD, "en", "ru", encoder=spy, settings=AlignerSettings(nulls=False))
    assert [s.text for s in a.tgt_segments] == ["Г-нъ министръ сказалъ, что русскаго зерна не будетъ.",
                                                "Іоаннъ Петросянъ прибылъ въ Эривань 14 іюня съ 32 вагонами."]
    assert all(RU_OLD[s.start:s.end] == s.text for s in a.tgt_segments)
    read = [ln for ln in RU_READ.split("\n") if ln]
    assert set(read) <= set(spy.seen) and not {s.text for s in a.tgt_segments} & set(spy.seen)
    assert a.tgt_orthography == "pre-reform" and a.src_orthography == ""
    assert a.signature.settings["reading.tgt"] == "pre-reform/reading-1" and "reading.src" not in a.signature.settings
    marks = [m for b in a.beads for m in b.divergence.marks if m.component == "numbers" and m.side == "target"]
    side = a.side_text(a.beads[-1], "target")
    assert marks and side[marks[0].start:marks[0].end] == "32"


def test_a_modern_text_aligns_exactly_as_before(tmp_path):
    spy = Spy()
    a = align_texts(EN, RU_READ, "en", "ru", encoder=spy)
    assert a.tgt_orthography == "" and not any(k.startswith("reading") for k in a.signature.settings)
    assert set(spy.seen) >= {s.clean for s in a.tgt_segments}
    assert '"tgt_orthography"' not in dumps(a) and '"orthography"' not in dumps(a)


def test_the_expected_signature_knows_the_reading_and_a_store_keeps_the_spelling(tmp_path, hashing_encoder):
    doc = load_document(_doc(tmp_path, "pre-reform"))
    a = align_versions(doc.version("en"), doc.version("ru-old"), encoder=hashing_encoder)
    sig = expected_signature(doc.version("en"), doc.version("ru-old"), hashing_encoder.identity)
    assert {k: v for k, v in a.signature.settings.items() if k != "scoring"} == dict(sig.settings)
    back = loads(dumps(a)).alignment
    assert back.tgt_orthography == "pre-reform" and back.tgt_meta.orthography == "pre-reform"
    assert [b.ids() for b in back.beads] == [b.ids() for b in a.beads]


def test_a_version_declared_modern_but_written_in_old_spelling_is_read_as_detected_with_a_warning(tmp_path,
                                                                                                hashing_encoder):
    doc = load_document(_doc(tmp_path, "modern"))
    with pytest.warns(SpellingWarning, match="ru-old: declared orthography 'modern'.*read as 'pre-reform'"):
        a = align_versions(doc.version("en"), doc.version("ru-old"), encoder=hashing_encoder)
    assert a.tgt_orthography == "pre-reform"
    (tmp_path / "declared").mkdir()
    doc = load_document(_doc(tmp_path / "declared", "pre-reform"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # declared as it is written: no warning
        align_versions(doc.version("en"), doc.version("ru-old"), encoder=hashing_encoder)


def test_the_views_show_the_spelling_a_side_was_read_in_and_its_text_as_written(tmp_path, hashing_encoder):
    from align.views import to_frame
    from align.views.report import render_report
    from align.views.styled import side_by_side
    doc = load_document(_doc(tmp_path, "pre-reform"))
    a = align_versions(doc.version("en"), doc.version("ru-old"), encoder=hashing_encoder)
    label = "pre-reform spelling: read as modern spelling for alignment and scoring, shown as written"
    assert to_frame(a).attrs["tgt_spelling"] == label and "src_spelling" not in to_frame(a).attrs
    styled = side_by_side(a).to_html()
    assert label in styled and "Іоаннъ Петросянъ" in styled
    page = render_report([a])
    assert "<dt>spelling</dt><dd>" + label in page and "Іоаннъ Петросянъ" in page and "Иоанн Петросян" not in page
    modern = align_texts(EN, RU_READ, "en", "ru", encoder=hashing_encoder)
    assert "spelling" not in " ".join(to_frame(modern).attrs) and "<dt>spelling</dt>" not in render_report([modern])


def test_align_segment_reads_old_abbreviations_and_prints_the_text_as_written(tmp_path, capsys):
    from align.cli import main
    path = tmp_path / "ru-old.txt"
    path.write_text("Г-нъ Дюменилъ принялъ меня. Т. е. онъ согласился и т. д. Вечеромъ уѣхалъ.\n", encoding="utf-8")
    assert main(["segment", str(path), "--lang", "ru"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Г-нъ Дюменилъ принялъ меня.", "Т. е. онъ согласился и т. д.",
                                                    "Вечеромъ уѣхалъ."]
