from django.core.management.base import BaseCommand

from documents.defaults_builder import build_all


class Command(BaseCommand):
    help = "Tạo lại các mẫu văn bản mặc định trong documents/defaults/ (.docx)."

    def handle(self, *args, **options) -> None:
        for path in build_all():
            self.stdout.write(str(path))
