"""Thin views over blocs.services and blocs.selectors (menu: "Khối thi đua").

Every page finds its bloc, session or meeting through a selector that applies the
visibility rules (a unit sees only its own bloc); every write goes through a service, which
checks the acting user's right again and refuses bad input with a Vietnamese message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from config.confirm import confirm_page, confirmed
from config.forms import ServiceFormMixin
from nominations.models import Nomination, Unit

from . import forms, selectors, services
from .documents import DOCX_CONTENT_TYPE
from .models import CouncilMeeting, VoteSession


def _docx_response(content: bytes | memoryview | None, filename: str) -> HttpResponse:
    if not content:
        raise Http404
    response = HttpResponse(bytes(content), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def year_url(bloc_id: int, year: int) -> str:
    return reverse("khenthuong:blocs:year", args=[bloc_id, year])


def session_url(bloc_id: int, year: int) -> str:
    return reverse("khenthuong:blocs:session", args=[bloc_id, year])


class CheckedFormView(generic.FormView):
    """A form page whose `check()` (403/404 before any form work) runs on GET and POST."""

    def check(self) -> None:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.check()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check()
        return super().post(request, *args, **kwargs)


# ---------------------------------------------------------------- blocs


class BlocIndexView(LoginRequiredMixin, generic.TemplateView):
    template_name = "blocs/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        blocs = list(selectors.blocs_visible_to(user).select_related("province").order_by(
            "province__name", "name"))
        rows = []
        for bloc in blocs:
            years = selectors.bloc_years(bloc)
            if not selectors.sees_whole_province(user):
                years = [y for y in years if selectors.is_member(user.unit_id, bloc, y)]
            rows.append({"bloc": bloc, "years": years})
        ctx.update(rows=rows, show_council=selectors.sees_whole_province(user))
        return ctx


class BlocYearMixin(LoginRequiredMixin):
    """Resolves <bloc_id>/<year> through the visibility selector (404 for other blocs)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.year = int(kwargs["year"])
        self.bloc = get_object_or_404(selectors.blocs_visible_to(request.user, self.year),
                                      pk=kwargs["bloc_id"])
        self.covenant = selectors.covenant_for(self.bloc, self.year)
        self.is_leader = selectors.can_manage_bloc(request.user, self.bloc, self.year)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(bloc=self.bloc, year=self.year, covenant=self.covenant,
                   is_leader=self.is_leader)
        return ctx


class BlocYearView(BlocYearMixin, generic.TemplateView):
    template_name = "blocs/year.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        covenant = self.covenant
        ctx.update(
            memberships=selectors.memberships(self.bloc, self.year).order_by("unit__name"),
            session=selectors.vote_session_for(self.bloc, self.year),
        )
        if covenant is not None:
            can_score = selectors.can_score(user, covenant)
            progress = selectors.scoring_progress(covenant)
            ctx.update(
                criteria=selectors.criteria_of(covenant),
                registrations=covenant.registrations.select_related("unit").order_by(
                    "unit__name"),
                progress=progress,
                not_done=[row for row in progress if not row["complete"]],
                ranking=selectors.covenant_ranking(covenant),
                can_score=can_score,
                my_progress=next((row for row in progress if row["unit"].pk == user.unit_id),
                                 None) if can_score else None,
            )
        return ctx


class LeaderFormView(BlocYearMixin, ServiceFormMixin, CheckedFormView):
    template_name = "blocs/form.html"

    def check(self):
        if not self.is_leader:
            raise PermissionDenied

    def get_success_url(self):
        return year_url(self.bloc.pk, self.year)


class CovenantCreateView(LeaderFormView):
    form_class = forms.CovenantForm
    extra_context = {"page_title": gettext_lazy("Lập giao ước thi đua")}
    success_message = gettext_lazy("Đã lập giao ước thi đua.")

    def call_service(self, form):
        return services.create_covenant(user=self.request.user, bloc=self.bloc,
                                        year=self.year, **form.cleaned_data)


