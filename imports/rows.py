"""What the rows of an uploaded workbook mean: read (openpyxl, read-only), each cell turned
into a value or a Vietnamese error naming its row and column, then each row checked
against the database — nominee in the user's scope, duplicates in the file, what it will
create or update. The outcome of a row carries the write to do; services.py runs those
writes in one transaction, only when no row has an error.

Reads happen in a constant number of queries for the whole file (people, collectives,
units, existing history rows are fetched once), so a 5,000-row file is checked in about a
second of database time.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.choices import Basis, InitiativeKind, InitiativeScope, NomineeKind
from nominations.models import (
    Award,
    Collective,
    Discipline,
    Dossier,
    Honour,
    Initiative,
    Nomination,
    Person,
    YearRecord,
)
from nominations.validation import date_error

from . import selectors
from .models import ImportKind, RowAction
from .schema import (
    CODE_LISTS,
    COLLECTIVE_PREFIX,
    MAX_ROWS,
    PERSON_PREFIX,
    SHEETS,
    Column,
    Sheet,
)

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250  # rows between two progress reports
FIRST_YEAR = 1945


# ---------------------------------------------------------------- reading


@dataclass
class RawRow:
    sheet: Sheet
    row: int  # the row number Excel shows
    values: dict[str, object]


@dataclass
class Reading:
    rows: list[RawRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    total: int = 0


def _norm(text: object) -> str:
    """Header / name comparison: NFC, spaces collapsed, case-folded."""
    text = unicodedata.normalize("NFC", str(text or ""))
    return " ".join(text.split()).casefold()


def _header_key(text: object) -> str:
    return _norm(text).rstrip(" *")


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_workbook(content: bytes, kind: str, progress: Progress | None = None) -> Reading:
    """The data rows of the kind's sheets (empty rows skipped); file-level problems (not a
    workbook, no sheet of the template, a required column missing, too many rows) in
    `file_errors`."""
    from openpyxl import load_workbook

    reading = Reading()
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        reading.file_errors.append(_("Không đọc được tệp Excel (%(error)s).")
                                   % {"error": type(exc).__name__})
        return reading
    try:
        by_name = {_norm(name): name for name in workbook.sheetnames}
        sheets = [(sheet, by_name[_norm(sheet.title)]) for sheet in SHEETS[kind]
                  if _norm(sheet.title) in by_name]
        if not sheets:
            reading.file_errors.append(
                _("Tệp không có trang tính nào của mẫu (cần: %(names)s). Hãy tải mẫu về và "
                  "nhập vào đúng trang tính.")
                % {"names": ", ".join(f"“{s.title}”" for s in SHEETS[kind])})
            return reading
        reading.total = sum(max((workbook[name].max_row or 1) - 1, 0) for _s, name in sheets)
        done = 0
        for sheet, name in sheets:
            rows = workbook[name].iter_rows(values_only=True)
            positions = _header_positions(sheet, next(rows, None) or (), reading.file_errors)
            if positions is None:
                continue
            for number, values in enumerate(rows, start=2):
                done += 1
                if progress and done % PROGRESS_EVERY == 0:
                    progress(done, max(reading.total, done))
                cells = {key: values[i] if i < len(values) else None
                         for key, i in positions.items()}
                if all(_empty(v) for v in cells.values()):
                    continue
                if len(reading.rows) >= MAX_ROWS:
                    reading.file_errors.append(
                        _("Tệp có quá %(max)s dòng dữ liệu; hãy chia thành nhiều tệp.")
                        % {"max": f"{MAX_ROWS:,}".replace(",", ".")})
                    reading.rows = []
                    return reading
                reading.rows.append(RawRow(sheet, number, cells))
        reading.total = done
        if not reading.rows and not reading.file_errors:
            reading.file_errors.append(_("Tệp chưa có dòng dữ liệu nào (dữ liệu ghi từ dòng 2, "
                                         "dưới dòng tiêu đề)."))
        return reading
    finally:
        workbook.close()


def _header_positions(sheet: Sheet, header: Iterable[object],
                      file_errors: list[str]) -> dict[str, int] | None:
    wanted = {_header_key(c.header): c.key for c in sheet.columns}
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        key = wanted.get(_header_key(text))
        if key and key not in positions:
            positions[key] = index
    missing = [c.header for c in sheet.columns if c.required and c.key not in positions]
    if "nominee" not in positions and "name" not in positions:
        missing.insert(0, sheet.column("nominee").header)
    if missing:
        file_errors.append(
            _("Trang “%(sheet)s” thiếu cột %(columns)s ở dòng 1 (dòng tiêu đề của mẫu).")
            % {"sheet": sheet.title, "columns": ", ".join(f"“{h}”" for h in missing)})
        return None
    return positions


# ---------------------------------------------------------------- cells


class CellError(Exception):
    pass


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
_NOMINEE_CODE = re.compile(rf"^({PERSON_PREFIX}|{COLLECTIVE_PREFIX})\s*-?\s*(\d{{1,12}})$")


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", str(value)).strip()


def _int(value: object) -> int:
    if isinstance(value, bool):
        raise CellError(_("phải là số nguyên."))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(_("“%(value)s” không phải số nguyên.") % {"value": text[:50]})


def _date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(value).date()
        except (ValueError, OverflowError, AttributeError) as exc:
            raise CellError(_("ngày không hợp lệ; ghi theo dạng dd/mm/yyyy.")) from exc
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” không phải ngày hợp lệ; ghi theo dạng dd/mm/yyyy "
                      "(ví dụ 15/01/2024).") % {"value": text[:50]})


def _code(value: object, column: Column) -> str:
    codes = CODE_LISTS[column.codes]
    text = _norm(_text(value))
    for code, label in codes.choices:
        if text in (code.casefold(), _norm(label)):
            return code
    shown = ", ".join(code for code, _label in codes.choices)
    raise CellError(_("“%(value)s” không phải mã hợp lệ; dùng một trong: %(codes)s (xem "
                      "trang “Hướng dẫn”).") % {"value": _text(value)[:50], "codes": shown})


def _nominee_code(value: object) -> tuple[str, int]:
    text = _text(value).upper()
    match = _NOMINEE_CODE.match(text)
    if not match:
        raise CellError(_("“%(value)s” không phải mã đối tượng; ghi CN-<số> cho cá nhân hoặc "
                          "TT-<số> cho tập thể (xem trang “Đối tượng” của mẫu).")
                        % {"value": text[:50]})
    return match.group(1), int(match.group(2))


def convert(column: Column, value: object) -> object:
    """The cell's value for `column`, or CellError with the reason (Vietnamese)."""
    if column.type == "int":
        number = _int(value)
        if column.minimum is not None and number < column.minimum or (
                column.maximum is not None and number > column.maximum):
            raise CellError(_("phải từ %(min)s đến %(max)s.")
                            % {"min": column.minimum, "max": column.maximum})
        return number
    if column.type == "year":
        this_year = timezone.localdate().year
        try:
            year = _int(value)
        except CellError:
            year = None
        if year is None or not FIRST_YEAR <= year <= this_year:
            raise CellError(_("năm phải là số có 4 chữ số, từ %(first)s đến %(last)s "
                              "(ví dụ %(last)s).") % {"first": FIRST_YEAR, "last": this_year})
        return year
    if column.type == "date":
        return _date(value)
    if column.type == "code":
        return _code(value, column)
    if column.type == "nominee":
        return _nominee_code(value)
    text = _text(value)
    if column.max_length and len(text) > column.max_length:
        raise CellError(_("dài %(length)s ký tự, tối đa %(max)s ký tự.")
                        % {"length": len(text), "max": column.max_length})
    return text


