"""viewflow ships no Vietnamese catalogue; locale/vi/LC_MESSAGES/django.po (+ djangojs.po)
provides it.  These checks need no database."""

from __future__ import annotations

import ast
import gettext as pygettext
import re
from pathlib import Path

import django_filters
import pytest
import viewflow
from django.conf import settings
from django.utils import translation

from tests.i18n.english_viewflow_strings import (
    HARDCODED_ENGLISH_VIEWFLOW_STRINGS,
    KNOWN_ENGLISH_VIEWFLOW_STRINGS,
)

VIEWFLOW_DIR = Path(viewflow.__file__).resolve().parent
DJANGO_FILTERS_DIR = Path(django_filters.__file__).resolve().parent
LOCALE_VI = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"

# Strings that are correctly identical in Vietnamese.
SAME_IN_VIETNAMESE = {"Email", "ID", "BPMN", "SVG", "PNG", "%(label)s %(name)s"}

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{[\w.]+\}")


def parse_po(path: Path) -> list[dict]:
    """Minimal .po reader: msgctxt / msgid / msgid_plural / msgstr[n]; skips obsolete
    entries and the header."""
    entries: list[dict] = []
    cur: dict | None = None
    field: tuple | None = None

    def flush():
        nonlocal cur
        if cur is not None and "id" in cur and (cur["id"] or cur["ctx"]):
            entries.append(cur)
        cur = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            continue
        if not line:
            flush()
            continue
        if cur is None:
            cur = {"ctx": None, "plural": None, "strs": {}, "flags": set()}
        if line.startswith("#,"):
            cur["flags"] |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if m:
            kw, idx, val = m.group(1), m.group(2), ast.literal_eval(m.group(3))
            if kw == "msgctxt":
                field = ("ctx",)
            elif kw == "msgid":
                field = ("id",)
            elif kw == "msgid_plural":
                field = ("plural",)
            else:
                field = ("strs", int(idx or 0))
                cur["strs"][field[1]] = ""
            if field[0] == "strs":
                cur["strs"][field[1]] += val
            else:
                cur[field[0]] = val
        elif line.startswith('"') and field is not None:
            val = ast.literal_eval(line)
            if field[0] == "strs":
                cur["strs"][field[1]] += val
            else:
                cur[field[0]] += val
    flush()
    return entries


_GETTEXT_FUNCS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
_STR = r"u?'(?:[^'\\]|\\.)*'"
_TEMPLATIZED_CALL = re.compile(rf"\b(n?p?gettext)\(({_STR}(?:,\s*{_STR})*)")


def _entry(ctx, msgid, plural) -> dict:
    return {"ctx": ctx, "id": msgid, "plural": plural, "strs": {}, "flags": set()}


def extract_viewflow_msgids() -> list[dict]:
    """What `makemessages` would collect from viewflow's templates and Python sources,
    without needing GNU xgettext: templates go through Django's own templatize()."""
    from django.utils.translation.template import templatize

    found: list[dict] = []
    for tpl in sorted((VIEWFLOW_DIR / "templates").rglob("*.html")):
        for m in _TEMPLATIZED_CALL.finditer(templatize(tpl.read_text(encoding="utf-8"))):
            args = ast.literal_eval("(" + m.group(2) + ",)")
            ctx_i, id_i, pl_i = _GETTEXT_FUNCS[m.group(1)]
            found.append(
                _entry(
                    args[ctx_i] if ctx_i is not None else None,
                    args[id_i],
                    args[pl_i] if pl_i is not None and len(args) > pl_i else None,
                )
            )
    for py in sorted(VIEWFLOW_DIR.rglob("*.py")):
        if {"migrations", "tests", "static"} & set(py.relative_to(VIEWFLOW_DIR).parts):
            continue
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name not in _GETTEXT_FUNCS:
                continue
            ctx_i, id_i, pl_i = _GETTEXT_FUNCS[name]
            needed = [i for i in (ctx_i, id_i, pl_i) if i is not None]
            if len(node.args) <= max(needed) or not all(
                isinstance(node.args[i], ast.Constant) and isinstance(node.args[i].value, str)
                for i in needed
            ):
                continue  # gettext on a variable: nothing to catalogue
            ctx, msgid, plural = (
                node.args[i].value if i is not None else None for i in (ctx_i, id_i, pl_i)
            )
            found.append(_entry(ctx, msgid, plural))
    return found


