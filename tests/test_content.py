"""The German handbook itself: complete, in its own words, every seed idea findable.

Tests marked upstream_only state facts of our edition; a fork skips them. The others hold for
whatever curriculum is there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, Build, upstream_only
from macros.content.curriculum import load_curriculum
from macros.rendering.edition import load_edition

# Each idea of the seed article and the module whose page gives it a heading of its own.
SEED_IDEAS = {
    "what it is": "basics/was-ist-reverse-mentoring",
    "why: technology": "reasons/technologie-verstehen",
    "why: generations": "reasons/generationen-verbinden",
    "why: perspectives": "reasons/neue-perspektiven",
    "benefit: staying current": "benefits/aktualitaet",
    "benefit: credibility": "benefits/glaubwuerdigkeit",
    "benefit: relationships": "benefits/beziehungsaufbau",
    "benefit: innovation": "benefits/innovation",
    "topic: digital tools": "topics/digitale-tools-und-social-media",
    "topic: new work": "topics/neue-arbeitsformen",
    "topic: cultural trends": "topics/kulturelle-trends",
    "topic: diversity": "topics/diversitaet-und-inklusion",
    "success: clear roles": "success-factors/klare-rollen",
    "success: openness": "success-factors/offenheit-und-respekt",
    "success: voluntariness": "success-factors/freiwilligkeit",
    "success: regularity": "success-factors/regelmaessigkeit",
    "challenge: hierarchy": "challenges/hierarchiebarrieren",
    "challenge: trust": "challenges/vertrauensaufbau",
    "challenge: time": "challenges/zeitfaktor",
    "remedy: learning, not evaluation": "ground-rules/lernen-statt-bewerten",
    "conclusion": "basics/fazit-fuehrung-neu-denken",
}
SEED_NAME = "shared/seed/000_1b3c957e1dab0210.txt"
# CI clones main with shared/ beside it; look upward so any checkout depth works.
SEED = next((p / SEED_NAME for p in ROOT.parents if (p / SEED_NAME).exists()), ROOT.parent / SEED_NAME)


def test_live_curriculum_is_valid() -> None:
    edition = load_edition(ROOT)  # raises with every problem, file and line
    assert edition.curriculum.entries


@upstream_only
def test_curriculum_is_complete() -> None:
    curriculum = load_curriculum(ROOT, "de")
    assert len(curriculum.entries) >= 20
    assert len(curriculum.of_kind("sessions")) >= 8
    assert len(curriculum.of_kind("checklists")) >= 4
    for kind in ("basics", "reasons", "benefits", "topics", "success-factors", "challenges", "roles",
                 "ground-rules", "phases"):
        assert curriculum.of_kind(kind), kind


@upstream_only
@pytest.mark.parametrize(("idea", "module"), SEED_IDEAS.items())
def test_seed_idea_has_its_own_heading_and_is_searchable(real_site: Build, idea: str, module: str) -> None:
    entry = load_curriculum(ROOT, "de").entries[module.split("/")[1]]
    html = real_site.html(f"{module}/index.html")
    assert re.search(r"<h1[^>]*>" + re.escape(str(entry.module.title)), html), idea
    index = json.loads((real_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"] == f"{module}/" and doc["title"] for doc in index["docs"]), idea


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@upstream_only
def test_content_is_in_our_own_words() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found above this checkout ({SEED_NAME})")
    seed = words(SEED.read_text(encoding="utf-8"))
    runs = {" ".join(seed[i:i + 8]) for i in range(len(seed) - 7)}
    copied = []
    for path in sorted((ROOT / "curriculum").rglob("*.yaml")):
        mine = words(path.read_text(encoding="utf-8"))
        copied += [f"{path.name}: {' '.join(mine[i:i + 8])}" for i in range(len(mine) - 7)
                   if " ".join(mine[i:i + 8]) in runs]
    assert copied == []


def test_files_carry_their_schema_for_editors() -> None:
    for path in (ROOT / "curriculum" / "de").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../../schemas/{path.parent.name}.schema.json", path


@upstream_only
def test_every_role_phase_and_session_links_checklists() -> None:
    curriculum = load_curriculum(ROOT, "de")
    linked = set()
    for kind in ("roles", "phases", "sessions"):
        for entry in curriculum.of_kind(kind):
            linked.update(entry.module.checklists)
    assert linked == {e.id for e in curriculum.of_kind("checklists")}


@upstream_only
def test_sessions_cover_the_program(real_site: Build) -> None:
    audiences = {e.module.audience for e in load_curriculum(ROOT, "de").of_kind("sessions")}
    assert audiences == {"pair", "cohort", "facilitators"}
    assert Path(real_site.site / "toolkit/agreement/index.html").exists()


def test_every_edition_in_the_curriculum_is_valid() -> None:
    # Each language folder must validate on its own (references resolve within the edition).
    editions = [p.name for p in (ROOT / "curriculum").iterdir() if p.is_dir() and len(p.name) == 2]
    for lang in editions:
        assert load_curriculum(ROOT, lang).entries, lang


@upstream_only
def test_the_english_edition_translates_every_german_module_and_records_its_source() -> None:
    import subprocess

    german = load_curriculum(ROOT, "de").entries
    english = load_curriculum(ROOT, "en").entries
    assert {(e.kind, i) for i, e in english.items()} == {(e.kind, i) for i, e in german.items()}
    for module_id, entry in english.items():
        second = (ROOT / entry.source).read_text(encoding="utf-8").splitlines()[1]
        source = f"curriculum/de/{entry.kind}/{module_id}.yaml"
        assert second.startswith(f"# translation of: {source} @ "), entry.source
        blob = second.rsplit(" ", 1)[1]
        known = subprocess.run(["git", "cat-file", "-e", blob], cwd=ROOT, capture_output=True).returncode == 0
        assert known or not (ROOT / ".git").exists(), f"{entry.source}: unknown source version {blob}"