# ---------------------------------------------------------------- outcomes


@dataclass
class Outcome:
    """What one row does, or why it cannot."""

    sheet: str
    row: int
    action: str = RowAction.CREATE
    nominee: str = ""
    summary: str = ""
    errors: list[str] = field(default_factory=list)
    # a new history row, not yet saved (written in bulk), or a write to run (an update,
    # a nomination through nominations.services)
    record: YearRecord | Honour | Initiative | Discipline | None = None
    write: Callable[[], object] | None = None


@dataclass
class Checked:
    outcomes: list[Outcome]
    file_errors: list[str]
    total: int

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(o.errors for o in self.outcomes)


class _Row:
    """One row being checked: its converted values and its errors."""

    def __init__(self, raw: RawRow):
        self.raw, self.sheet, self.values = raw, raw.sheet, {}
        self.nominee: Person | Collective | None = None
        self.outcome = Outcome(sheet=raw.sheet.title, row=raw.row)
        for column in raw.sheet.columns:
            value = raw.values.get(column.key)
            if _empty(value):
                if column.required:
                    self.error(column.key, _("bắt buộc, không được để trống."))
                self.values[column.key] = None
                continue
            try:
                self.values[column.key] = convert(column, value)
            except CellError as exc:
                self.error(column.key, str(exc))
                self.values[column.key] = None

    def get(self, key: str):
        return self.values.get(key)

    def error(self, key: str | None, message: str) -> None:
        if key is None:
            text = _("Dòng %(row)s: %(message)s") % {"row": self.raw.row, "message": message}
        else:
            text = _("Dòng %(row)s, cột '%(column)s': %(message)s") % {
                "row": self.raw.row, "column": self.sheet.column(key).header,
                "message": message}
        self.outcome.errors.append(text)

    @property
    def ok(self) -> bool:
        return not self.outcome.errors