def _union(*sources) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for entries in sources:
        for e in entries:
            if e["id"]:
                seen.setdefault((e["ctx"], e["id"]), e)
    return list(seen.values())


VIEWFLOW_PO_FILES = sorted(VIEWFLOW_DIR.glob("locale/*/LC_MESSAGES/django*.po"))
VIEWFLOW_PO_MSGIDS = _union(*(parse_po(po) for po in VIEWFLOW_PO_FILES))
VIEWFLOW_SOURCE_MSGIDS = _union(extract_viewflow_msgids())
VIEWFLOW_MSGIDS = _union(VIEWFLOW_PO_MSGIDS, VIEWFLOW_SOURCE_MSGIDS)
DJANGO_FILTERS_MSGIDS = _union(
    *(parse_po(po) for po in sorted(DJANGO_FILTERS_DIR.glob("locale/*/LC_MESSAGES/django.po")))
)


def _ids(entries):
    return [(e["ctx"] + "|" if e["ctx"] else "") + e["id"].strip()[:60] for e in entries]


def _translate(entry: dict) -> list[str]:
    """Every rendering of the entry in Vietnamese (singular and plural for ngettext)."""
    ctx, msgid, plural = entry["ctx"], entry["id"], entry["plural"]
    with translation.override("vi"):
        if plural and ctx:
            return [translation.npgettext(ctx, msgid, plural, n) for n in (1, 2, 5)]
        if plural:
            return [translation.ngettext(msgid, plural, n) for n in (1, 2, 5)]
        if ctx:
            return [translation.pgettext(ctx, msgid)]
        return [translation.gettext(msgid)]


def _check_entry(entry: dict) -> None:
    english = {entry["id"], entry["plural"]} - {None}
    expected_placeholders = set()
    for s in english:
        expected_placeholders |= set(PLACEHOLDER.findall(s))
    for vi in _translate(entry):
        assert vi.strip(), f"empty translation for {entry['id']!r}"
        if entry["id"].strip() not in SAME_IN_VIETNAMESE:
            assert vi not in english, f"untranslated: {entry['id']!r}"
        assert set(PLACEHOLDER.findall(vi)) <= expected_placeholders, (
            f"placeholder mismatch in {vi!r} for {entry['id']!r}"
        )


def test_viewflow_msgids_found():
    assert len(VIEWFLOW_PO_FILES) >= 10
    assert len(VIEWFLOW_PO_MSGIDS) >= 140
    # the source scan must see what the shipped catalogues miss (e.g. "Flow Chart")
    assert len(VIEWFLOW_SOURCE_MSGIDS) >= 150
    assert ("STATUS", "Started") in {(e["ctx"], e["id"]) for e in VIEWFLOW_SOURCE_MSGIDS}
    assert "Flow Chart" in {e["id"] for e in VIEWFLOW_SOURCE_MSGIDS}


def test_language_is_vietnamese():
    assert settings.LANGUAGE_CODE == "vi"
    assert (LOCALE_VI / "django.mo").is_file(), "compile with: msgfmt -c -o django.mo django.po"


@pytest.mark.parametrize("entry", VIEWFLOW_MSGIDS, ids=_ids(VIEWFLOW_MSGIDS))
def test_every_viewflow_msgid_is_translated(entry):
    _check_entry(entry)


@pytest.mark.parametrize("entry", DJANGO_FILTERS_MSGIDS, ids=_ids(DJANGO_FILTERS_MSGIDS))
def test_filter_panel_msgids_are_translated(entry):
    _check_entry(entry)


def test_status_choices_are_translated():
    from viewflow.workflow.status import PROCESS, STATUS

    with translation.override("vi"):
        labels = {value: str(label) for value, label in [*STATUS.choices, *PROCESS.choices]}
    assert labels == {
        "NEW": "Mới",
        "ASSIGNED": "Đã nhận",
        "STARTED": "Đang xử lý",
        "DONE": "Hoàn thành",
        "CANCELED": "Đã hủy",
        "ERROR": "Lỗi",
        "REVIVED": "Đã khôi phục",
        "SCHEDULED": "Đã lên lịch",
    }


