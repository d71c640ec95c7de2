"""The roles of DOMAIN.md, as Django group names. A user may hold several."""

from django.utils.translation import gettext_lazy as _

UNIT_OFFICER = "unit_officer"
UNIT_HEAD = "unit_head"
BLOC_LEADER = "bloc_leader"
COUNCIL_SECRETARY = "council_secretary"
COUNCIL_MEMBER = "council_member"
BOARD_SPECIALIST = "board_specialist"
BOARD_HEAD = "board_head"
COMMITTEE_OFFICER = "committee_officer"
COMMITTEE_LEADER = "committee_leader"
MANAGER = "manager"

ROLE_LABELS = {
    UNIT_OFFICER: _("Cán bộ TĐKT của đơn vị"),
    UNIT_HEAD: _("Thủ trưởng đơn vị"),
    BLOC_LEADER: _("Khối trưởng / Cụm trưởng"),
    COUNCIL_SECRETARY: _("Thư ký Hội đồng TĐKT"),
    COUNCIL_MEMBER: _("Thành viên Hội đồng TĐKT"),
    BOARD_SPECIALIST: _("Chuyên viên Ban Thi đua – Khen thưởng"),
    BOARD_HEAD: _("Trưởng Ban Thi đua – Khen thưởng"),
    COMMITTEE_OFFICER: _("Chuyên viên Văn phòng UBND tỉnh"),
    COMMITTEE_LEADER: _("Chủ tịch / Phó Chủ tịch UBND tỉnh"),
    MANAGER: _("Lãnh đạo theo dõi"),
}
ALL_ROLES = tuple(ROLE_LABELS)

UNIT_ROLES = frozenset({UNIT_OFFICER, UNIT_HEAD})
PROVINCE_ROLES = frozenset(
    {
        COUNCIL_SECRETARY,
        COUNCIL_MEMBER,
        BOARD_SPECIALIST,
        BOARD_HEAD,
        COMMITTEE_OFFICER,
        COMMITTEE_LEADER,
        MANAGER,
    }
)