class CriterionCreateView(LeaderFormView):
    form_class = forms.CriterionForm
    extra_context = {"page_title": gettext_lazy("Thêm tiêu chí chấm điểm")}
    success_message = gettext_lazy("Đã thêm tiêu chí.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "members": selectors.bloc_members(self.bloc, self.year)}

    def check(self):
        super().check()
        if self.covenant is None:
            raise Http404

    def call_service(self, form):
        data = form.cleaned_data
        return services.add_criterion(user=self.request.user, covenant=self.covenant,
                                      code=data["code"], name=data["name"],
                                      max_points=data["max_points"], weight=data["weight"],
                                      is_bonus=data["is_bonus"],
                                      eligible_units=data["eligible_units"])


class RegistrationView(BlocYearMixin, ServiceFormMixin, CheckedFormView):
    template_name = "blocs/form.html"
    form_class = forms.RegistrationForm
    extra_context = {"page_title": gettext_lazy("Đăng ký thi đua")}
    success_message = gettext_lazy("Đã lưu đăng ký thi đua.")

    def check(self):
        if self.covenant is None:
            raise Http404
        if not selectors.can_score(self.request.user, self.covenant):
            raise PermissionDenied

    def get_initial(self):
        mine = self.covenant.registrations.filter(unit_id=self.request.user.unit_id).first()
        return {"targets": mine.targets if mine else ""}

    def call_service(self, form):
        return services.register_targets(user=self.request.user, covenant=self.covenant,
                                         targets=form.cleaned_data["targets"])

    def get_success_url(self):
        return year_url(self.bloc.pk, self.year)


class ScoreView(BlocYearMixin, ServiceFormMixin, CheckedFormView):
    """The user's unit scores one other member unit."""

    template_name = "blocs/score.html"
    form_class = forms.ScoreForm

    def check(self):
        if self.covenant is None:
            raise Http404
        if not selectors.can_score(self.request.user, self.covenant):
            raise PermissionDenied
        self.scored = get_object_or_404(selectors.bloc_members(self.bloc, self.year),
                                        pk=self.kwargs["unit_id"])

    def get_form_kwargs(self):
        criteria = selectors.criteria_for_unit(self.covenant, self.scored.pk)
        sheet = selectors.sheet_for(self.covenant, self.request.user.unit_id, self.scored.pk)
        initial = {line.criterion_id: line.points for line in sheet.lines.all()} if sheet else {}
        return {**super().get_form_kwargs(), "criteria": criteria, "initial_points": initial}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(scored=self.scored, page_title=_("Chấm điểm: %(unit)s") % {
            "unit": self.scored.name})
        return ctx

    def call_service(self, form):
        return services.submit_scores(user=self.request.user, covenant=self.covenant,
                                      scored_unit=self.scored, points=form.points())

    def get_success_message(self, result):
        return _("Đã lưu phiếu chấm điểm cho %(unit)s.") % {"unit": self.scored.name}

    def get_success_url(self):
        return year_url(self.bloc.pk, self.year)


# ---------------------------------------------------------------- the bloc vote


class SessionView(BlocYearMixin, generic.TemplateView):
    template_name = "blocs/session.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        session = selectors.vote_session_for(self.bloc, self.year)
        members = selectors.bloc_members(self.bloc, self.year)
        ctx.update(session=session, members=members)
        if session is None:
            ctx["open_form"] = forms.OpenSessionForm()
            return ctx
        rows = selectors.session_rows(session)
        ctx.update(
            rows=rows,
            voted_units=set(session.casts.values_list("unit_id", flat=True)),
            can_vote=(not session.is_closed and selectors.can_cast_ballot(user, session)
                      and not selectors.has_unit_voted(session, user.unit_id)),
            has_voted=selectors.has_unit_voted(session, user.unit_id),
            elect_form=forms.ElectForm(members=members, initial={
                "leader": session.next_leader_id, "deputy": session.next_deputy_id}),
            close_form=forms.CloseSessionForm(flag_candidates=Nomination.objects.filter(
                pk__in=[r["nomination"].pk for r in rows
                        if r["nomination"].award.code in services.ONE_PER_BLOC_AWARDS])),
        )
        return ctx


class SessionActionView(BlocYearMixin, generic.View):
    """POST-only actions on the session; refusals come back as messages on the page."""

    success_message = ""

    def post(self, request, *args, **kwargs):
        try:
            self.act(request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return redirect(session_url(self.bloc.pk, self.year))

    def session(self) -> VoteSession:
        session = selectors.vote_session_for(self.bloc, self.year)
        if session is None:
            raise Http404
        return session

    def act(self, request) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class SessionOpenView(SessionActionView):
    success_message = gettext_lazy("Đã mở phiên bình xét.")

    def act(self, request):
        form = forms.OpenSessionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Vui lòng nhập ngày họp hợp lệ."))
        services.open_vote_session(user=request.user, bloc=self.bloc, year=self.year,
                                   **form.cleaned_data)


class BallotView(SessionActionView):
    success_message = gettext_lazy("Đã ghi nhận phiếu bầu của đơn vị.")

    def act(self, request):
        choices = {}
        for key, value in request.POST.items():
            if key.startswith("n_") and value in ("agree", "disagree"):
                try:
                    choices[int(key[2:])] = value == "agree"
                except ValueError as exc:
                    raise ValidationError(_("Phiếu bầu không hợp lệ.")) from exc
        services.cast_ballot(user=request.user, session=self.session(), choices=choices)


class TallyView(SessionActionView):
    success_message = gettext_lazy("Đã ghi nhận kết quả kiểm phiếu.")

    def act(self, request):
        session = self.session()
        unit_ids = request.POST.getlist("units")
        try:
            units = list(Unit.objects.filter(pk__in=[int(u) for u in unit_ids]))
        except ValueError as exc:
            raise ValidationError(_("Danh sách đơn vị không hợp lệ.")) from exc
        counts = {}
        for row in selectors.session_rows(session):
            nid = row["nomination"].pk
            agree = request.POST.get(f"agree_{nid}", "").strip()
            disagree = request.POST.get(f"disagree_{nid}", "").strip()
            if agree or disagree:
                counts[nid] = (agree or "0", disagree or "0")
        services.record_tally(user=request.user, session=session, voted_units=units,
                              counts=counts)


class ElectView(SessionActionView):
    success_message = gettext_lazy("Đã ghi nhận kết quả suy tôn.")

    def act(self, request):
        form = forms.ElectForm(request.POST,
                               members=selectors.bloc_members(self.bloc, self.year))
        if not form.is_valid():
            raise ValidationError(_("Vui lòng chọn Khối trưởng và Khối phó trong các đơn vị "
                                    "thành viên."))
        services.elect_leadership(user=request.user, session=self.session(),
                                  leader=form.cleaned_data["leader"],
                                  deputy=form.cleaned_data["deputy"])


class SessionCloseView(SessionActionView):
    success_message = gettext_lazy(
        "Đã kết thúc phiên bình xét; biên bản và danh sách đề nghị đã được lập.")

    def post(self, request, *args, **kwargs):
        if not confirmed(request):
            if not self.is_leader:
                raise PermissionDenied
            session = self.session()
            return confirm_page(
                request, title=_("Kết thúc phiên bình xét"),
                message=_("Phiên bình xét năm %(year)s của %(bloc)s sẽ kết thúc: không bỏ phiếu "
                          "thêm được nữa; biên bản và danh sách đề nghị được lập, kết quả "
                          "chuyển về từng hồ sơ.") % {"year": self.year, "bloc": self.bloc},
                details=[_("Phiên: %(session)s") % {"session": session}],
                cancel_url=session_url(self.bloc.pk, self.year),
                button=_("Kết thúc phiên"))
        return super().post(request, *args, **kwargs)

    def act(self, request):
        session = self.session()
        flag = None
        if request.POST.get("flag_nomination"):
            flag = get_object_or_404(
                selectors.session_nominations(self.bloc, self.year),
                pk=request.POST["flag_nomination"])
        services.close_vote_session(user=request.user, session=session, flag_nomination=flag)


class SessionMinutesView(LoginRequiredMixin, generic.View):
    def get(self, request, pk: int):
        session = get_object_or_404(selectors.vote_sessions_visible_to(request.user), pk=pk)
        return _docx_response(session.minutes_docx,
                              f"bien-ban-binh-xet-{session.bloc_id}-{session.year}.docx")


# ---------------------------------------------------------------- the council


class CouncilListView(LoginRequiredMixin, generic.TemplateView):
    template_name = "blocs/council_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(meetings=selectors.council_meetings_visible_to(user).select_related(
            "province"), can_open=selectors.can_manage_council(user, user.province_id))
        return ctx


