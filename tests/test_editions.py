"""Two editions from one build: each in its language, linked page to page, translation status kept.

Engine tests run on the two-edition fixture (conftest.bilingual_project: the mini curriculum in
German and a marked English copy, one module left untranslated); a fork building one edition
alone is built here too.
"""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import (
    ROOT,
    SUBPATH_URL,
    UNTRANSLATED,
    Build,
    bilingual_project,
    handbook,
    mkdocs_build,
    site_path,
    upstream_only,
)

LINK = re.compile(r'<a href="([^"]*)" lang="([a-z]{2})" class="md-select__link')
ALTERNATE = re.compile(r'<link rel="alternate ?" hreflang="([a-z-]+)" href="([^"]*)">')


def pages(site: Path, edition: str) -> list[str]:
    """Return the HTML pages of one edition as site paths (the default edition is at the root)."""
    top = site / edition if edition else site
    found = []
    for path in sorted(top.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not edition and rel.split("/")[0] == "en":
            continue  # the other edition's pages
        found.append(rel)
    return found


def resolve(site: Path, page: str, href: str) -> Path:
    """Return the file a link on ``page`` leads to, as a static server would serve it: a relative
    link, or an absolute one under the site.url the tests set (conftest.SUBPATH_URL)."""
    target = urljoin("http://x/" + page, href).removeprefix("http://x/").removeprefix(SUBPATH_URL)
    return site / (target + "index.html" if target.endswith("/") or not target else target)


def test_one_build_makes_both_editions_each_in_its_own_language(bilingual_site: Build) -> None:
    site = bilingual_site.site
    assert "WARNING" not in bilingual_site.output
    for edition, lang in (("", "de"), ("en", "en")):
        for page in pages(site, edition):
            assert f'<html lang="{lang}"' in (site / page).read_text(encoding="utf-8"), page
        index = json.loads((site / edition / "search/search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        assert (site / edition / "404.html").is_file()
    # The theme speaks the edition's language too (Material's own interface strings).
    assert 'placeholder="Suche"' in bilingual_site.html("index.html")
    assert 'placeholder="Search"' in bilingual_site.html("en/index.html")
    # Settings worded per edition.
    assert "alle drei Wochen" in bilingual_site.html("faq/fragen-von-mentees/index.html")
    english = bilingual_site.html("en/faq/fragen-von-mentees/index.html")
    assert "every three weeks" in english and "alle drei Wochen" not in english


def test_every_page_links_to_its_counterpart_or_the_other_start_page(bilingual_site: Build) -> None:
    site = bilingual_site.site
    assert switcher_problems(site) == []
    # Search engines learn the counterpart from hreflang links, the page itself included.
    module = "roles/mentee/index.html"
    alternates = dict(ALTERNATE.findall(bilingual_site.html(module)))
    assert resolve(site, module, alternates["en"]) == site / "en" / module
    assert resolve(site, module, alternates["de"]) == site / module == resolve(site, module, alternates["x-default"])
    # A page without counterpart leads to the other edition's start page, and claims no alternate.
    kind, module_id = UNTRANSLATED.split("/")
    lonely = f"{kind}/{module_id}/index.html"
    english = next(href for href, lang in LINK.findall(bilingual_site.html(lonely)) if lang == "en")
    assert resolve(site, lonely, english) == site / "en/index.html"
    assert "en" not in dict(ALTERNATE.findall(bilingual_site.html(lonely)))
    # A reader's click needs no host: the switcher works on any server, under any path. The
    # hreflang addresses are absolute when site.url says where the site lives.
    assert all("//" not in href for href, _ in LINK.findall(bilingual_site.html(module)))
    assert all(href.startswith(SUBPATH_URL) for href in alternates.values()) == (site_path(bilingual_site.root) != "/")


def test_a_sitemap_lists_the_public_addresses_only_when_site_url_gives_them(bilingual_site: Build) -> None:
    site, subpath = bilingual_site.site, site_path(bilingual_site.root) != "/"
    for edition in ("", "en"):
        sitemap = site / edition / "sitemap.xml"
        assert sitemap.is_file() == subpath, sitemap  # without an address, a sitemap would list none
        if subpath:
            addresses = re.findall(r"<loc>([^<]*)</loc>", sitemap.read_text(encoding="utf-8"))
            assert f"{SUBPATH_URL}{edition}/roles/mentee/".replace("//roles", "/roles") in addresses
            assert [a for a in addresses if not resolve(site, "", a).is_file()] == []


def test_an_untranslated_module_is_named_in_build_check_and_status_pages(bilingual_site: Build) -> None:
    kind, module_id = UNTRANSLATED.split("/")
    site = bilingual_site.site
    assert (site / kind / module_id / "index.html").is_file()
    assert not (site / "en" / kind / module_id).exists()
    # One line per build in the fork's own language, however many modules wait for a translation.
    summary = f"1 Modul ist in der Ausgabe „en“ noch nicht übersetzt: {UNTRANSLATED}; was fehlt, zeigt ./handbook"
    assert bilingual_site.output.count(summary) == 1 and "not translated yet" not in bilingual_site.output
    for status in ("translation-status/index.html", "en/translation-status/index.html"):
        text = bilingual_site.html(status)
        assert f"curriculum/en/{UNTRANSLATED}.yaml" in text, status
    assert "fehlt" in bilingual_site.html("translation-status/index.html")
    assert "missing" in bilingual_site.html("en/translation-status/index.html")


def test_the_translation_status_is_for_translators_only(bilingual_site: Build) -> None:
    # Reachable at its address, but in no edition's navigation or search.
    for edition in ("", "en/"):
        assert (bilingual_site.site / edition / "translation-status/index.html").is_file()
        for page in pages(bilingual_site.site, edition.rstrip("/")):
            if "translation-status/" not in page:  # (it links to itself in the other edition)
                assert not re.search(r'href="[^"]*translation-status/', bilingual_site.html(page)), page
        index = json.loads((bilingual_site.site / edition / "search/search_index.json").read_text(encoding="utf-8"))
        assert [d["location"] for d in index["docs"] if d["location"].startswith("translation-status/")] == []


def test_a_hidden_module_is_on_no_translators_list(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"hidden:\n  - {UNTRANSLATED.split('/')[1]}\n",
                        encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    assert "noch nicht übersetzt" not in build.output
    for status in ("translation-status/index.html", "en/translation-status/index.html"):
        assert UNTRANSLATED.split("/")[1] not in build.html(status), status
    listing = handbook(root, "translate-status")
    assert listing.result.returncode == 0 and UNTRANSLATED.split("/")[1] not in listing.output


def test_editing_the_source_makes_the_translation_outdated_until_recorded(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    source = root / "curriculum/de/roles/mentee.yaml"
    assert "roles/mentee" not in handbook(root, "check").output
    source.write_text(source.read_text(encoding="utf-8").replace("title: Mentee", "title: Mentee (Führungskraft)"),
                      encoding="utf-8")
    check = handbook(root, "check")
    assert check.result.returncode == 0, check.output  # a notice by default
    # Said in the fork's own language (German here), though it is about the English edition.
    assert re.search(r"curriculum/en/roles/mentee\.yaml:1:1: übersetzt eine ältere Fassung von "
                     r"curriculum/de/roles/mentee\.yaml: .*git diff [0-9a-f]{10} curriculum/de/roles/mentee\.yaml",
                     check.output)
    status = handbook(root, "translate-status")
    assert "curriculum/en/roles/mentee.yaml" in status.output and "1 veraltet" in status.output
    # A fork that wants every translation current makes it an error.
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "translations: error\n", encoding="utf-8")
    strict = handbook(root, "check")
    assert strict.result.returncode == 1 and "curriculum/en/roles/mentee.yaml:1:1:" in strict.output
    assert mkdocs_build(root).result.returncode != 0
    # The translator brings it up to date and records it.
    updated = handbook(root, "translate-status", "--update", "mentee")
    assert updated.result.returncode == 0, updated.output
    after = handbook(root, "check")
    assert "roles/mentee" not in after.output.replace(f"curriculum/de/{UNTRANSLATED}", "")


def test_a_fork_builds_one_edition_alone_with_no_trace_of_the_other(tmp_path: Path) -> None:
    root = bilingual_project(tmp_path / "p")
    shutil.rmtree(root / "curriculum/de")
    settings = root / "curriculum/organization.yaml"
    text = settings.read_text(encoding="utf-8").replace("languages: [de, en]", "language: en\nlanguages: [en]")
    settings.write_text(text, encoding="utf-8")
    build = mkdocs_build(root)
    assert build.result.returncode == 0, build.output
    assert not (build.site / "en").exists() and not (build.site / "translation-status").exists()
    for page in pages(build.site, ""):
        html = (build.site / page).read_text(encoding="utf-8")
        assert '<html lang="en"' in html and "md-select__link" not in html and "hreflang" not in html, page
        assert "Deutsch" not in html and "Suche" not in html, page
    assert "every three weeks" in build.html("faq/fragen-von-mentees/index.html")


def test_the_german_edition_alone_has_no_switcher(mini_site: Build) -> None:
    for page in pages(mini_site.site, ""):
        html = (mini_site.site / page).read_text(encoding="utf-8")
        assert "md-select__link" not in html and "hreflang" not in html and "English" not in html, page


def interface_strings(lang: str) -> set[str]:
    """Return the interface texts of one language: our labels and the theme's translations."""
    import material
    import yaml

    def walk(value: object, top: str = "") -> list[str]:
        if isinstance(value, dict):
            # facts/slots/avoid/time are patterns and keywords for the checks, never shown.
            return [s for k, v in value.items() if k not in ("facts", "slots", "avoid", "time", "language_name")
                    for s in walk(v, top or str(k))]
        if isinstance(value, list):
            return [s for v in value for s in walk(v, top)]
        return [value] if isinstance(value, str) else []

    ours = walk(yaml.safe_load((ROOT / f"macros/i18n/{lang}.yaml").read_text(encoding="utf-8")))
    theme = Path(material.__file__).parent / f"templates/partials/languages/{lang}.html"
    theirs = re.findall(r'^\s*"[\w.]+": "([^"]+)"', theme.read_text(encoding="utf-8"), re.M)
    return {s.strip() for s in ours + theirs if "{" not in s}


def visible_text(html: str) -> str:
    """Return what a reader sees or hears: text and labels, without scripts and pictures."""
    html = re.sub(r"<(script|svg|style)\b.*?</\1>", " ", html, flags=re.S)
    shown = re.sub(r"<[^>]+>", "\n", html)
    said = " \n".join(re.findall(r'(?:aria-label|title|placeholder|alt|data-md-[\w-]+)="([^"]*)"', html))
    return unescape(shown + "\n" + said)


def test_no_interface_text_of_one_edition_appears_in_the_other(real_site: Build) -> None:
    site = real_site.site
    others = [d.name for d in site.iterdir() if (d / "search/search_index.json").is_file()]
    if not others:
        pytest.skip("this handbook builds one edition")
    default = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["lang"][0]
    found = []
    for edition, lang, other in [("", default, o) for o in others] + [(o, o, default) for o in others]:
        # Texts only the other language has, and that this edition's own writing never uses (a
        # word of both languages, like "Start" or "Agenda", is no giveaway); the settings are the
        # fork's own writing too (a contact called "Petra Programm" is a name, not German text).
        own = "\n".join(p.read_text(encoding="utf-8") for folder in (real_site.root / "curriculum" / lang,
                                                                     real_site.root / "docs" / lang)
                        for p in sorted(folder.rglob("*.*")) if p.suffix in (".yaml", ".md"))
        own += (real_site.root / "curriculum/organization.yaml").read_text(encoding="utf-8")
        foreign = {s for s in interface_strings(other) - interface_strings(lang)
                   if len(s) >= 4 and not re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", own)}
        pattern = re.compile("|".join(r"(?<!\w)" + re.escape(s) + r"(?!\w)"
                                      for s in sorted(foreign, key=len, reverse=True)))
        for page in pages(site, edition):
            html = (site / page).read_text(encoding="utf-8")
            # The switcher names every language in that language; everything else must be this one's.
            html = re.sub(r'<ul class="md-select__list">.*?</ul>', "", html, flags=re.S)
            found += [f"{page}: {m.group(0)!r}" for m in pattern.finditer(visible_text(html))]
    assert found == []


def switcher_problems(site: Path) -> list[str]:
    """Check every page's switcher: each link leads to a real page, the counterpart where there is one."""
    others = [d.name for d in site.iterdir() if (d / "search/search_index.json").is_file()]
    problems = []
    for edition in ["", *others]:
        for page in pages(site, edition):
            if page.endswith("404.html"):
                continue  # served at any address: its links are absolute (site.url) or lead home
            html = (site / page).read_text(encoding="utf-8")
            links = {lang: href for href, lang in LINK.findall(html)}
            for lang, href in links.items():
                target = resolve(site, page, href)
                counterpart = site / (page.removeprefix(edition + "/") if edition else page)
                if lang in others:
                    counterpart = site / lang / counterpart.relative_to(site)
                if not target.is_file():
                    problems.append(f"{page}: {lang} → {href} leads nowhere")
                elif counterpart.is_file() and target != counterpart:
                    problems.append(f"{page}: {lang} → {href}, not to its counterpart")
            if len(links) != len(others) + 1:
                problems.append(f"{page}: switcher lists {sorted(links)}")
    return problems


def test_the_switcher_of_every_page_of_this_handbook_resolves(real_site: Build) -> None:
    if not [d for d in real_site.site.iterdir() if (d / "search/search_index.json").is_file()]:
        assert "md-select__link" not in real_site.html("index.html")  # one edition: no switcher at all
        return
    assert switcher_problems(real_site.site) == []


@upstream_only
def test_every_german_page_has_an_english_one_and_the_reverse(real_site: Build) -> None:
    german = {p for p in pages(real_site.site, "") if not p.endswith("404.html")}
    english = {p.removeprefix("en/") for p in pages(real_site.site, "en") if not p.endswith("404.html")}
    assert german == english


def test_a_worded_setting_taken_over_is_noted_in_the_forks_language(tmp_path: Path) -> None:
    from macros.rendering.edition import load_edition

    root = bilingual_project(tmp_path / "p")
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('  rhythm: "alle drei Wochen"\n',
                        '  rhythm: "alle drei Wochen"\n  notice: "zwei Arbeitstage"\n'), encoding="utf-8")
    notices = load_edition(root, lang="en", translation_page=False).notices
    assert ("program.notice gilt unverändert auch für die Ausgabe „en“; in ihrer Sprache schreiben Sie es unter "
            "editions: en: …") in notices


def test_terms_and_worded_settings_belong_to_their_edition(tmp_path: Path) -> None:
    from macros.organization.settings import load_settings

    root = bilingual_project(tmp_path / "p")
    settings = root / "curriculum/organization.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "terms:\n  Mentee: Lernpartner:in\n", encoding="utf-8")
    text = settings.read_text(encoding="utf-8").replace("      rhythm: every three weeks\n",
                                                       "      rhythm: every three weeks\n    terms:\n"
                                                       "      Mentee: learning partner\n")
    settings.write_text(text, encoding="utf-8")
    german, english = load_settings(root), load_settings(root, "en")
    assert german.terms == {"Mentee": "Lernpartner:in"} and german.program.rhythm == "alle drei Wochen"
    assert english.terms == {"Mentee": "learning partner"} and english.program.rhythm == "every three weeks"
    assert english.placeholders()["cohort"].endswith(" to 12") and german.placeholders()["cohort"].endswith(" bis 12")
    assert english.placeholders()["notice"] == "24 hours" and german.placeholders()["notice"] == "24 Stunden"
