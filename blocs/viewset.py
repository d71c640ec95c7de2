"""The bloc and council pages inside viewflow's frame (menu: "Khối thi đua, Hội đồng").

URL names: khenthuong:blocs:<name> (see the *_path attributes)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from . import views


class BlocViewset(AppMenuMixin, Viewset):
    title = _("Khối thi đua, Hội đồng")
    icon = "groups"
    app_name = "blocs"

    index_path = path("", views.BlocIndexView.as_view(), name="index")
    year_path = path("<int:bloc_id>/<int:year>/", views.BlocYearView.as_view(), name="year")
    covenant_path = path("<int:bloc_id>/<int:year>/giao-uoc/", views.CovenantCreateView.as_view(),
                         name="covenant_create")
    criterion_path = path("<int:bloc_id>/<int:year>/tieu-chi/them/",
                          views.CriterionCreateView.as_view(), name="criterion_add")
    register_path = path("<int:bloc_id>/<int:year>/dang-ky/", views.RegistrationView.as_view(),
                         name="register")
    score_path = path("<int:bloc_id>/<int:year>/cham-diem/<int:unit_id>/",
                      views.ScoreView.as_view(), name="score")
    session_path = path("<int:bloc_id>/<int:year>/binh-xet/", views.SessionView.as_view(),
                        name="session")
    session_open_path = path("<int:bloc_id>/<int:year>/binh-xet/mo/",
                             views.SessionOpenView.as_view(), name="session_open")
    ballot_path = path("<int:bloc_id>/<int:year>/binh-xet/bo-phieu/", views.BallotView.as_view(),
                       name="session_ballot")
    tally_path = path("<int:bloc_id>/<int:year>/binh-xet/kiem-phieu/",
                      views.TallyView.as_view(), name="session_tally")
    elect_path = path("<int:bloc_id>/<int:year>/binh-xet/suy-ton/", views.ElectView.as_view(),
                      name="session_elect")
    session_close_path = path("<int:bloc_id>/<int:year>/binh-xet/ket-thuc/",
                              views.SessionCloseView.as_view(), name="session_close")
    minutes_path = path("binh-xet/<int:pk>/bien-ban.docx", views.SessionMinutesView.as_view(),
                        name="session_minutes")
    council_index_path = path("hoi-dong/", views.CouncilListView.as_view(), name="council_index")
    council_open_path = path("hoi-dong/mo/", views.CouncilOpenView.as_view(),
                             name="council_open")
    council_detail_path = path("hoi-dong/<int:pk>/", views.CouncilDetailView.as_view(),
                               name="council_detail")
    council_ballot_path = path("hoi-dong/<int:pk>/phieu/<int:nomination_id>/",
                               views.CouncilBallotView.as_view(), name="council_ballot")
    council_close_path = path("hoi-dong/<int:pk>/ket-thuc/", views.CouncilCloseView.as_view(),
                              name="council_close")
    council_minutes_path = path("hoi-dong/<int:pk>/bien-ban.docx",
                                views.CouncilMinutesView.as_view(), name="council_minutes")
