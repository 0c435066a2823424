"""Reading texts/: documents, versions, metadata errors, the pivot, and the seed's provenance."""
from __future__ import annotations

import re
import shutil
import warnings

import pytest

from align.corpus import load_corpus, load_document, pivot_version
from align.errors import CorpusError, InputError, LanguageMismatchWarning, MetadataError
from align.records import Role
from align.segment import gaps, segment_text
from conftest import SHARED

DOCS = ("1920-04-26-kemal-proposal", "1920-04-29-armenian-dispatch")
TUTORIAL = "tutorial-fictional-dispatch"
SEED = SHARED / "seeds" / "000_4cf4162ee9980ef9.txt"

GOOD_VERSION = 'language = "en"\nrole = "archival-original"\ntitle = "A title"\nsource = "An archive"\n'


@pytest.fixture()
def corpus_copy(tmp_path, texts_dir):
    """A private copy of texts/ to break."""
    dest = tmp_path / "texts"
    shutil.copytree(texts_dir, dest)
    return dest


@pytest.fixture()
def doc(tmp_path):
    """A minimal valid document folder with one version."""
    folder = tmp_path / "texts" / "doc-1"
    folder.mkdir(parents=True)
    (folder / "document.toml").write_text('title = "A document"\n', encoding="utf-8")
    (folder / "en.txt").write_text("One sentence. Another one.\n", encoding="utf-8")
    (folder / "en.toml").write_text(GOOD_VERSION, encoding="utf-8")
    return folder


# -- the real corpus -------------------------------------------------------------------

def seed_documents(texts_dir):
    """The seed's documents (the corpus less the fictional tutorial example)."""
    return [d for d in load_corpus(texts_dir) if d.doc_id in DOCS]


def test_real_corpus_loads(texts_dir):
    docs = load_corpus(texts_dir)
    assert tuple(d.doc_id for d in docs) == DOCS + (TUTORIAL,)
    for d in docs[:len(DOCS)]:
        assert {v.version_id for v in d.versions} == {"en", "ru-working", "hy-working"}
        assert d.meta.title and d.path == texts_dir / d.doc_id
        langs = {v.version_id: v.language for v in d.versions}
        assert langs == {"en": "en", "ru-working": "ru", "hy-working": "hy"}
        assert d.version("en").meta.role is Role.PUBLISHED
        assert pivot_version(d).version_id == "en"
        for v in d.versions:
            assert v.text.strip() and v.path == d.path / f"{v.version_id}.txt"
            assert v.text == v.path.read_text(encoding="utf-8")
        with pytest.raises(KeyError, match="has no version 'de'.*en"):
            d.version("de")


