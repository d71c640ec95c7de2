"""Demo data from the five seed reports (shared/seeds). Institution names are the ones the
reports name, completed with comparable public institutions; every person is fictional."""

from datetime import date

DEMO_PASSWORD = "KhenThuong@2026"

PROVINCES = {
    "hung-yen": "Hưng Yên",
    "dak-nong": "Đắk Nông",
    "tien-giang": "Tiền Giang",
    "trung-uong": "Trung ương (các Bộ, ngành)",
    "dong-thap": "Đồng Tháp",
}

# Provinces merged (Nghị quyết 202/2025/QH15; the new provinces' governments work from
# 01/07/2025): Tiền Giang and Đồng Tháp became the province of Đồng Tháp. A bloc of a merged
# province holds its years before the merger's year; from that year on, its units' memberships
# are in the bloc of the same name of the merged province (docs/architecture.md).
MERGERS = {"tien-giang": ("dong-thap", date(2025, 7, 1))}

# bloc key -> (province, bloc name, kind, seed year, members, {year: (leader, deputy)})
BLOCS = {
    "hy-banks": (
        "hung-yen", "Khối thi đua Ngân hàng", "khoi", 2023,
        [
            "Ngân hàng TMCP Công thương Việt Nam – Chi nhánh Bắc Hưng Yên",
            "Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam – Chi nhánh tỉnh Hưng Yên",
            "Ngân hàng TMCP Công thương Việt Nam – Chi nhánh Hưng Yên",
            "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam – Chi nhánh Hưng Yên",
            "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam – Chi nhánh Phố Hiến",
            "Ngân hàng TMCP Ngoại thương Việt Nam – Chi nhánh Hưng Yên",
            "Ngân hàng Chính sách xã hội – Chi nhánh tỉnh Hưng Yên",
            "Ngân hàng Phát triển Việt Nam – Chi nhánh Hải Dương – Hưng Yên",
            "Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam – Chi nhánh Nam Hưng Yên",
            "Ngân hàng TMCP Quân đội – Chi nhánh Hưng Yên",
        ],
        {2023: (0, 1)},
    ),
    "hy-soe": (
        "hung-yen", "Cụm thi đua các doanh nghiệp vốn Nhà nước", "cum", 2023,
        [
            "Chi nhánh Xăng dầu Hưng Yên",
            "Công ty Điện lực Hưng Yên",
            "Viễn thông Hưng Yên",
            "Bưu điện tỉnh Hưng Yên",
            "Công ty TNHH MTV Khai thác công trình thủy lợi Hưng Yên",
            "Công ty Cổ phần Nước sạch Hưng Yên",
            "Công ty Cổ phần Môi trường và Công trình đô thị Hưng Yên",
            "Công ty Cổ phần Xổ số kiến thiết Hưng Yên",
            "Công ty Cổ phần Sách và Thiết bị trường học Hưng Yên",
            "Công ty Cổ phần Giống cây trồng Hưng Yên",
            "Công ty Cổ phần Dược phẩm Hưng Yên",
            "Công ty Cổ phần Quản lý và Xây dựng giao thông Hưng Yên",
        ],
        {2023: (0, 1)},
    ),
    "dn-bloc5": (
        "dak-nong", "Khối thi đua số 5 (cơ quan, đơn vị Trung ương trên địa bàn)", "khoi", 2022,
        [
            "Cục Quản lý thị trường tỉnh Đắk Nông",
            "Ngân hàng Nhà nước Việt Nam – Chi nhánh tỉnh Đắk Nông",
            "Cục Thuế tỉnh Đắk Nông",
            "Kho bạc Nhà nước Đắk Nông",
            "Bảo hiểm xã hội tỉnh Đắk Nông",
            "Cục Thống kê tỉnh Đắk Nông",
            "Cục Thi hành án dân sự tỉnh Đắk Nông",
        ],
        {2022: (0, 1)},
    ),
    "tw-ministries": (
        "trung-uong", "Khối thi đua các Bộ, ngành tổng hợp", "khoi", 2016,
        [
            "Văn phòng Chủ tịch nước",
            "Bộ Nội vụ",
            "Liên minh Hợp tác xã Việt Nam",
            "Ngân hàng Phát triển Việt Nam",
            "Bộ Kế hoạch và Đầu tư",
            "Bộ Tài chính",
            "Ngân hàng Nhà nước Việt Nam",
            "Thanh tra Chính phủ",
            "Kiểm toán Nhà nước",
            "Ngân hàng Chính sách xã hội",
        ],
        {2016: (4, 5), 2017: (0, 1)},
    ),
    "tg-vertical": (
        "tien-giang", "Khối các đơn vị ngành dọc quản lý", "khoi", 2022,
        [
            "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang",
            "Cục Thi hành án dân sự tỉnh Tiền Giang",
            "Cục Thuế tỉnh Tiền Giang",
            "Kho bạc Nhà nước Tiền Giang",
            "Bảo hiểm xã hội tỉnh Tiền Giang",
            "Cục Thống kê tỉnh Tiền Giang",
            "Cục Quản lý thị trường tỉnh Tiền Giang",
            "Chi cục Hải quan Tiền Giang",
            "Công ty Điện lực Tiền Giang",
        ],
        # 2022: leader Cục Thuế, deputy Cục THADS (seed: Phạm Văn Hân, Khối phó);
        # 2023: deputy NHNN – CN Tiền Giang (suy tôn at the 04/01/2023 conference);
        # later years: NHNN leads (demo continuation).
        {2022: (2, 1), 2023: (1, 0), 2024: (0, 2), 2025: (0, 2), 2026: (0, 2)},
    ),
}

