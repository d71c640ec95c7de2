"""The Vietnamese texts the engine shares: names and labels of the codes, the notes of our
readings of the law, the short names of the rules (for screens) and the leads the engine
puts in front of a message. A rule's own sentence, built from the case's years and counts,
stays in the rule function (rules/); what several rules or the screens reuse is here.

Pure Python: no Django (docs/eligibility.md, "Layout")."""

from __future__ import annotations

# ---------------------------------------------------------------- names and labels of the codes

NAME = {
    "LDTT": "Lao động tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_TINH": "Chiến sĩ thi đua cấp tỉnh",
    "CSTDTQ": "Chiến sĩ thi đua toàn quốc",
    "TTLDTT": "Tập thể lao động tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "CO_TINH": "Cờ thi đua của UBND tỉnh",
    "CO_CP": "Cờ thi đua của Chính phủ",
    "GIAY_KHEN": "Giấy khen",
    "BK_TINH": "Bằng khen của Chủ tịch UBND tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
    "HCLD3": "Huân chương Lao động hạng Ba",
}
SHORT = {
    **NAME,
    "LDTT": "LĐTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_TINH": "CSTĐ cấp tỉnh",
    "CSTDTQ": "CSTĐ toàn quốc",
    "TTLDXS": "Tập thể LĐXS",
    "BK_TINH": "Bằng khen cấp tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng",
}
RATING_LABEL = {
    "HTXS": "hoàn thành xuất sắc nhiệm vụ",
    "HTT": "hoàn thành tốt nhiệm vụ",
    "HT": "hoàn thành nhiệm vụ",
    "KHT": "không hoàn thành nhiệm vụ",
}
BASIS_LABEL = {
    "cong_trang": "công trạng",
    "dot_xuat": "đột xuất",
    "chuyen_de": "chuyên đề",
    "cong_hien": "quá trình cống hiến",
    "nien_han": "niên hạn",
    "doi_ngoai": "đối ngoại",
}
SCOPE_LABEL = {"co_so": "cơ sở", "tinh": "tỉnh", "toan_quoc": "toàn quốc"}
FORM_LABEL = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}
# "HTT" -> "hoàn thành tốt nhiệm vụ trở lên": the bar a rating rule asks for
RATING_NEED = {code: f"{label} trở lên" if code != "HTXS" else label
               for code, label in RATING_LABEL.items()}

# Our readings (rules/__init__.py docstring): the notes a rule returns as the third item.
READING_MIXED = (
    "1 sáng kiến và 1 đề tài được tính là đủ \"02\" (văn bản ghi 02 sáng kiến hoặc 02 đề"
    " tài)"
)
READING_DISCIPLINE = (
    "kỷ luật chặn trọn các năm mà thời hạn kỷ luật chạm tới (không tính theo ngày hết kỷ"
    " luật)"
)


# ---------------------------------------------------------------- rules

# Short Vietnamese names of the rules, for the screens: a reader sees "Không đang bị xem xét
# kỷ luật", not "GEN-PENDING" (the id stays in verdicts, the API and LAW-2022.md).
RULE_TITLES: dict[str, str] = {
    "GEN-PENDING": "Không đang bị xem xét kỷ luật, điều tra, khiếu nại",
    "GEN-DISCIPLINE": "Kỷ luật trong thời gian xét thành tích",
    "GEN-POSTHUMOUS": "Khen thưởng người đã mất",
    "GEN-BASIS": "Khen thưởng trước đó theo công trạng",
    "GEN-ONE-USE": "Mỗi sáng kiến chỉ dùng một lần",
    "GEN-LOWER": "Hình thức thấp hơn đã có trước",
    "LDTT-1": "Hoàn thành tốt nhiệm vụ",
    "LDTT-2": "Thời gian công tác trong năm",
    "LDTT-3": "Tinh thần, thái độ, tham gia phong trào",
    "CSTDCS-1": "Đạt Lao động tiên tiến",
    "CSTDCS-2": "Hoàn thành xuất sắc hoặc có sáng kiến",
    "CSTD_TINH-1": "Ba lần liên tục Chiến sĩ thi đua cơ sở",
    "CSTD_TINH-2": "Sáng kiến có phạm vi ảnh hưởng cấp tỉnh",
    "CSTDTQ-1": "Hai lần liên tục Chiến sĩ thi đua cấp tỉnh",
    "CSTDTQ-2": "Sáng kiến có phạm vi ảnh hưởng toàn quốc",
    "TTLDTT-1": "Tập thể hoàn thành tốt nhiệm vụ",
    "TTLDTT-2": "Tỷ lệ thành viên đạt Lao động tiên tiến",
    "TTLDTT-3": "Không có thành viên bị kỷ luật từ cảnh cáo",
    "TTLDXS-1": "Tập thể hoàn thành xuất sắc nhiệm vụ",
    "TTLDXS-2": "Tỷ lệ thành viên hoàn thành nhiệm vụ",
    "TTLDXS-3": "Có thành viên đạt Chiến sĩ thi đua cơ sở",
    "TTLDXS-4": "Phong trào thi đua, nội bộ đoàn kết",
    "CO_TINH-1": "Dẫn đầu Khối, Cụm thi đua",
    "CO_TINH-2": "Vượt chỉ tiêu, tổ chức đảng, đoàn thể vững mạnh",
    "CO_CP-1": "Tiêu biểu trong các tập thể dẫn đầu",
    "CO_CP-2": "Thành tích tiêu biểu xuất sắc",
    "BK_TINH-I": "Hai năm liên tục đạt tiêu chuẩn (cá nhân)",
    "BK_TINH-C": "Hai năm liên tục đạt tiêu chuẩn (tập thể)",
    "BK_TTG-I": "Đã có Bằng khen cấp tỉnh và 5 năm tiếp theo",
    "BK_TTG-C": "Tiêu chuẩn Bằng khen của Thủ tướng (tập thể)",
    "HCLD3-I": "Đã có Bằng khen của Thủ tướng và 5 năm tiếp theo",
    "HCLD3-C": "Tiêu chuẩn Huân chương Lao động (tập thể)",
    "GIAY_KHEN": "Tiêu chuẩn do tỉnh, ngành quy định",
}

# What the engine puts around a rule's message (rulebook.py): the flag of an [I] rule, the
# lead of a "manual" result, and the lead of the reading an outcome rests on.
INTERPRETATION_FLAG = "(Diễn giải của hệ thống) "
MANUAL_LEAD = "Cần người thẩm định xem xét: "
READING_LEAD = " [I] Cách hiểu của hệ thống: "