def test_real_corpus_loads_without_warnings(texts_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_corpus(texts_dir)


def test_working_translations_are_labelled(texts_dir):
    for d in seed_documents(texts_dir):
        for v in d.versions:
            if v.version_id == "en":
                continue
            assert v.meta.role is Role.WORKING
            assert "not an archival original" in v.meta.role.label
            assert re.search(r"\bNOT the archival original\b", v.meta.notes, re.IGNORECASE)
            assert v.meta.translator
            assert "en.txt" in v.meta.source


def test_every_version_is_reproduced_by_its_segments_and_gaps(texts_dir):
    for d in load_corpus(texts_dir):
        for v in d.versions:
            segs = segment_text(v.text, v.language, doc_id=d.doc_id, version_id=v.version_id)
            assert len(segs) >= 3
            g = gaps(v.text, segs)
            assert "".join(x + s.text for x, s in zip(g, segs)) + g[-1] == v.text
            assert all(v.text[s.start:s.end] == s.text for s in segs)


def test_english_paragraphs_are_verbatim_from_the_seed(texts_dir):
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not present")
    seed = SEED.read_text(encoding="utf-8")
    for d in DOCS:
        text = (texts_dir / d / "en.txt").read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        assert len(paragraphs) >= 3
        for p in paragraphs:
            assert p in seed, f"{d}/en.txt paragraph not in the seed: {p[:80]!r}"


def test_document_metadata_points_at_the_seed(texts_dir):
    for d in seed_documents(texts_dir):
        assert SEED.name in d.meta.source
        assert SEED.name in d.version("en").meta.source


def test_the_tutorial_document_says_everywhere_that_it_is_fictional(texts_dir):
    d = load_document(texts_dir / TUTORIAL)
    assert d.meta.title.startswith("Tutorial example (fictional)")
    assert "NOT a historical document" in d.meta.source and "FICTIONAL TUTORIAL EXAMPLE" in d.meta.notes
    assert SEED.name not in d.meta.source  # nothing in it comes from the seed
    assert pivot_version(d).version_id == "en"
    for v in d.versions:
        assert v.meta.role is Role.WORKING  # badged as a working translation in every view
        assert "FICTIONAL TUTORIAL EXAMPLE" in v.meta.notes and "never" in v.meta.notes
        first_line = v.text.splitlines()[0]
        assert first_line.startswith(("Tutorial example (fictional)", "Учебный пример (вымышленный)"))
    # the planted divergences the ru-working notes list are in the texts
    en, ru = d.version("en").text, d.version("ru-working").text
    for english, russian in (("May 3", "13 мая"), ("18,000", "28 000"), ("Mirzoyan", "Назарян")):
        assert english in en and russian in ru
    assert "two cranes" in en and "кран" not in ru  # the omission
    assert "цены на хлеб" in ru and "bread" not in en  # the addition


# -- metadata errors name the file and the field ------------------------------------------

def test_minimal_document_loads(doc):
    d = load_document(doc)
    assert d.doc_id == "doc-1" and d.meta.title == "A document"
    assert [v.version_id for v in d.versions] == ["en"] and d.versions[0].meta.role is Role.ORIGINAL


def test_missing_document_toml(doc):
    (doc / "document.toml").unlink()
    with pytest.raises(MetadataError, match="no document.toml.*title") as info:
        load_document(doc)
    assert str(doc) in str(info.value)


def test_missing_version_toml(doc):
    (doc / "en.toml").unlink()
    with pytest.raises(MetadataError, match="no metadata file en.toml") as info:
        load_document(doc)
    assert str(doc / "en.txt") in str(info.value)
    assert "language, role, title, source" in str(info.value)


@pytest.mark.parametrize("field", ["language", "role", "title", "source"])
def test_missing_required_field(doc, field):
    lines = [ln for ln in GOOD_VERSION.splitlines() if not ln.startswith(field)]
    (doc / "en.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(MetadataError, match=f"required field '{field}' is missing") as info:
        load_document(doc)
    assert str(doc / "en.toml") in str(info.value)


def test_empty_required_field(doc):
    (doc / "en.toml").write_text(GOOD_VERSION.replace('"A title"', '"   "'), encoding="utf-8")
    with pytest.raises(MetadataError, match="'title' is missing or empty"):
        load_document(doc)


def test_missing_document_title(doc):
    (doc / "document.toml").write_text('date = "1920"\n', encoding="utf-8")
    with pytest.raises(MetadataError, match="document.toml: required field 'title'"):
        load_document(doc)


def test_invalid_role_lists_the_valid_ones(doc):
    (doc / "en.toml").write_text(GOOD_VERSION.replace("archival-original", "original"), encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        load_document(doc)
    msg = str(info.value)
    assert str(doc / "en.toml") in msg and "'role'" in msg and "'original'" in msg
    assert all(r.value in msg for r in Role)


def test_invalid_language_code(doc):
    (doc / "en.toml").write_text(GOOD_VERSION.replace('"en"', '"English"'), encoding="utf-8")
    with pytest.raises(MetadataError, match="field 'language' = 'English' is not a language code"):
        load_document(doc)


def test_unknown_field(doc):
    (doc / "en.toml").write_text(GOOD_VERSION + 'translater = "typo"\n', encoding="utf-8")
    with pytest.raises(MetadataError, match="unknown field\\(s\\) translater; allowed: language") as info:
        load_document(doc)
    assert str(doc / "en.toml") in str(info.value)


def test_field_of_the_wrong_type(doc):
    (doc / "en.toml").write_text(GOOD_VERSION + "date = 1920-04-26\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="field 'date' must be a string, not date"):
        load_document(doc)


def test_invalid_toml(doc):
    (doc / "en.toml").write_text(GOOD_VERSION + 'notes = "unterminated\n', encoding="utf-8")
    with pytest.raises(MetadataError, match="not valid TOML") as info:
        load_document(doc)
    assert str(doc / "en.toml") in str(info.value)


def test_non_utf8_metadata(doc):
    (doc / "en.toml").write_bytes(GOOD_VERSION.replace("An archive", "Архив").encode("cp1251"))
    with pytest.raises(MetadataError, match="metadata must be UTF-8") as info:
        load_document(doc)
    assert str(doc / "en.toml") in str(info.value)


def test_utf8_bom_in_metadata_is_fine(doc):
    (doc / "en.toml").write_bytes(b"\xef\xbb\xbf" + GOOD_VERSION.encode("utf-8"))
    assert load_document(doc).versions[0].meta.title == "A title"


def test_working_translation_needs_to_say_who_made_it(doc):
    (doc / "en.toml").write_text(GOOD_VERSION.replace("archival-original", "working-translation"),
                                 encoding="utf-8")
    with pytest.raises(MetadataError, match="working translation needs 'translator' or 'notes'"):
        load_document(doc)


def test_metadata_without_a_text(doc):
    (doc / "ru.toml").write_text(GOOD_VERSION.replace('"en"', '"ru"'), encoding="utf-8")
    with pytest.raises(CorpusError, match="metadata without a text: ru.toml") as info:
        load_document(doc)
    assert str(doc) in str(info.value)


def test_bad_folder_and_file_names(doc, tmp_path):
    (doc / "bad name.txt").write_text("text", encoding="utf-8")
    with pytest.raises(CorpusError, match="version file names"):
        load_document(doc)
    bad = tmp_path / "texts" / "bad doc"
    bad.mkdir()
    with pytest.raises(CorpusError, match="document folder names"):
        load_document(bad)


def test_empty_and_missing_corpus(tmp_path):
    with pytest.raises(CorpusError, match="no such texts folder"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="holds no document folders"):
        load_corpus(tmp_path / "empty")
    (tmp_path / "empty" / "doc").mkdir()
    (tmp_path / "empty" / "doc" / "document.toml").write_text('title = "t"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="no versions"):
        load_corpus(tmp_path / "empty")


def test_empty_version_text_names_the_file(doc):
    (doc / "en.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty") as info:
        load_document(doc)
    assert str(doc / "en.txt") in str(info.value)


def test_script_mismatch_warns(doc):
    (doc / "en.txt").write_text("Это русский текст, а не английский.\n", encoding="utf-8")
    with pytest.warns(LanguageMismatchWarning, match="cyrillic.*'en'"):
        load_document(doc)


def test_errors_in_the_real_corpus_copy_name_the_file(corpus_copy):
    meta = corpus_copy / DOCS[0] / "ru-working.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('role = "working-translation"',
                                                             'role = "translation"'), encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        load_corpus(corpus_copy)
    assert str(meta) in str(info.value) and "'role'" in str(info.value)


# -- the pivot ------------------------------------------------------------------------

ORIGINAL_RU = "Председатель Великого национального собрания Турции. Ангора, 26 апреля 1920 г.\n"


def _add_original(folder, name="ru-original"):
    (folder / f"{name}.txt").write_text(ORIGINAL_RU, encoding="utf-8")
    (folder / f"{name}.toml").write_text(
        'language = "ru"\nrole = "archival-original"\ntitle = "Оригинал"\nsource = "An archive, fond 1"\n',
        encoding="utf-8")


def test_pivot_prefers_an_archival_original_when_one_is_added(corpus_copy):
    folder = corpus_copy / DOCS[0]
    _add_original(folder)
    docs = {d.doc_id: d for d in load_corpus(corpus_copy)}
    d = docs[DOCS[0]]
    assert {v.version_id for v in d.versions} == {"en", "ru-original", "ru-working", "hy-working"}
    original = d.version("ru-original")
    assert original.meta.role is Role.ORIGINAL and original.text == ORIGINAL_RU
    assert pivot_version(d).version_id == "ru-original"
    assert pivot_version(docs[DOCS[1]]).version_id == "en"  # the other document is untouched


def test_pivot_falls_back_to_the_first_version(doc):
    (doc / "en.toml").write_text(GOOD_VERSION.replace('role = "archival-original"', 'role = "working-translation"')
                                 + 'notes = "made by us"\n', encoding="utf-8")
    (doc / "de.txt").write_text("Ein Satz.\n", encoding="utf-8")
    (doc / "de.toml").write_text(GOOD_VERSION.replace('"en"', '"de"').replace(
        'role = "archival-original"', 'role = "working-translation"') + 'translator = "us"\n', encoding="utf-8")
    d = load_document(doc)
    assert [v.version_id for v in d.versions] == ["de", "en"]
    assert pivot_version(d).version_id == "de"