def _nominee_label(nominee: Person | Collective) -> str:
    prefix = PERSON_PREFIX if isinstance(nominee, Person) else COLLECTIVE_PREFIX
    return f"{prefix}-{nominee.pk} {nominee}"


def nominee_code(nominee: Person | Collective) -> str:
    prefix = PERSON_PREFIX if isinstance(nominee, Person) else COLLECTIVE_PREFIX
    return f"{prefix}-{nominee.pk}"


class Checker:
    """Checks the rows of one job against the database, for `user` (the job's owner)."""

    def __init__(self, *, user, kind: str, dossier: Dossier | None = None):
        self.user, self.kind, self.dossier = user, kind, dossier
        if kind == ImportKind.NOMINEES:
            self.people = Person.objects.filter(unit_id=dossier.unit_id)
            self.collectives = Collective.objects.filter(unit_id=dossier.unit_id)
        else:
            self.people = selectors.importable_people(user)
            self.collectives = selectors.importable_collectives(user)
        self.seen: dict[tuple, int] = {}

    # ---- loading, once per file

    def _load_nominees(self, rows: list[_Row]) -> None:
        ids = {PERSON_PREFIX: set(), COLLECTIVE_PREFIX: set()}
        names: set[str] = set()
        for row in rows:
            code = row.get("nominee")
            if code:
                ids[code[0]].add(code[1])
            elif row.get("name"):
                names.add(_norm(row.get("name")))
        people = self.people.select_related("unit")
        groups = self.collectives.select_related("unit")
        self.by_id = {
            PERSON_PREFIX: {p.pk: p for p in people.filter(pk__in=ids[PERSON_PREFIX])},
            COLLECTIVE_PREFIX: {c.pk: c for c in groups.filter(pk__in=ids[COLLECTIVE_PREFIX])},
        }
        self.by_name: dict[str, list[Person | Collective]] = defaultdict(list)
        if names:
            # lower() in the database, casefold here: same for Vietnamese letters
            for p in people.annotate(key=Lower("full_name")).filter(key__in=names):
                self.by_name[_norm(p.full_name)].append(p)
            if self.kind == ImportKind.NOMINEES or any(
                    not row.sheet.person_only for row in rows):
                for c in groups.annotate(key=Lower("name")).filter(key__in=names):
                    self.by_name[_norm(c.name)].append(c)
        self.units: dict[str, list] = defaultdict(list)
        if any(row.get("unit") for row in rows):
            units = (selectors.importable_units(self.user) if self.kind == ImportKind.HISTORY
                     else [self.dossier.unit])
            for unit in units:
                for text in {unit.name, unit.short_name} - {""}:
                    self.units[_norm(text)].append(unit)

    def _load_history(self, nominees: list[Person | Collective]) -> None:
        person_ids = [n.pk for n in nominees if isinstance(n, Person)]
        group_ids = [n.pk for n in nominees if isinstance(n, Collective)]
        whose = Q(person_id__in=person_ids) | Q(collective_id__in=group_ids)
        self.year_records = {(r.person_id, r.collective_id, r.year): r
                             for r in YearRecord.objects.filter(whose)}
        self.honours = {(h.person_id, h.collective_id, h.award_id, h.year, h.basis): h
                        for h in Honour.objects.filter(whose)}
        self.disciplines = {(d.person_id, d.form, d.start): d
                            for d in Discipline.objects.filter(person_id__in=person_ids)}

    def _load_initiatives(self, rows: list[_Row]) -> None:
        codes = {row.get("code") for row in rows if row.sheet.key == "initiative"} - {None}
        self.initiatives = {i.code: i for i in Initiative.objects.filter(code__in=codes)}

    def _load_nominations(self) -> None:
        self.nominations = {(n.person_id, n.collective_id, n.award_id): n
                            for n in Nomination.objects.filter(dossier=self.dossier)}

    # ---- checking

    def check(self, reading) -> Checked:
        rows = [_Row(raw) for raw in reading.rows]
        self.awards = {a.code: a for a in Award.objects.all()}
        self._load_nominees(rows)
        for row in rows:
            row.nominee = self._nominee(row)
        nominees = list({(type(r.nominee), r.nominee.pk): r.nominee for r in rows
                         if r.nominee is not None}.values())
        if self.kind == ImportKind.HISTORY:
            self._load_history(nominees)
            self._load_initiatives(rows)
        else:
            self._load_nominations()
        outcomes = []
        for row in rows:
            if row.nominee is not None:
                row.outcome.nominee = _nominee_label(row.nominee)
                getattr(self, f"_check_{row.sheet.key}")(row)
            if row.outcome.errors:
                row.outcome.action = RowAction.ERROR
                row.outcome.record = row.outcome.write = None
            outcomes.append(row.outcome)
        return Checked(outcomes=outcomes, file_errors=list(reading.file_errors),
                       total=reading.total)

    def _nominee(self, row: _Row) -> Person | Collective | None:
        code, name, unit_text = row.get("nominee"), row.get("name"), row.get("unit")
        units = None
        if unit_text:
            units = self.units.get(_norm(unit_text))
            if not units:
                row.error("unit", _("không tìm thấy đơn vị “%(unit)s” trong phạm vi bạn được "
                                    "nhập.") % {"unit": unit_text[:100]})
                return None
        if code:
            nominee = self.by_id[code[0]].get(code[1])
            if nominee is None:
                what = _("cá nhân") if code[0] == PERSON_PREFIX else _("tập thể")
                row.error("nominee", _("không tìm thấy %(what)s mã %(code)s-%(pk)s trong phạm "
                                       "vi bạn được nhập.")
                          % {"what": what, "code": code[0], "pk": code[1]})
                return None
            if name and _norm(name) != _norm(nominee):
                row.error("name", _("mã %(code)s là “%(real)s”, không phải “%(name)s”.")
                          % {"code": nominee_code(nominee), "real": nominee,
                             "name": name[:100]})
                return None
        elif name:
            found = [n for n in self.by_name.get(_norm(name), [])
                     if units is None or n.unit_id in {u.pk for u in units}]
            if row.sheet.person_only:
                found = [n for n in found if isinstance(n, Person)]
            if not found:
                row.error("name", _("không tìm thấy đối tượng tên “%(name)s” trong phạm vi bạn "
                                    "được nhập.") % {"name": name[:100]})
                return None
            if len(found) > 1:
                row.error("name", _("có %(n)s đối tượng tên “%(name)s”; ghi mã (cột “%(col)s”) "
                                    "để chọn đúng.")
                          % {"n": len(found), "name": name[:100],
                             "col": row.sheet.column("nominee").header})
                return None
            nominee = found[0]
        else:
            if row.ok:
                row.error("nominee", _("ghi mã đối tượng hoặc họ tên / tên tập thể."))
            return None
        if units is not None and nominee.unit_id not in {u.pk for u in units}:
            row.error("unit", _("%(nominee)s thuộc “%(real)s”, không phải “%(unit)s”.")
                      % {"nominee": nominee, "real": nominee.unit.name, "unit": unit_text[:100]})
            return None
        if row.sheet.person_only and not isinstance(nominee, Person):
            row.error("nominee", _("trang này chỉ ghi cho cá nhân (mã CN-…)."))
            return None
        return nominee

    def _duplicate(self, row: _Row, key: tuple) -> bool:
        first = self.seen.get(key)
        if first is not None:
            row.error(None, _("trùng với dòng %(first)s của trang “%(sheet)s”.")
                      % {"first": first, "sheet": row.sheet.title})
            return True
        self.seen[key] = row.raw.row
        return False

    @staticmethod
    def _refs(nominee) -> tuple[int | None, int | None]:
        return (nominee.pk, None) if isinstance(nominee, Person) else (None, nominee.pk)

    @staticmethod
    def _changes(instance, values: dict) -> bool:
        changed = False
        for name, value in values.items():
            if getattr(instance, name) != value:
                setattr(instance, name, value)
                changed = True
        return changed

    def _plan(self, row: _Row, existing, values: dict, record) -> None:
        """Create `record`, update `existing` (fields changed) or leave it."""
        if not row.ok:
            return
        if existing is None:
            row.outcome.action, row.outcome.record = RowAction.CREATE, record
        elif self._changes(existing, values):
            row.outcome.action, row.outcome.write = RowAction.UPDATE, existing.save
        else:
            row.outcome.action = RowAction.UNCHANGED

    def _check_year(self, row: _Row) -> None:
        nominee, year = row.nominee, row.get("year")
        person_id, group_id = self._refs(nominee)
        is_person = person_id is not None
        for key in ("members_total", "members_at_least_ht", "members_ldtt", "members_cstdcs",
                    "members_disciplined"):
            if is_person and row.get(key) is not None:
                row.error(key, _("chỉ ghi cho tập thể."))
        if not is_person and row.get("months_in_service") is not None:
            row.error("months_in_service", _("chỉ ghi cho cá nhân."))
        total = row.get("members_total")
        for key in ("members_at_least_ht", "members_ldtt", "members_cstdcs",
                    "members_disciplined"):
            if total is not None and (row.get(key) or 0) > total:
                row.error(key, _("không được lớn hơn tổng số thành viên (%(n)s).")
                          % {"n": total})
        if year is None or self._duplicate(row, ("year", person_id, group_id, year)):
            return
        values = {"rating": row.get("rating")}
        keys = ("months_in_service",) if is_person else (
            "members_total", "members_at_least_ht", "members_ldtt", "members_cstdcs",
            "members_disciplined")
        values.update({k: row.get(k) for k in keys if row.get(k) is not None})
        row.outcome.summary = _("Năm %(year)s: %(rating)s") % {"year": year,
                                                              "rating": values["rating"]}
        self._plan(row, self.year_records.get((person_id, group_id, year)), values,
                   YearRecord(person_id=person_id, collective_id=group_id, year=year,
                              **values))

    def _award(self, row: _Row) -> Award | None:
        award = self.awards.get(row.get("award")) if row.get("award") else None
        if award is None:
            return None
        wanted = NomineeKind.INDIVIDUAL if isinstance(row.nominee, Person) \
            else NomineeKind.COLLECTIVE
        if award.nominee_kind not in (wanted, NomineeKind.BOTH):
            row.error("award", _("“%(award)s” không áp dụng cho %(kind)s.")
                      % {"award": award.name, "kind": NomineeKind(wanted).label.lower()})
            return None
        return award

    def _check_honour(self, row: _Row) -> None:
        award, year = self._award(row), row.get("year")
        basis = row.get("basis") or Basis.CONG_TRANG
        when = row.get("decision_date")
        if when is not None and (message := date_error(when)):
            row.error("decision_date", message)
        elif when is not None and year is not None and when.year < year:
            row.error("decision_date", _("ngày quyết định %(date)s trước năm thành tích "
                                         "%(year)s.")
                      % {"date": when.strftime("%d/%m/%Y"), "year": year})
        if award is None or year is None:
            return
        person_id, group_id = self._refs(row.nominee)
        key = (person_id, group_id, award.pk, year, basis)
        if self._duplicate(row, ("honour", *key)):
            return
        values = {}
        if row.get("decision_number"):
            values["decision_number"] = row.get("decision_number")
        if when is not None:
            values["decision_date"] = when
        row.outcome.summary = f"{award.name} {year}" + (
            f" (QĐ {values['decision_number']})" if values.get("decision_number") else "")
        self._plan(row, self.honours.get(key), values,
                   Honour(person_id=person_id, collective_id=group_id, award=award,
                          year=year, basis=basis, **values))

    def _check_initiative(self, row: _Row) -> None:
        code = row.get("code")
        if not code or self._duplicate(row, ("initiative", code)):
            return
        person_id, group_id = self._refs(row.nominee)
        existing = self.initiatives.get(code)
        if existing is not None and (existing.person_id, existing.collective_id) != (
                person_id, group_id):
            row.error("code", _("mã “%(code)s” đã dùng cho một sáng kiến / đề tài khác; "
                                "dùng mã khác.") % {"code": code})
            return
        values = {"title": row.get("title"), "year": row.get("year"),
                  "kind": row.get("kind") or InitiativeKind.SANG_KIEN,
                  "scope": row.get("scope") or InitiativeScope.CO_SO}
        row.outcome.summary = f"{code}: {values['title']}"[:500]
        self._plan(row, existing, values,
                   Initiative(person_id=person_id, collective_id=group_id, code=code,
                              **values))

    def _check_discipline(self, row: _Row) -> None:
        start, end, form = row.get("start"), row.get("end"), row.get("form")
        if start is not None and (message := date_error(start)):
            row.error("start", message)
        if start is not None and end is not None and end < start:
            row.error("end", _("ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.")
                      % {"end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")})
        if None in (start, end, form):
            return
        person_id = row.nominee.pk
        if self._duplicate(row, ("discipline", person_id, form, start)):
            return
        values = {"end": end, "decision_ref": row.get("decision_ref") or ""}
        label = dict(CODE_LISTS["discipline"].choices)[form]
        row.outcome.summary = f"{label} {start:%d/%m/%Y}–{end:%d/%m/%Y}"
        self._plan(row, self.disciplines.get((person_id, form, start)), values,
                   Discipline(person_id=person_id, form=form, start=start, **values))

    def _check_nomination(self, row: _Row) -> None:
        from nominations import services

        award = self._award(row)
        if award is None:
            return
        person_id, group_id = self._refs(row.nominee)
        if self._duplicate(row, ("nomination", person_id, group_id, award.pk)):
            return
        basis = row.get("basis") or Basis.CONG_TRANG
        summary = row.get("summary") or ""
        row.outcome.summary = award.name
        existing = self.nominations.get((person_id, group_id, award.pk))
        if not row.ok:
            return
        nominee, user, dossier = row.nominee, self.user, self.dossier
        if existing is None:
            row.outcome.action = RowAction.CREATE
            row.outcome.write = lambda: services.add_nomination(
                user=user, dossier=dossier, award=award, basis=basis, summary=summary,
                person=nominee if person_id else None,
                collective=nominee if group_id else None)
        elif existing.basis != basis or (summary and existing.summary != summary):
            row.outcome.action = RowAction.UPDATE
            row.outcome.write = lambda: services.update_nomination(
                user=user, nomination=existing, basis=basis, summary=summary or None)
        else:
            row.outcome.action = RowAction.UNCHANGED
