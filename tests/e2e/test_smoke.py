"""The frame in Vietnamese: login and the dossier list, as the unit officer."""

from nominations.demo.data import DEMO_PASSWORD


def test_unit_officer_logs_in_and_sees_the_vietnamese_frame(screens):
    screen = screens()

    screen.login("canbo", DEMO_PASSWORD)
    screen.page.goto("/")

    screen.shot("00-trang-chu")
    assert "Đăng xuất" in screen.page.content()


def test_swagger_ui_renders_offline_under_the_content_security_policy(screens):
    screen = screens()

    screen.login("canbo", DEMO_PASSWORD)
    screen.page.goto("/api/docs/")

    screen.page.get_by_text("Kiểm tra điều kiện khen thưởng theo Luật TĐKT 2022").wait_for()
    screen.shot("api-docs")


def test_back_link_of_a_form_returns_to_the_previous_page(screens):
    screen = screens()
    screen.login("canbo", DEMO_PASSWORD)
    screen.page.goto("/khenthuong/dossiers/")
    list_url = screen.page.url
    screen.page.goto("/khenthuong/dossiers/tao-moi/")

    screen.page.get_by_role("link", name="Quay lại").click()

    screen.page.wait_for_url(list_url)
    screen.shot("quay-lai")
