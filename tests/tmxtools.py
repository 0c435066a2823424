"""Helpers for the export/import tests: hand-built alignments, the TMX 1.4 DTD, OmegaT.

The DTD is never written by hand: it is read from Debian's ``omegat`` package
(``schemas/tmx14.dtd`` inside ``OmegaT.jar``) — the installed jar if there is
one, else a ``.deb`` fetched with ``apt-get download`` and unpacked with
``dpkg-deb -x``.  Tests needing it are skipped, with the reason, when neither
works.  CI installs the package: ``apt-get install -y omegat``.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from align.records import Alignment, Bead, Role, Segment, Signature, VersionMeta, text_sha256

JAR_CANDIDATES = ("/usr/share/omegat/OmegaT.jar", "/usr/share/java/omegat.jar", "/usr/share/java/OmegaT.jar")
DTD_MEMBER = "schemas/tmx14.dtd"

#: ``(source sentences, target sentences[, similarity[, divergence]])``
BeadSpec = tuple[Any, ...]


def _sha(text: str) -> str:
    """text_sha256, tolerating the lone surrogates some tests feed in on purpose."""
    try:
        return text_sha256(text)
    except UnicodeEncodeError:
        import hashlib
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_alignment(spec: Sequence[BeadSpec], *, src_lang: str = "en", tgt_lang: str = "ru",
                   doc_id: str = "doc-1", src_version: str = "en", tgt_version: str = "ru-working",
                   tgt_role: Role = Role.WORKING) -> tuple[Alignment, str, str]:
    """``(alignment, source text, target text)`` built by hand from bead specs.

    Each spec is ``(source sentences, target sentences[, similarity[, divergence]])``.
    A bead's sentences form one paragraph (joined by a space); paragraphs are
    joined by a blank line; segments carry exact offsets into those texts.
    """
    def side(groups: list[Sequence[str]], version: str) -> tuple[list[Segment], list[tuple[int, ...]], str]:
        segs: list[Segment] = []
        ids: list[tuple[int, ...]] = []
        parts: list[str] = []
        pos, para = 0, 0
        for sentences in groups:
            mine = []
            if sentences:
                if parts:
                    pos += 2
                for k, sent in enumerate(sentences):
                    if k:
                        pos += 1
                    segs.append(Segment(doc_id, version, para, len(segs), pos, pos + len(sent), sent))
                    mine.append(len(segs) - 1)
                    pos += len(sent)
                parts.append(" ".join(sentences))
                para += 1
            ids.append(tuple(mine))
        return segs, ids, "\n\n".join(parts)

    src_segs, src_ids, src_text = side([s[0] for s in spec], src_version)
    tgt_segs, tgt_ids, tgt_text = side([s[1] for s in spec], tgt_version)
    for seg in src_segs:
        assert src_text[seg.start:seg.end] == seg.text
    beads = []
    for s, a, b in zip(spec, src_ids, tgt_ids):
        sim = s[2] if len(s) > 2 else (0.8 if a and b else None)
        div = s[3] if len(s) > 3 else None
        beads.append(Bead(src=a, tgt=b, similarity=sim, divergence=div))
    alignment = Alignment(
        src_segments=tuple(src_segs), tgt_segments=tuple(tgt_segs), beads=tuple(beads),
        signature=Signature("test-encoder", {"window": 2}, _sha(src_text), _sha(tgt_text), "0.1.0"),
        src_lang=src_lang, tgt_lang=tgt_lang, doc_id=doc_id, src_version=src_version, tgt_version=tgt_version,
        src_meta=VersionMeta(src_lang, Role.PUBLISHED, "Source", "test"),
        tgt_meta=VersionMeta(tgt_lang, tgt_role, "Target", "test", translator="tests"))
    return alignment, src_text, tgt_text


def find_omegat_jar() -> Path | None:
    """The installed ``OmegaT.jar`` ($OMEGAT_JAR first), or None."""
    for cand in (os.environ.get("OMEGAT_JAR", ""), *JAR_CANDIDATES):
        if cand and Path(cand).is_file():
            return Path(cand)
    return None


def _download_jar(workdir: Path) -> tuple[Path | None, str]:
    """Fetch Debian's omegat .deb with ``apt-get download`` and unpack it; (jar, why not)."""
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        return None, "apt-get/dpkg-deb are not available"
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["apt-get", "download", "omegat"], cwd=workdir, check=True, timeout=180,
                       capture_output=True, text=True)
        debs = sorted(glob.glob(str(workdir / "omegat_*.deb")))
        if not debs:
            return None, "apt-get download omegat produced no .deb"
        subprocess.run(["dpkg-deb", "-x", debs[-1], str(workdir / "root")], check=True, timeout=120,
                       capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        return None, f"apt-get download omegat failed: {(exc.stderr or '').strip()[-300:]}"
    except subprocess.TimeoutExpired:
        return None, "apt-get download omegat timed out"
    jars = sorted((workdir / "root").rglob("OmegaT.jar"))
    return (jars[0], "") if jars else (None, "the omegat .deb holds no OmegaT.jar")


@pytest.fixture(scope="session")
def tmx14_dtd(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The TMX 1.4 DTD from Debian's OmegaT, as an ``lxml.etree.DTD``."""
    from lxml import etree
    jar = find_omegat_jar()
    why = ""
    if jar is None:
        jar, why = _download_jar(tmp_path_factory.mktemp("omegat-deb"))
    if jar is None:
        pytest.skip(f"TMX 1.4 DTD unavailable: OmegaT is not installed and {why} "
                    "(install it with: apt-get install -y omegat)")
    with zipfile.ZipFile(jar) as zf:
        try:
            data = zf.read(DTD_MEMBER)
        except KeyError:
            pytest.skip(f"{jar} holds no {DTD_MEMBER}")
    import io
    return etree.DTD(io.BytesIO(data))


def assert_valid_tmx(data: bytes, dtd: Any) -> Any:
    """Parse ``data`` safely and assert it validates against ``dtd``; returns the root element."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    ok = dtd.validate(root)
    assert ok, "TMX does not validate against the TMX 1.4 DTD:\n" + str(dtd.error_log.filter_from_errors())
    return root


def omegat_command() -> list[str] | None:
    """``java ... -jar OmegaT.jar`` for a headless run, or None when OmegaT or Java is missing."""
    jar, java = find_omegat_jar(), shutil.which("java")
    if jar is None or java is None:
        return None
    return [java, "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-jar", str(jar)]