class CouncilOpenView(LoginRequiredMixin, ServiceFormMixin, generic.FormView):
    template_name = "blocs/form.html"
    form_class = forms.CouncilMeetingForm
    extra_context = {"page_title": gettext_lazy("Mở cuộc họp Hội đồng Thi đua – Khen thưởng")}
    success_message = gettext_lazy("Đã mở cuộc họp Hội đồng.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.can_manage_council(
                request.user, request.user.province_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "province": self.request.user.province}

    def call_service(self, form):
        self.meeting = services.open_council_meeting(
            user=self.request.user, province=self.request.user.province,
            held_on=form.cleaned_data["held_on"], title=form.cleaned_data["title"],
            member_users=form.cleaned_data["member_users"], member_names=form.names())
        return self.meeting

    def get_success_url(self):
        return reverse("khenthuong:blocs:council_detail", args=[self.meeting.pk])


class CouncilMeetingMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.meeting = get_object_or_404(selectors.council_meetings_visible_to(request.user),
                                         pk=kwargs["pk"])
        self.is_secretary = selectors.can_manage_council(request.user, self.meeting.province_id)
        return super().dispatch(request, *args, **kwargs)


class CouncilDetailView(CouncilMeetingMixin, generic.TemplateView):
    template_name = "blocs/council_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ballots = list(selectors.meeting_ballots(self.meeting))
        voted = {b.nomination_id for b in ballots}
        waiting = [] if self.meeting.is_closed else [
            n for n in selectors.nominations_needing_ballot(self.meeting.province_id)
            if n.pk not in voted]
        ctx.update(meeting=self.meeting, members=self.meeting.members.all(), ballots=ballots,
                   waiting=waiting, is_secretary=self.is_secretary)
        return ctx


