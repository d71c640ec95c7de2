"""The frame in Vietnamese: login and the dossier list, as the unit officer."""

from nominations.demo.data import DEMO_PASSWORD


def test_unit_officer_logs_in_and_sees_the_vietnamese_frame(screens):
    screen = screens()

    screen.login("canbo", DEMO_PASSWORD)
    screen.page.goto("/")

    screen.shot("00-trang-chu")
    assert "Đăng xuất" in screen.page.content()
