"""templates/ overrides viewflow templates that hard-code English (no gettext).

Each override must be found first by Django's loader, be a copy of viewflow's template
that differs only by the Vietnamese replacements listed here (so a viewflow upgrade that
changes the original shows up as a failure and the copy gets re-synced), and no longer
contain the English text.  These checks need no database and render nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template

PROJECT_TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Task pages name the dossier and the step, never '#12' / 'Bước #34' (issue 12).
NO_TASK_REFS = (
    ("<a href=\"{% reverse viewset 'process_detail' process.pk %}\">#{{ process.pk }}</a>",
     "<a href=\"{% reverse viewset 'process_detail' process.pk %}\">"
     "{{ process.brief|truncatechars:60 }}</a>"),
    ("{{ task.flow_task.task_title }} #{{ task.pk}}", "{{ task.flow_task.task_title }}"),
)

# template name -> ((viewflow's English snippet, the project's Vietnamese snippet), ...)
OVERRIDES: dict[str, tuple[tuple[str, str], ...]] = {
    "viewflow/base.html": (
        ('site.title|default:"Django Material"', 'site.title|default:"Khen thưởng Flow"'),
    ),
    "viewflow/base_page.html": (
        ('aria-label="Open navigation menu"', 'aria-label="Mở menu"'),
        ('site.title|default:"Django Material"', 'site.title|default:"Khen thưởng Flow"'),
        (
            "<small>To place content here override {% templatetag  openblock %} block content"
            " {% templatetag  closeblock %} in your template</small>",
            "<small>Để hiển thị nội dung tại đây, hãy ghi đè {% templatetag  openblock %}"
            " block content {% templatetag  closeblock %} trong template của bạn</small>",
        ),
    ),
    "viewflow/includes/list_bulk_actions.html": (
        (
            '<button class="mdc-button">Select all</button>',
            '<button class="mdc-button">Chọn tất cả</button>',
        ),
        ('mdc-button--raised">GO</button>', 'mdc-button--raised">Thực hiện</button>'),
    ),
    "viewflow/includes/list_pagination.html": (
        (
            "{{ page_obj.start_index }}-{{ page_obj.end_index }} of {{ paginator.count }}",
            # count_label: a capped count reads "hơn 250" (nominations.pagination)
            "{{ page_obj.start_index }}–{{ page_obj.end_index }} / "
            "{{ paginator.count_label|default:paginator.count }}",
        ),
    ),
    "viewflow/includes/site_menu.html": (
        ("<small>No applications found.</small>", "<small>Không có ứng dụng nào.</small>"),
    ),
    "viewflow/includes/app_menu.html": (
        (
            "<small>No viewsets found. Please point `.menu_template_name` attribute of the"
            " Application class to custom menu template, or set"
            " `menu_template_name=None`</small>",
            "<small>Không tìm thấy viewset nào. Hãy trỏ thuộc tính `.menu_template_name` của"
            " lớp Application tới template menu riêng, hoặc đặt"
            " `menu_template_name=None`</small>",
        ),
    ),
    "viewflow/material/circular_progress.html": (
        ('aria-label="Example Progress Bar"', 'aria-label="Đang tải"'),
    ),
    "viewflow/views/confirm_delete.html": (
        ('type="submit">Delete</button>', 'type="submit">Xóa</button>'),
    ),
    "viewflow/workflow/task_base.html": (
        ('label="Brief"', 'label="Tóm tắt"'),
        ('label="Owner"', 'label="Người xử lý"'),
        ('task.owner|default:"Unassigned"', 'task.owner|default:"Chưa có người nhận"'),
        ('label="Permission"', 'label="Quyền"'),
        *NO_TASK_REFS,
    ),
    "viewflow/workflow/task_detail.html": (
        ('label="Created"', 'label="Ngày tạo"'),
        ('label="Assigned"', 'label="Ngày nhận"'),
        ('label="Finished"', 'label="Ngày hoàn thành"'),
        *NO_TASK_REFS,
    ),
    "viewflow/workflow/process_cancel.html": (
        (
            "{{ view.active_activations|length }} tasks active",
            "{{ view.active_activations|length }} công việc đang mở",
        ),
        ('owner|default:"No owner assigned"', 'owner|default:"Chưa có người xử lý"'),
        NO_TASK_REFS[0],
    ),
    "viewflow/workflow/process_dashboard.html": (('alt="flow graph"', 'alt="Sơ đồ quy trình"'),),
    "viewflow/workflow/process_data.html": (
        ('alt="flow graph"', 'alt="Sơ đồ quy trình"'),
        ("{{ process }}</h1>", "{{ process.flow_class.process_title }}</h1>"),  # not "… #12"
        # only the table's columns: the route's values kept in process.data (jsonstore
        # fields of DossierProcess) are not for the reader
        ("{% if field.name != 'parent_task'",
         "{% if field.concrete and field.name != 'parent_task'"),
    ),
    # the task table without its '12/34' reference column, the title without '#12'
    "viewflow/workflow/process_detail.html": (
        ("              <a>#{{ process.pk }}</a>\n", ""),
        ("                  <th class=\"mdc-data-table__header-cell\">{% trans '#' %}</th>\n",
         ""),
        ("                        <a href=\"{{ task_url }}\">{{ task.process.id }}/{{ task.id }}"
         "</a>\n                      </td>\n                      <td class=\"mdc-data-table__cell"
         "\">\n", ""),
        ("                      <td>{{ task.process.id }}/{{ task.id }}</td>\n", ""),
    ),
    "formtools/wizard/wizard_form.html": (
        ('type="submit">Submit</button>', 'type="submit">Gửi</button>'),
    ),
    "admin/fsm_change_form_object_tools.html": (
        ('title="Not allowed"', 'title="Không được phép"'),
        ('title="Conditions unmet"', 'title="Chưa đủ điều kiện"'),
    ),
}

# English that must not remain anywhere outside {% trans %} / {% translate %} tags
# (whole words, case-sensitive).
FORBIDDEN_ENGLISH: dict[str, tuple[str, ...]] = {
    "viewflow/base.html": ("Django Material",),
    "viewflow/base_page.html": ("Django Material", "Open navigation menu", "To place content"),
    "viewflow/includes/list_bulk_actions.html": ("Select all", "GO"),
    "viewflow/includes/list_pagination.html": ("of",),
    "viewflow/includes/site_menu.html": ("No applications found",),
    "viewflow/includes/app_menu.html": ("No viewsets found",),
    "viewflow/material/circular_progress.html": ("Example Progress Bar",),
    "viewflow/views/confirm_delete.html": ("Delete",),
    "viewflow/workflow/task_base.html": ("Brief", "Owner", "Unassigned", "Permission"),
    "viewflow/workflow/task_detail.html": ("Created", "Assigned", "Finished"),
    "viewflow/workflow/process_cancel.html": ("tasks active", "No owner assigned"),
    "viewflow/workflow/process_dashboard.html": ("flow graph",),
    "viewflow/workflow/process_data.html": ("flow graph",),
    "viewflow/workflow/process_detail.html": ("Process summary",),
    "formtools/wizard/wizard_form.html": ("Submit",),
    "admin/fsm_change_form_object_tools.html": ("Not allowed", "Conditions unmet"),
}

TRANS_TAG = re.compile(r"\{%\s*(?:trans|translate)\s.*?%\}", re.S)


def _loaded(name: str):
    return get_template(name).template


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_override_resolves_to_project_copy(name):
    origin = Path(_loaded(name).origin.name).resolve()
    assert origin == (PROJECT_TEMPLATES / name).resolve()


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_override_is_viewflow_copy_with_only_the_translations(name):
    template = _loaded(name)
    upstream, upstream_origin = template.engine.find_template(name, skip=[template.origin])
    assert "/viewflow/templates/" in Path(upstream_origin.name).as_posix()
    expected = upstream.source
    for english, vietnamese in OVERRIDES[name]:
        assert expected.count(english) == 1, f"viewflow's {name} changed: re-sync the override"
        expected = expected.replace(english, vietnamese)
    assert template.source == expected


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_no_hardcoded_english_left(name):
    source = _loaded(name).source
    for english, vietnamese in OVERRIDES[name]:
        assert english not in source
        assert vietnamese in source
    visible = TRANS_TAG.sub("", source)
    for english in FORBIDDEN_ENGLISH[name]:
        assert not re.search(rf"\b{re.escape(english)}\b", visible), english


def test_every_override_is_checked():
    on_disk = {
        p.relative_to(PROJECT_TEMPLATES).as_posix()
        for sub in ("viewflow", "formtools")
        for p in (PROJECT_TEMPLATES / sub).rglob("*.html")
    } | {
        p.relative_to(PROJECT_TEMPLATES).as_posix()
        for p in (PROJECT_TEMPLATES / "admin").glob("fsm_*.html")
    }
    assert on_disk == set(OVERRIDES) == set(FORBIDDEN_ENGLISH)
