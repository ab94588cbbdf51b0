"""YAML text is data: render it as Markdown, never as Jinja and never as live HTML."""

from __future__ import annotations

import re
from html import unescape

import markdown
from markupsafe import Markup, escape

from macros.rendering.sanitize import clean


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
    # Without these two, "<script>" in YAML is escaped like any other text; the sanitizer
    # behind the converter is the second line of defence, not the first.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _converter()


# One line that starts like ordinary prose (_START) and holds no character that begins Markdown syntax, an
# entity, an escape or one of smarty's replacements: Markdown only wraps such text in <p>.
# Most of our texts are paragraphs of such lines, some with **bold** words.
# Skipping Python-Markdown for them saves most of the build's conversions; tests/test_text.py
# checks the shortcut against the converter.
# A line may start with a letter, „, §, ( or [, or with a number that no "." follows (that would be a list).
_START = r"(?:[^\W\d_]|[„§(\[]|\d+(?![\d.)]))"
# A run of characters with no meaning to Markdown or smarty. Square brackets are text too ("[Name]",
# a blank for the reader to fill in) unless they make a link or a reference definition: _no_pairs.
_CALM = r"[^\x00-\x1f\\`*_<>&'\"#|~=]*"
_PLAIN = re.compile(_START + _CALM)
_LINE_START = re.compile(r"(?:\*\*)?" + _START)  # maybe in bold: no block syntax
_NUMBERED = re.compile(r"(\d+)\. (?! )")
_CONTINUED = re.compile(r" {2,3}(?! )")
_PLAIN_RUN = re.compile(_CALM)
# Most texts are nothing but paragraphs of such lines (no bold, no list): one match tells so.
# A line must not end in white space (two spaces make a <br>): (?<!\s) is str.rstrip()'s set.
_PLAIN_LINE = _START + _CALM + r"(?<!\s)"
_PLAIN_PARAGRAPHS = re.compile(_PLAIN_LINE + r"(?:\n+" + _PLAIN_LINE + ")*")
_BLANK_LINES = re.compile(r"\n\n+")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h\d)>")  # in plain text, a line break


# What two characters mean together: smarty's dash (--) and ellipsis (...), Markdown's link
# "[text](address)" and reference definition "[name]: address". Without a definition, "[text]" and
# "[text][name]" stay text (each text is converted on its own: text._MD.reset()).
def _no_pairs(text: str) -> bool:
    """Tell whether ``text`` lacks every pair of characters with a meaning of its own."""
    return "--" not in text and "..." not in text and "](" not in text and "]:" not in text


def is_plain(text: str) -> bool:
    """Tell whether Markdown would turn one line ``text`` into exactly ``<p>text</p>``."""
    return _PLAIN.fullmatch(text) is not None and text == text.rstrip() and _no_pairs(text)


def _plain_run(text: str) -> bool:
    """Tell whether ``text`` (a piece of a line) holds nothing Markdown or smarty would change."""
    return _PLAIN_RUN.fullmatch(text) is not None and _no_pairs(text)


def _simple_line(line: str) -> str | None:
    """Return a plain line, or one with **bold** words, as Markdown renders it; else None."""
    if line != line.rstrip() or not _LINE_START.match(line):
        return None
    parts = line.split("**")  # even indexes: text around, odd: bold words
    if len(parts) % 2 == 0 or not all(map(_plain_run, parts[::2])) or not all(parts[2:-1:2]):
        return None
    if not all(is_plain(bold) and bold == bold.strip() for bold in parts[1::2]):
        return None
    return "".join(f"<strong>{part}</strong>" if i % 2 else part for i, part in enumerate(parts))


def _list_item(line: str) -> tuple[str, str, str] | None:
    """Split a tight list's line into (list tag, start number, item text); None if it is no item."""
    bullet = line.startswith("- ") and not line[2:3].isspace()
    number = _NUMBERED.match(line)
    if bullet:
        return "ul", "", line[2:]
    return ("ol", number[1], line[number.end():]) if number else None


def _simple_list(lines: list[str]) -> str | None:
    """Return a tight list of simple items (continued on lines indented by 2-3 spaces) as HTML."""
    first = _list_item(lines[0])
    if first is None:
        return None
    tag, start, _ = first
    items: list[str] = []
    for line in lines:
        item = _list_item(line)
        if item is not None and item[0] == tag and _simple_line(item[2]):
            items.append(str(_simple_line(item[2])))
        elif item is None and _CONTINUED.match(line) and _simple_line(line.lstrip(" ")) and items:
            items[-1] += "\n" + line[: len(line) - len(line.lstrip(" "))] + str(_simple_line(line.lstrip(" ")))
        else:
            return None
    opening = f'<{tag} start="{start}">' if tag == "ol" and start != "1" else f"<{tag}>"
    return opening + "\n" + "".join(f"<li>{item}</li>\n" for item in items) + f"</{tag}>"


def _simple(text: str) -> str | None:
    """Return what Markdown makes of paragraphs and tight lists of simple lines; None otherwise."""
    stripped = text.strip("\n")
    if _PLAIN_PARAGRAPHS.fullmatch(stripped) and _no_pairs(stripped):
        return "<p>" + _BLANK_LINES.sub("</p>\n<p>", stripped) + "</p>"
    blocks, after_list = [], False
    for block in _BLANK_LINES.split(stripped):
        lines = block.split("\n")
        as_list = _simple_list(lines)
        if as_list is not None:
            if after_list:
                return None  # lists apart by a blank line are one loose list: <li><p>…
            blocks.append(as_list)
            after_list = True
            continue
        simple = [_simple_line(line) for line in lines]
        if not all(simple):
            return None
        blocks.append("<p>" + "\n".join(simple) + "</p>")  # type: ignore[arg-type]
        after_list = False
    return "\n".join(blocks)


def to_html(text: str) -> Markup:
    """Render Markdown block text to safe HTML."""
    html = _simple(text)
    if html is None:
        _MD.reset()
        return Markup(clean(_MD.convert(text)))
    # The shortcut writes only its own tags around text that holds no <, > or &: the sanitizer
    # would hand it back unchanged, except that it writes a no-break space as &nbsp;
    # (tests/test_text.py compares both with the converter's sanitized output).
    return Markup(clean(html) if "\xa0" in html else html)


def to_inline_html(text: str) -> Markup:
    """Render a one-paragraph Markdown text to safe HTML without the surrounding <p>."""
    html = str(to_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def md_escape(text: str) -> Markup:
    """Escape plain text for use inside page Markdown (link texts, headings)."""
    if "\n" in text or "\r" in text:
        # One-line fields refuse line breaks in validation; a break here would start a new block.
        raise ValueError(f"line break in one-line text: {text!r}")
    escaped = str(escape(text))
    return Markup(re.sub(r"([\\`*_\[\]{}#+!])", r"\\\1", escaped))


def to_plain(text: str) -> str:
    """Render Markdown to plain text, for files that are not HTML (Word documents, calendar entries)."""
    return html_text(_BLOCK_END.sub("\n", str(to_html(text)))).strip()


def html_text(html: str) -> str:
    """Return the text of an HTML fragment: its tags dropped, its character references decoded."""
    return unescape(_TAG.sub("", html))