# The demo's home: Tiền Giang, where one unit's officer drafts and the bloc votes.
HOME_PROVINCE = "tien-giang"
HOME_BLOC = "tg-vertical"
HOME_UNIT = "Cục Thi hành án dân sự tỉnh Tiền Giang"
LEADER_UNIT = "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang"
HISTORY_YEARS = range(2019, 2026)

# username -> (full name, role, "unit"/"leader"/"province")
USERS = {
    "canbo": ("Nguyễn Thị Lan", "unit_officer", "unit"),
    "thutruong": ("Trần Văn Hùng", "unit_head", "unit"),
    "khoitruong": ("Lê Minh Tâm", "bloc_leader", "leader"),
    "thuky": ("Phạm Thị Thu", "council_secretary", "province"),
    "thanhvien": ("Võ Văn Bình", "council_member", "province"),
    "chuyenvien": ("Huỳnh Thị Mai", "board_specialist", "province"),
    "truongban": ("Đặng Quốc Khánh", "board_head", "province"),
    "vanphong": ("Bùi Thị Hạnh", "committee_officer", "province"),
    "chutich": ("Ngô Văn Thành", "committee_leader", "province"),
    "lanhdao": ("Trương Minh Đức", "manager", "province"),
}

# The demo's live work, in the current year (blocs.demo.CURRENT_YEAR), in the merged province:
# (unit key of blocs.demo.UNITS, title, [(award code, nominee)], where the dossier waits,
# working days ago that step opened). Nominee: ("person", profile of the demo's people, 0-4)
# or ("collective", name prefix of a sub-collective) or ("collective", None) for the whole
# unit. Where: "draft" (not sent), a step code (the route approved every step before it),
# "returned" (the board returns it, LIVE_RETURN), or "claimed:<step>" (its specialist took
# it). Overdue: opened longer ago than the step's working days (workdays.calendar).
LIVE = [
    ("thads", "Đề nghị Chiến sĩ thi đua cấp tỉnh năm 2025 (đang soạn)",
     [("CSTD_TINH", ("person", 1))], "draft", 0),
    ("thads", "Đề nghị Tập thể lao động xuất sắc năm 2025 – Phòng Tổng hợp",
     [("TTLDXS", ("collective", "Phòng Tổng hợp"))], "unit_head_submit", 8),
    ("thads", "Đề nghị Chiến sĩ thi đua cấp tỉnh năm 2025 – bổ sung đánh giá",
     [("CSTD_TINH", ("person", 2))], "returned", 0),
    ("thongke", "Đề nghị Bằng khen của Chủ tịch UBND tỉnh năm 2025 – Cục Thống kê",
     [("BK_TINH", ("collective", None))], "bloc_vote", 17),
    ("kbnn", "Đề nghị Tập thể lao động xuất sắc năm 2025 – Kho bạc Nhà nước",
     [("TTLDXS", ("collective", "Phòng Tổng hợp"))], "council_review", 14),
    ("bhxh", "Đề nghị Chiến sĩ thi đua cấp tỉnh năm 2025 – Bảo hiểm xã hội",
     [("CSTD_TINH", ("person", 0))], "claimed:board_appraisal", 3),
    ("qltt", "Đề nghị Tập thể lao động xuất sắc năm 2025 – Quản lý thị trường",
     [("TTLDXS", ("collective", "Phòng Tổng hợp"))], "board_appraisal", 24),
    ("thue", "Đề nghị khen thưởng năm 2025 – Cục Thuế",
     [("CSTD_TINH", ("person", 0)), ("TTLDXS", ("collective", "Phòng Tổng hợp"))],
     "committee_decision", 12),
    ("haiquan", "Đề nghị Chiến sĩ thi đua cấp tỉnh năm 2025 – Chi cục Hải quan",
     [("CSTD_TINH", ("person", 1))], "board_head_approval", 2),
    ("dienluc", "Đề nghị Chiến sĩ thi đua cấp tỉnh năm 2025 – Công ty Điện lực",
     [("CSTD_TINH", ("person", 3))], "committee_sign", 1),
]
LIVE_RETURN = {
    "step": "board_appraisal", "days": 10,
    "reason": "Chưa có kết quả đánh giá, xếp loại năm 2024 của cá nhân được đề nghị; đề nghị "
              "bổ sung quyết định đánh giá năm 2024 để đủ căn cứ xét 3 năm liền.",
}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Minh", "Quốc", "Đức", "Thanh", "Hữu", "Công"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ"]
GIVEN_M = ["An", "Bảo", "Cường", "Dũng", "Hải", "Khoa", "Long", "Nam", "Phúc", "Quang", "Sơn",
           "Tuấn", "Việt"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hương", "Lan", "Linh", "Mai", "Ngân", "Oanh", "Phương",
           "Trang", "Yến"]
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Trưởng phòng", "Phó Trưởng phòng", "Kế toán",
             "Kiểm soát viên"]
SUB_COLLECTIVES = ["Phòng Tổng hợp", "Phòng Nghiệp vụ"]
