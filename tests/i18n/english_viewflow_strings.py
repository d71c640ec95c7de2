r"""English strings that viewflow's Material frame would show if its Vietnamese catalogue
(locale/vi/LC_MESSAGES/django.po) were missing or incomplete.

Every string here goes through gettext in viewflow (or django-filter), so with
LANGUAGE_CODE = "vi" none of them may appear on screen.  tests/i18n/test_viewflow_vi.py
checks that each one translates; the browser end-to-end test reuses the list to assert
that no such string is visible.

Notes for the screen check:
- compare case-sensitively, whole words only (r"\bAssign\b" must not hit "Assigned"),
  on visible text: Material icon ligatures such as "inbox", "archive", "schedule",
  "dashboard", "arrow_back" are lower-case icon names, not labels;
- strings that viewflow hard-codes WITHOUT gettext ("Select all", "GO", "Search...",
  "1-10 of 35", the "Brief" / "Owner" / "Permission" / "Created" / "Assigned" /
  "Finished" labels of the task card, the "Created" / "Process brief" columns of the
  Inbox/Queue/Archive lists, ...) are deliberately NOT listed, even where the same word is
  translated on other screens: they need template/view overrides first (see
  HARDCODED_ENGLISH_VIEWFLOW_STRINGS).
"""

KNOWN_ENGLISH_VIEWFLOW_STRINGS: tuple[str, ...] = (
    # navigation / frame
    "Inbox",
    "Queue",
    "Archive",
    "Dashboard",
    "Processes",
    "Process list",
    "Workflow",
    "Applications",
    "Profile",
    "Log out",
    "Log in",
    "Reset password",
    "Change password",
    "Filter",
    # task actions and buttons
    "Assign",
    "Unassign",
    "Execute",
    "Cancel",
    "Undo",
    "Revive",
    "Assign and continue",
    "Execute and continue",
    "Start and continue",
    "Assign selected tasks",
    "Unassign selected tasks",
    "Pick an action",
    "New process",
    "Show all",
    "No rights to execute",
    "Back",
    "Save",
    "Confirm",
    # detail pages / columns
    "Previous tasks",
    "Next tasks",
    "No previous tasks",
    "No next tasks",
    "Description",
    "Status",
    "Started",
    "Flow Chart",
    "Export BPMN",
    "Subprocess",
    # filter panel (django-filter date ranges)
    "Today",
    "Yesterday",
    "Past 7 days",
    "This month",
    "This year",
)

# viewflow 2.4.0 renders these without gettext, so no catalogue can translate them in place.
# The Vietnamese text is in locale/vi/LC_MESSAGES/django.po; the template/code must be
# overridden to wrap them in {% translate %} / _().  (path relative to site-packages/viewflow)
HARDCODED_ENGLISH_VIEWFLOW_STRINGS: dict[str, str] = {
    "Select all": "templates/viewflow/includes/list_bulk_actions.html:3",
    "GO": "templates/viewflow/includes/list_bulk_actions.html:59",
    "of": "templates/viewflow/includes/list_pagination.html:3",
    "Brief": "templates/viewflow/workflow/task_base.html:26 (label=); "
    "workflow/models.py:44,196 (list column header via pretty_name)",
    "Owner": "templates/viewflow/workflow/task_base.html:29 (label=)",
    "Unassigned": "templates/viewflow/workflow/task_base.html:29 (|default:)",
    "Permission": "templates/viewflow/workflow/task_base.html:32 (label=)",
    "Created": "templates/viewflow/workflow/task_detail.html:12 (label=); "
    "workflow/flow/views/list.py:177 (Inbox column header via pretty_name)",
    "Assigned": "templates/viewflow/workflow/task_detail.html:15 (label=)",
    "Finished": "templates/viewflow/workflow/task_detail.html:18 (label=)",
    "tasks active": "templates/viewflow/workflow/process_cancel.html:42",
    "No owner assigned": "templates/viewflow/workflow/process_cancel.html:73",
    "Delete": "templates/viewflow/views/confirm_delete.html:44",
    "Submit": "templates/formtools/wizard/wizard_form.html:22",
    "Open navigation menu": "templates/viewflow/base_page.html:84 (aria-label)",
    "Django Material": "templates/viewflow/base_page.html:87 (default page title)",
    "No applications found.": "templates/viewflow/includes/site_menu.html:26",
    "Not allowed": "templates/admin/fsm_change_form_object_tools.html:6 (title=)",
    "Conditions unmet": "templates/admin/fsm_change_form_object_tools.html:8 (title=)",
    "Process brief": "workflow/flow/views/list.py:148 (column header via pretty_name)",
    "Process summary": "workflow/flow/views/dashboard.py:114, list.py:112 (column header)",
    "Process id": "workflow/flow/views/dashboard.py:143 (column header via pretty_name)",
    "Active tasks": "workflow/flow/views/dashboard.py:149 (column header via pretty_name)",
    "Delete selected objects": "urls/model.py:261",
    "No objects selected": "views/actions.py:82 (flash message)",
    "The objects were deleted successfully": "views/actions.py:141 (flash message)",
    "Tasks was unassigned": "workflow/flow/views/actions.py:257 (flash message)",
    "Tasks was assigned": "workflow/flow/views/actions.py:287 (flash message)",
    "Process launched": "workflow/nodes/start.py:122",
    "Search...": "static/viewflow/js/viewflow.min.js (vf-page/index.jsx:284)",
    "No images selected": "static/viewflow/js/viewflow.min.js (vf-page-profile/index.js:23)",
    "Image cropping error": "static/viewflow/js/viewflow.min.js (vf-page-profile/index.js:34)",
    "Start / End / Join / ...": "workflow/base.py:130 (task_title = node name .title())",
    "yes / no": "workflow/nodes/if_gate.py:82-83 (flow chart edge labels)",
}
