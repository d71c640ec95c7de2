"""One step table (nominations.steps, re-exported by workflows.steps): the flow, the
timeline, the calendar's defaults, the notices and the review form all read it, and what
it says on screen is what it always said."""

from nominations.choices import DossierStatus
from nominations.steps import STEP_CHOICES, STEP_NAMES, STEPS
from notifications import messages
from workdays.calendar import DEFAULT_STEP_DAYS, step_working_days
from workflows import steps as route_steps
from workflows.flows import RouteFlow
from workflows.forms import ReviewForm
from workflows.nodes import RouteStep

LABELS = {
    "unit_head_submit": "Thủ trưởng đơn vị ký trình",
    "bloc_vote": "Khối / Cụm thi đua bình xét",
    "council_review": "Hội đồng TĐKT xem xét",
    "board_appraisal": "Ban Thi đua – Khen thưởng thẩm định",
    "board_head_approval": "Trưởng Ban phê duyệt",
    "committee_decision": "UBND tỉnh quyết định",
    "committee_sign": "Chủ tịch UBND tỉnh ký quyết định",
    "unit_revise": "Đơn vị bổ sung, hoàn thiện hồ sơ",
}


def test_the_table_has_every_human_step_of_the_flow_with_its_label():
    nodes = {node.name for node in RouteFlow.instance.nodes() if isinstance(node, RouteStep)}

    assert set(STEPS) == nodes == set(LABELS)
    assert {code: str(step.label) for code, step in STEPS.items()} == LABELS
    assert route_steps.STEPS is STEPS


def test_the_timeline_and_the_filters_name_steps_from_the_table():
    assert {code: str(label) for code, label in STEP_CHOICES} == LABELS
    for code, label in LABELS.items():
        assert str(STEP_NAMES[code]) == label
    assert str(STEP_NAMES["draft"]) == "Đơn vị soạn hồ sơ"
    assert str(STEP_NAMES["returned"]) == str(DossierStatus.RETURNED.label)


def test_the_calendar_defaults_come_from_the_table(db):
    assert DEFAULT_STEP_DAYS == {
        "unit_head_submit": (5, ""), "bloc_vote": (15, ""), "council_review": (10, ""),
        "board_appraisal": (20, "DL-APPRAISE – NĐ 98/2023 Điều 32 k2"),
        "board_head_approval": (3, ""), "committee_decision": (10, ""),
        "committee_sign": (5, ""), "unit_revise": (5, "DL-RETURN – QĐ 311/QĐ-BNV"),
    }
    assert step_working_days("not_a_step") == 10


def test_notices_name_steps_with_the_tables_wording():
    assert messages.step_label("board_head_approval") == (
        "Trưởng Ban Thi đua – Khen thưởng phê duyệt kết quả thẩm định")
    assert messages.step_label("unit_revise") == "Đơn vị bổ sung hồ sơ bị trả lại"
    assert messages.step_label("unknown") == "unknown"


def test_the_review_forms_submit_label_comes_from_the_table():
    def submit(step):
        return str(dict(ReviewForm(step=step, nominations=[], return_days=5)
                        .fields["action"].choices)["forward"])

    assert submit("unit_head_submit") == "Ký và trình hồ sơ"
    assert submit("bloc_vote") == "Gửi kết quả bình xét"
    assert submit("board_appraisal") == "Trình UBND tỉnh quyết định"
    assert submit("board_head_approval") == "Chuyển bước tiếp theo"
