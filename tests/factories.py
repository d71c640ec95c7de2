"""factory_boy factories for the domain. Awards come from the catalogue migration: use
`award("CSTDCS")`. Users get roles with `UserFactory(roles=["unit_officer"], unit=...)`."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from nominations import models


def award(code: str) -> models.Award:
    return models.Award.objects.get(code=code)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tinh-{n}")
    name = factory.Sequence(lambda n: f"Tỉnh {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Unit

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Đơn vị {n}")


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Bloc

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Khối thi đua {n}")


class BlocMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BlocMembership

    bloc = factory.SubFactory(BlocFactory)
    unit = factory.SubFactory(UnitFactory, province=factory.SelfAttribute("..bloc.province"))
    year = 2025
    role = "member"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    gender = "nam"


class CollectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Collective

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Phòng {n}")


class YearRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.YearRecord

    year = 2025
    rating = "HTT"


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Honour

    year = 2025
    basis = "cong_trang"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Initiative

    code = factory.Sequence(lambda n: f"SK-{n}")
    title = factory.Sequence(lambda n: f"Sáng kiến {n}")
    year = 2025


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.django.Password("matkhau-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Dossier

    unit = factory.SubFactory(UnitFactory)
    year = 2025
    title = factory.Sequence(lambda n: f"Hồ sơ đề nghị khen thưởng số {n}")
    created_by = factory.SubFactory(UserFactory, unit=factory.SelfAttribute("..unit"))


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Nomination

    dossier = factory.SubFactory(DossierFactory)
    person = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..dossier.unit"))
    award = factory.LazyFunction(lambda: award("LDTT"))


class ProvinceSettingsFactory(factory.django.DjangoModelFactory):
    """A province's settings (`province=None`: the shared default row). Intake 10/12."""

    class Meta:
        model = models.ProvinceSettings

    province = factory.SubFactory(ProvinceFactory)
    intake_month = 12
    intake_day = 10


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment row (the file name only: nothing is stored)."""

    class Meta:
        model = models.Attachment

    dossier = factory.SubFactory(DossierFactory)
    kind = "report"
    file = factory.Sequence(lambda n: f"uploads/test/{n}.pdf")
    original_name = "tai-lieu.pdf"
    content_type = "application/pdf"
    size = 1024
    uploaded_by = factory.SelfAttribute("dossier.created_by")


def attach_required_documents(dossier: models.Dossier) -> None:
    """One attachment of each document the catalogue requires of the dossier and of each of
    its nominations (nominations.catalogue), so that it may be sent and signed."""
    from nominations.catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS

    for kind in DOSSIER_DOCUMENTS:
        AttachmentFactory(dossier=dossier, kind=kind)
    for n in dossier.nominations.select_related("award"):
        for kind in NOMINATION_DOCUMENTS.get(n.award.code, ()):
            AttachmentFactory(dossier=dossier, nomination=n, kind=kind)
