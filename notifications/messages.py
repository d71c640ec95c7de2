"""The words of each notice (Vietnamese first, through gettext). Pure functions: data in,
(title, body) out. The e-mail templates wrap these in a greeting, a link and a footer."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from nominations.steps import STEPS


def _notice_labels() -> dict[str, str]:
    """How a notice names each step (the step table's `notice_label`)."""
    return {code: str(step.notice_label) for code, step in STEPS.items()}


def step_labels() -> dict[str, str]:
    """Step names, with the labels set in the admin (StepDuration) taking precedence."""
    from workdays.calendar import step_labels_configured

    labels = _notice_labels()
    labels.update(step_labels_configured())
    return labels


def step_label(step: str, labels: dict[str, str] | None = None) -> str:
    labels = labels if labels is not None else _notice_labels()
    return labels.get(step, step)


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def task_created(*, step: str, dossier, due_on: date, labels=None) -> tuple[str, str]:
    label = step_label(step, labels)
    return (
        _("Công việc mới: %(step)s – %(dossier)s") % {"step": label, "dossier": dossier.title},
        _("Hồ sơ “%(dossier)s” của %(unit)s đã chuyển đến bước “%(step)s”. "
          "Hạn xử lý: %(due)s (tính theo ngày làm việc).")
        % {"dossier": dossier.title, "unit": dossier.unit, "step": label, "due": _d(due_on)},
    )


def task_assigned(*, step: str, dossier, due_on: date, by, labels=None) -> tuple[str, str]:
    label = step_label(step, labels)
    by_text = (_(" bởi %(name)s") % {"name": by}) if by is not None else ""
    return (
        _("Bạn được giao xử lý: %(step)s – %(dossier)s") % {"step": label,
                                                            "dossier": dossier.title},
        _("Bạn được giao%(by)s xử lý bước “%(step)s” của hồ sơ “%(dossier)s” (%(unit)s). "
          "Hạn xử lý: %(due)s.")
        % {"by": by_text, "step": label, "dossier": dossier.title, "unit": dossier.unit,
           "due": _d(due_on)},
    )


def task_reminder(*, kind: str, step: str, dossier, due_on: date, days_left: int,
                  late_days: int, labels=None) -> tuple[str, str]:
    label = step_label(step, labels)
    values = {"step": label, "dossier": dossier.title, "unit": dossier.unit,
              "due": _d(due_on), "left": days_left, "late": late_days}
    if kind == "before":
        title = _("Sắp đến hạn (%(due)s): %(step)s – %(dossier)s") % values
        body = _("Còn %(left)s ngày làm việc đến hạn xử lý bước “%(step)s” của hồ sơ "
                 "“%(dossier)s” (%(unit)s). Hạn: %(due)s.") % values
    elif kind == "due":
        title = _("Hôm nay đến hạn: %(step)s – %(dossier)s") % values
        body = _("Hôm nay (%(due)s) là hạn xử lý bước “%(step)s” của hồ sơ “%(dossier)s” "
                 "(%(unit)s).") % values
    else:
        title = _("Quá hạn %(late)s ngày làm việc: %(step)s – %(dossier)s") % values
        body = _("Bước “%(step)s” của hồ sơ “%(dossier)s” (%(unit)s) đã quá hạn %(due)s "
                 "được %(late)s ngày làm việc. Đề nghị xử lý ngay.") % values
    return title, body


def escalation(*, step: str, dossier, due_on: date, late_days: int, assignees,
               labels=None) -> tuple[str, str]:
    label = step_label(step, labels)
    names = ", ".join(str(u) for u in assignees) or _("chưa có người nhận")
    values = {"step": label, "dossier": dossier.title, "unit": dossier.unit,
              "due": _d(due_on), "late": late_days, "names": names}
    return (
        _("Báo cáo quá hạn: %(step)s – %(dossier)s") % values,
        _("Bước “%(step)s” của hồ sơ “%(dossier)s” (%(unit)s) đã quá hạn %(due)s được "
          "%(late)s ngày làm việc. Người đang xử lý: %(names)s. Đề nghị đồng chí chỉ đạo "
          "xử lý.") % values,
    )


def dossier_returned(*, dossier, step: str, reason: str, due: date | None,
                     labels=None) -> tuple[str, str]:
    values = {"dossier": dossier.title, "step": step_label(step, labels), "due": _d(due),
              "reason": reason or _("(không ghi lý do)")}
    body = _("Hồ sơ “%(dossier)s” bị trả lại tại bước “%(step)s”. Lý do: %(reason)s") % values
    if due:
        body += " " + _("Hạn bổ sung: %(due)s.") % values
    return _("Hồ sơ bị trả lại để bổ sung: %(dossier)s") % values, body


def return_reminder(*, kind: str, dossier, due_on: date, days_left: int,
                    late_days: int) -> tuple[str, str]:
    values = {"dossier": dossier.title, "due": _d(due_on), "left": days_left,
              "late": late_days}
    if kind == "return_before":
        return (_("Sắp đến hạn bổ sung hồ sơ (%(due)s): %(dossier)s") % values,
                _("Còn %(left)s ngày làm việc đến hạn bổ sung hồ sơ “%(dossier)s” "
                  "bị trả lại. Hạn: %(due)s.") % values)
    if kind == "return_due":
        return (_("Hôm nay đến hạn bổ sung hồ sơ: %(dossier)s") % values,
                _("Hôm nay (%(due)s) là hạn bổ sung hồ sơ “%(dossier)s” bị trả lại.")
                % values)
    return (_("Quá hạn bổ sung hồ sơ %(late)s ngày làm việc: %(dossier)s") % values,
            _("Hồ sơ “%(dossier)s” bị trả lại đã quá hạn bổ sung %(due)s được %(late)s "
              "ngày làm việc. Đề nghị đơn vị bổ sung và trình lại.") % values)


def intake_reminder(*, kind: str, unit, year: int, due_on: date,
                    days_left: int) -> tuple[str, str]:
    values = {"unit": unit, "year": year, "due": _d(due_on), "left": days_left}
    if kind == "intake_before":
        return (_("Sắp đến hạn nộp hồ sơ khen thưởng năm %(year)s của tỉnh (%(due)s)") % values,
                _("Còn %(left)s ngày làm việc đến hạn nộp hồ sơ đề nghị khen thưởng năm "
                  "%(year)s của tỉnh (%(due)s). %(unit)s chưa gửi hồ sơ năm %(year)s.")
                % values)
    return (_("Hôm nay là hạn nộp hồ sơ khen thưởng năm %(year)s của tỉnh") % values,
            _("Hôm nay (%(due)s) là hạn nộp hồ sơ đề nghị khen thưởng năm %(year)s của tỉnh. "
              "%(unit)s chưa gửi hồ sơ năm %(year)s; hồ sơ gửi sau hôm nay sẽ được ghi nhận "
              "là nộp sau hạn của tỉnh.") % values)


def dossier_decided(*, dossier, outcome: str, decision=None) -> tuple[str, str]:
    values = {"dossier": dossier.title}
    if outcome == "proposed_upward":
        return (_("Hồ sơ đã được đề nghị cấp trên: %(dossier)s") % values,
                _("UBND tỉnh đã trình cấp trên xem xét khen thưởng đối với hồ sơ "
                  "“%(dossier)s”.") % values)
    number = getattr(decision, "number", "") or ""
    values["number"] = number
    body = _("Hồ sơ “%(dossier)s” đã có quyết định khen thưởng.") % values
    if number:
        body += " " + _("Số quyết định: %(number)s.") % values
    return _("Hồ sơ đã có quyết định: %(dossier)s") % values, body


def nomination_rejected(*, nomination, step: str, reason: str, labels=None) -> tuple[str, str]:
    values = {"nominee": nomination.nominee, "award": nomination.award,
              "dossier": nomination.dossier.title, "step": step_label(step, labels),
              "reason": reason or _("(không ghi lý do)")}
    return (
        _("Đề nghị không được chấp thuận: %(nominee)s – %(award)s") % values,
        _("Đề nghị “%(award)s” cho %(nominee)s trong hồ sơ “%(dossier)s” không được chấp "
          "thuận tại bước “%(step)s”. Lý do: %(reason)s") % values,
    )


def delegation(*, delegation, revoked: bool, to_absent: bool) -> tuple[str, str]:
    """To the absent person and to the substitute: a delegation was made or revoked."""
    d = delegation
    values = {"absent": d.absent, "sub": d.substitute, "role": d.role_label,
              "start": _d(d.start), "end": _d(d.end), "by": d.created_by}
    if revoked:
        return (
            _("Thu hồi ủy quyền: %(absent)s → %(sub)s") % values,
            _("Ủy quyền %(absent)s cho %(sub)s xử lý công việc vai trò “%(role)s” "
              "(%(start)s–%(end)s) đã được thu hồi.") % values,
        )
    if to_absent:
        return (
            _("Công việc của bạn được ủy quyền cho %(sub)s") % values,
            _("Từ %(start)s đến %(end)s, %(sub)s xử lý thay bạn các công việc vai trò "
              "“%(role)s” (ủy quyền do %(by)s lập). Nếu bạn không vắng mặt, hãy thu hồi ủy "
              "quyền tại trang Ủy quyền.") % values,
        )
    return (
        _("Bạn được ủy quyền xử lý thay %(absent)s") % values,
        _("Từ %(start)s đến %(end)s, bạn xử lý thay %(absent)s các công việc vai trò "
          "“%(role)s”; việc %(absent)s đang giữ hiện trong hộp công việc của bạn. Nhật ký hồ "
          "sơ ghi “thay mặt %(absent)s”.") % values,
    )