class CouncilBallotView(CouncilMeetingMixin, ServiceFormMixin, CheckedFormView):
    template_name = "blocs/form.html"
    form_class = forms.CouncilBallotForm
    success_message = gettext_lazy("Đã ghi nhận kết quả bỏ phiếu.")

    def check(self):
        if not self.is_secretary:
            raise PermissionDenied
        self.nomination = get_object_or_404(
            selectors.nominations_needing_ballot(self.meeting.province_id,
                                                 at_council_review=False),
            pk=self.kwargs["nomination_id"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "members": self.meeting.members.all()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        n = self.nomination
        ctx["page_title"] = _("Kết quả bỏ phiếu: %(award)s – %(nominee)s (ngưỡng ≥ %(t)s%%)") % {
            "award": n.award.name, "nominee": n.nominee, "t": n.award.ballot_threshold}
        return ctx

    def call_service(self, form):
        data = form.cleaned_data
        return services.record_council_ballot(
            user=self.request.user, meeting=self.meeting, nomination=self.nomination,
            votes_for=data["votes_for"], votes_against=data["votes_against"],
            written_votes=data.get("written_votes") or 0, recusals=form.recusals())

    def get_success_url(self):
        return reverse("khenthuong:blocs:council_detail", args=[self.meeting.pk])


class CouncilCloseView(CouncilMeetingMixin, generic.View):
    def post(self, request, pk: int):
        if not confirmed(request):
            if not self.is_secretary:
                raise PermissionDenied
            return confirm_page(
                request, title=_("Kết thúc cuộc họp Hội đồng"),
                message=_("Cuộc họp “%(meeting)s” sẽ kết thúc: không ghi thêm kết quả bỏ phiếu "
                          "được nữa; biên bản họp được lập.") % {"meeting": self.meeting},
                cancel_url=reverse("khenthuong:blocs:council_detail", args=[pk]),
                button=_("Kết thúc cuộc họp"))
        try:
            services.close_council_meeting(user=request.user, meeting=self.meeting)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã kết thúc cuộc họp; biên bản đã được lập."))
        return redirect(reverse("khenthuong:blocs:council_detail", args=[pk]))


class CouncilMinutesView(CouncilMeetingMixin, generic.View):
    def get(self, request, pk: int):
        meeting: CouncilMeeting = self.meeting
        return _docx_response(meeting.minutes_docx, f"bien-ban-hoi-dong-{meeting.pk}.docx")
