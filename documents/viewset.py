"""The documents pages inside viewflow's frame (menu: "Văn bản, danh sách").

URL names: khenthuong:documents:<name>."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from . import views


class DocumentsViewset(AppMenuMixin, Viewset):
    title = _("Văn bản, danh sách")
    icon = "description"
    app_name = "documents"

    index_path = path("", views.DocumentIndexView.as_view(), name="index")
    unit_letter_path = path("ho-so/<int:pk>/to-trinh/", views.UnitLetterView.as_view(),
                            name="unit_letter")
    dossier_xlsx_path = path("ho-so/<int:pk>/danh-sach.xlsx",
                             views.DossierNomineesXlsxView.as_view(), name="dossier_xlsx")
    decision_path = path("quyet-dinh/<int:pk>/", views.DecisionDocumentView.as_view(),
                         name="decision")
    bloc_minutes_path = path("bien-ban-binh-xet/<int:pk>/", views.BlocMinutesView.as_view(),
                             name="bloc_minutes")
    council_minutes_path = path("bien-ban-hoi-dong/<int:pk>/",
                                views.CouncilMinutesView.as_view(), name="council_minutes")
    board_letter_path = path("to-trinh-ban/", views.BoardLetterView.as_view(),
                             name="board_letter")
    nominees_xlsx_path = path("danh-sach-de-nghi.xlsx", views.NomineesXlsxView.as_view(),
                              name="nominees_xlsx")
    awards_xlsx_path = path("danh-sach-khen-thuong.xlsx", views.DecidedAwardsXlsxView.as_view(),
                            name="awards_xlsx")
    pdf_path = path("pdf/<int:pk>/", views.PdfConversionView.as_view(), name="pdf")
    pdf_download_path = path("pdf/<int:pk>/tai-ve/", views.PdfDownloadView.as_view(),
                             name="pdf_download")
    templates_path = path("mau/", views.TemplateListView.as_view(), name="templates")
    template_upload_path = path("mau/tai-len/", views.TemplateUploadView.as_view(),
                                name="template_upload")
    template_reset_path = path("mau/<str:kind>/mac-dinh/", views.TemplateResetView.as_view(),
                               name="template_reset")
    template_download_path = path("mau/<str:kind>/tai-ve/", views.TemplateDownloadView.as_view(),
                                  name="template_download")