@pytest.mark.parametrize("english", KNOWN_ENGLISH_VIEWFLOW_STRINGS)
def test_known_frame_strings_translate(english):
    with translation.override("vi"):
        vi = translation.gettext(english)
    assert vi.strip() and vi != english


def test_known_frame_strings_come_from_viewflow_or_django_filter():
    catalogued = {e["id"] for e in VIEWFLOW_MSGIDS + DJANGO_FILTERS_MSGIDS if not e["ctx"]}
    assert len(KNOWN_ENGLISH_VIEWFLOW_STRINGS) >= 40
    assert set(KNOWN_ENGLISH_VIEWFLOW_STRINGS) <= catalogued


def test_agreed_terminology():
    expected = {
        "Inbox": "Hộp công việc",
        "Queue": "Việc chờ nhận",
        "Archive": "Đã xử lý",
        "Process": "Hồ sơ",
        "Task": "Công việc",
        "Assign": "Nhận việc",
        "Unassign": "Trả việc",
        "Execute": "Xử lý",
        "Cancel": "Hủy",
        "Log out": "Đăng xuất",
        "Log in": "Đăng nhập",
        "Filter": "Lọc",
        "Created": "Ngày tạo",
        "Status": "Trạng thái",
        "Owner": "Người xử lý",
        "Reassign": "Giao lại",  # transition label, rendered via {% trans label %}
    }
    with translation.override("vi"):
        assert {k: translation.gettext(k) for k in expected} == expected


def test_hardcoded_strings_have_ready_translations():
    """Strings viewflow does not pass through gettext: the catalogue already holds the
    Vietnamese text so template overrides only need {% translate %}."""
    not_catalogued = {"of", "tasks active", "Django Material"}  # catalogued as full phrases
    single = [s for s in HARDCODED_ENGLISH_VIEWFLOW_STRINGS if "/" not in s]
    single = [s for s in single if s not in not_catalogued]
    with translation.override("vi"):
        untranslated = [s for s in single if translation.gettext(s) == s]
    assert not untranslated


def test_compiled_mo_matches_po():
    """The committed .mo files are what Django loads: they must be compiled from the .po."""
    for domain in ("django", "djangojs"):
        po = parse_po(LOCALE_VI / f"{domain}.po")
        with open(LOCALE_VI / f"{domain}.mo", "rb") as fh:
            mo = pygettext.GNUTranslations(fh)
        assert mo.info().get("plural-forms", "").replace(" ", "") == "nplurals=1;plural=0;"
        for e in po:
            if e["plural"]:
                got = mo.ngettext(e["id"], e["plural"], 1)
            elif e["ctx"]:
                got = mo.pgettext(e["ctx"], e["id"])
            else:
                got = mo.gettext(e["id"])
            assert got == e["strs"][0], f"{domain}.mo is stale for {e['id']!r}: recompile"


def _viewflow_js_msgids() -> list[tuple[str | None, str]]:
    """gettext/pgettext calls in viewflow's bundled JS (aliased by the minifier)."""
    src = (VIEWFLOW_DIR / "static/viewflow/js/viewflow.min.js").read_text(encoding="utf-8")
    g = re.search(r"(\w+)=window\.gettext\b", src).group(1)
    p = re.search(r"(\w+)=window\.pgettext\b", src).group(1)
    found: set[tuple[str | None, str]] = set()
    for m in re.finditer(rf'\b{re.escape(g)}\("((?:[^"\\]|\\.)*)"\)', src):
        found.add((None, m.group(1)))
    for m in re.finditer(rf'\b{re.escape(p)}\("((?:[^"\\]|\\.)*)","((?:[^"\\]|\\.)*)"\)', src):
        found.add((m.group(1), m.group(2)))
    return sorted(found, key=lambda x: (x[0] or "", x[1]))


def test_viewflow_javascript_strings_are_translated():
    msgids = _viewflow_js_msgids()
    assert len(msgids) >= 40
    with open(LOCALE_VI / "djangojs.mo", "rb") as fh:
        mo = pygettext.GNUTranslations(fh)
    missing = []
    for ctx, msgid in msgids:
        vi = mo.pgettext(ctx, msgid) if ctx else mo.gettext(msgid)
        if not vi.strip() or vi == msgid:
            missing.append((ctx, msgid))
    assert not missing
