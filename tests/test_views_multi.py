"""multi_version_frame / styled_multi_version: three versions through a pivot."""
from __future__ import annotations

import math

import pytest

pytest.importorskip("pandas")

from align.errors import AlignmentError
from align.records import Bead, Divergence, Role
from align.views import multi_version_frame, styled_multi_version
from align.views.sample import make_alignment, sample_alignments

EN = ("A.", "B.", "C.", "D.")


def test_groups_follow_every_alignment():
    df = multi_version_frame(sample_alignments(), "en")
    # ru: 1-1 beads plus an addition after D; hy merges C and D: groups {0} {1} {2,3}
    assert list(df["pivot_ids"]) == [(0,), (1,), (2, 3)]
    assert list(df.columns[:2]) == ["pivot_ids", "en"]
    for v in ("ru-working", "hy-working"):
        assert [v, f"{v} divergence", f"{v} similarity", f"{v} beads"] == [c for c in df.columns if c.startswith(v)]
    row = df.iloc[2]
    assert row["en"] == "The troops will operate in the east. Greetings."
    assert row["ru-working"] == "Войска будут действовать на востоке. С уважением. Примечание переводчика."
    assert row["ru-working beads"] == "[2]:[2] [3]:[3] []:[4]"
    assert row["ru-working divergence"] == pytest.approx(0.9)  # the highest among its beads
    assert row["ru-working similarity"] == pytest.approx(0.64)  # the lowest
    assert df.iloc[1]["hy-working divergence"] == pytest.approx(0.7)
    assert df.attrs["pivot"] == "en" and "working translation" in df.attrs["roles"]["hy-working"]


def test_pivot_on_the_target_side_and_omissions():
    d = Divergence(0.8, {"omission": 1.0})
    fr = make_alignment(("Un. Deux.", "Trois."), EN, (Bead((0,), (0, 1), 0.7, d), Bead((1,), (2,), 0.9, None),
                                                       Bead((), (3,), None, d)),
                        src_version="fr-working", src_lang="fr", tgt_version="en", tgt_lang="en",
                        src_role=Role.WORKING, tgt_role=Role.PUBLISHED)
    de = make_alignment(EN, ("Eins.", "Zwei.", "Drei.", "Vier."),
                        tuple(Bead((i,), (i,), 0.9, None) for i in range(4)), tgt_version="de-working", tgt_lang="de")
    df = multi_version_frame([fr, de], "en")
    assert list(df["pivot_ids"]) == [(0, 1), (2,), (3,)]
    assert df.iloc[0]["de-working"] == "Eins. Zwei."
    assert df.iloc[2]["fr-working"] == "" and df.iloc[2]["fr-working divergence"] == pytest.approx(0.8)
    assert math.isnan(df.iloc[1]["fr-working divergence"])


def test_styled_version_escapes_labels_and_marks():
    alignments = sample_alignments()
    html = styled_multi_version(alignments, "en").to_html()
    assert "en (pivot)" in html and "hy-working (working translation)" in html
    assert "Working translation made by this project — not an archival original: ru-working, hy-working" in html
    assert '<mark class="hl m-numbers"' in html and "band-3" in html
    en = tuple(seg.text for seg in alignments[0].src_segments)
    evil = make_alignment(en, ("<script>x</script>", "b", "c", "d"),
                          tuple(Bead((i,), (i,), 0.9, None) for i in range(4)), tgt_version="xx")
    out = styled_multi_version([alignments[0], evil], "en").to_html()
    assert "<script>" not in out and "&lt;script&gt;x&lt;/script&gt;" in out


def test_errors_name_the_problem():
    ru, hy = sample_alignments()
    with pytest.raises(AlignmentError, match="does not include the pivot version 'fr'"):
        multi_version_frame([ru, hy], "fr")
    with pytest.raises(AlignmentError, match="two alignments pair 'en' with 'ru-working'"):
        multi_version_frame([ru, ru], "en")
    other = make_alignment(("A. B.",), ("x",), (Bead((0,), (0,)),), tgt_version="de")
    with pytest.raises(AlignmentError, match="segmented differently"):
        multi_version_frame([ru, other], "en")
    with pytest.raises(AlignmentError, match="no alignments"):
        multi_version_frame([], "en")
