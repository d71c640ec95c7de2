"""Codes from LAW-2022.md and DOMAIN.md, with Vietnamese labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    HTXS = "HTXS", _("Hoàn thành xuất sắc nhiệm vụ")
    HTT = "HTT", _("Hoàn thành tốt nhiệm vụ")
    HT = "HT", _("Hoàn thành nhiệm vụ")
    KHT = "KHT", _("Không hoàn thành nhiệm vụ")


class Basis(models.TextChoices):
    CONG_TRANG = "cong_trang", _("Công trạng (thường xuyên)")
    DOT_XUAT = "dot_xuat", _("Đột xuất")
    CHUYEN_DE = "chuyen_de", _("Theo chuyên đề")
    CONG_HIEN = "cong_hien", _("Quá trình cống hiến")
    NIEN_HAN = "nien_han", _("Niên hạn")
    DOI_NGOAI = "doi_ngoai", _("Đối ngoại")


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    AWARD = "award", _("Hình thức khen thưởng")


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class DecidingLevel(models.TextChoices):
    UNIT = "unit", _("Thủ trưởng đơn vị")
    PROVINCE = "province", _("Chủ tịch UBND tỉnh")
    CENTRAL = "central", _("Cấp Trung ương (tỉnh đề nghị)")


class BallotThreshold(models.IntegerChoices):
    NONE = 0, _("Không cần bỏ phiếu (chỉ biên bản)")
    EIGHTY = 80, _("≥ 80% tổng số thành viên Hội đồng")
    NINETY = 90, _("≥ 90% tổng số thành viên Hội đồng")


class InitiativeScope(models.TextChoices):
    CO_SO = "co_so", _("Cấp cơ sở")
    TINH = "tinh", _("Cấp tỉnh")
    TOAN_QUOC = "toan_quoc", _("Toàn quốc")


class InitiativeKind(models.TextChoices):
    SANG_KIEN = "sang_kien", _("Sáng kiến")
    DE_TAI = "de_tai", _("Đề tài khoa học")


class DisciplineForm(models.TextChoices):
    KHIEN_TRACH = "khien_trach", _("Khiển trách")
    CANH_CAO = "canh_cao", _("Cảnh cáo")
    HA_BAC_LUONG = "ha_bac_luong", _("Hạ bậc lương")
    CACH_CHUC = "cach_chuc", _("Cách chức")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Buộc thôi việc")


class BlocKind(models.TextChoices):
    KHOI = "khoi", _("Khối thi đua")
    CUM = "cum", _("Cụm thi đua")


class BlocRole(models.TextChoices):
    MEMBER = "member", _("Thành viên")
    LEADER = "leader", _("Khối trưởng / Cụm trưởng")
    DEPUTY = "deputy", _("Khối phó / Cụm phó")


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    AWAITING_SIGNATURE = "awaiting_signature", _("Chờ thủ trưởng ký trình")
    BLOC_VOTE = "bloc_vote", _("Chờ Khối/Cụm bình xét")
    COUNCIL_REVIEW = "council_review", _("Hội đồng TĐKT xem xét")
    BOARD_APPRAISAL = "board_appraisal", _("Ban Thi đua – KT thẩm định")
    COMMITTEE_DECISION = "committee_decision", _("Chờ UBND tỉnh quyết định")
    RETURNED = "returned", _("Trả lại đơn vị để bổ sung")
    DECIDED = "decided", _("Đã có quyết định")
    PROPOSED_UPWARD = "proposed_upward", _("Đã đề nghị cấp trên")
    WITHDRAWN = "withdrawn", _("Đơn vị đã rút hồ sơ")
    CLOSED = "closed", _("Kết thúc – không còn đề nghị nào được xét tiếp")


CLOSED_DOSSIER_STATUSES = frozenset(
    {DossierStatus.DECIDED, DossierStatus.PROPOSED_UPWARD, DossierStatus.WITHDRAWN,
     DossierStatus.CLOSED}
)


class NominationStatus(models.TextChoices):
    ACTIVE = "active", _("Đang xét")
    REJECTED = "rejected", _("Không đề nghị")
    AWARDED = "awarded", _("Được khen thưởng")
    NOT_AWARDED = "not_awarded", _("Không được khen thưởng")
    PROPOSED_UPWARD = "proposed_upward", _("Đã đề nghị cấp trên")
    WITHDRAWN = "withdrawn", _("Đã rút")


class AttachmentKind(models.TextChoices):
    SUBMISSION_LETTER = "submission_letter", _("Tờ trình")
    UNIT_MINUTES = "unit_minutes", _("Biên bản họp Hội đồng TĐKT đơn vị")
    REPORT = "report", _("Báo cáo thành tích")
    VOTE_MINUTES = "vote_minutes", _("Biên bản bình xét (có kết quả bỏ phiếu)")
    INITIATIVE_CERT = "initiative_cert", _("Xác nhận sáng kiến / đề tài hoặc mức HTXS")
    EFFECT_CONFIRMATION = "effect_confirmation", _("Xác nhận phạm vi ảnh hưởng (tỉnh / toàn quốc)")
    EVIDENCE = "evidence", _("Tài liệu minh chứng khác")
    UPWARD_FILES = "upward_files", _("Bản Word và PDF gửi cấp trên")
    SIGNED_DECISION = "signed_decision", _("Quyết định / tờ trình đã ký (bản PDF)")


# The case timeline (DossierEvent.action / .step) in Vietnamese; unknown codes show as-is.
EVENT_ACTIONS = {
    "created": _("Lập hồ sơ"),
    "deleted": _("Xóa hồ sơ đang soạn"),
    "nomination_added": _("Thêm đề nghị"),
    "nomination_changed": _("Sửa đề nghị"),
    "nomination_removed": _("Xóa đề nghị"),
    "file_attached": _("Tải tệp lên"),
    "file_removed": _("Xóa tệp"),
    "sent": _("Gửi thủ trưởng ký trình"),
    "step_started": _("Chuyển đến bước"),
    "step_completed": _("Hoàn thành bước"),
    "task_claimed": _("Nhận xử lý"),
    "task_assigned": _("Giao xử lý"),
    "task_reassigned": _("Giao lại cho người khác"),
    "task_delegated": _("Chuyển người được ủy quyền"),
    "task_released": _("Trả công việc về nhóm"),
    "nomination_approved": _("Đồng ý đề nghị"),
    "nomination_rejected": _("Không đề nghị"),
    "returned": _("Trả lại đơn vị để bổ sung"),
    "resubmitted": _("Nộp lại hồ sơ đã bổ sung"),
    "returned_to_board": _("Trả lại Ban Thi đua – Khen thưởng"),
    "appraisal_approved": _("Trưởng Ban phê duyệt kết quả thẩm định"),
    "returned_to_specialist": _("Trưởng Ban trả lại chuyên viên thẩm định"),
    "decision_drafted": _("Trình Chủ tịch UBND tỉnh ký quyết định"),
    "returned_to_officer": _("Chủ tịch UBND tỉnh trả lại dự thảo quyết định"),
    "decision_signed": _("Chủ tịch UBND tỉnh ký quyết định"),
    "withdrawn": _("Đơn vị rút hồ sơ"),
    "closed": _("Kết thúc – không còn đề nghị"),
    "bloc_vote_closed": _("Khối / Cụm kết thúc phiên bình xét"),
    "bloc_vote_applied": _("Nhận kết quả bình xét của Khối / Cụm"),
    "council_ballot": _("Hội đồng bỏ phiếu"),
    # no longer written (the ballot's one event is "council_ballot"); kept so the events
    # databases already hold still read in Vietnamese
    "council_ballot_recorded": _("Lưu kết quả bỏ phiếu của Hội đồng"),
    "nomination_awarded": _("Được khen thưởng"),
    "nomination_not_awarded": _("Không được khen thưởng"),
    "nomination_proposed_upward": _("Đề nghị cấp trên"),
    "decided": _("Ghi nhận quyết định khen thưởng"),
    "proposed_upward": _("Đã đề nghị cấp trên"),
}
