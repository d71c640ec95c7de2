"""python manage.py check_eligibility FILE

The eligibility contract (ELIGIBILITY-CONTRACT.md) on the command line: FILE holds one
case (prints its verdict) or a JSON list of cases (prints the list of verdicts, in
order); "-" reads standard input. Output is JSON, Vietnamese kept as is.

A malformed case (or an `as_of` before 01/01/2024: no rule set) prints the error naming
the field on standard error (a sentence, then the contract's error object as JSON:
error, field, message) and exits with status 2; so does unreadable or invalid JSON.

Configuration: the default row of EligibilitySettings (else settings.ELIGIBILITY);
--province CODE for a province's own settings; --settings-only reads no database.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from eligibility.engine import CaseError, check_json, error_to_dict
from eligibility.selectors import config_for, settings_config
from nominations.models import Province

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = ("Kiểm tra điều kiện khen thưởng theo Luật TĐKT 2022: đọc một hồ sơ xét (case) "
            "hoặc một danh sách JSON, in kết quả (verdict) dạng JSON.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp JSON chứa một case hoặc một danh sách; '-' để "
                                         "đọc từ đầu vào chuẩn")
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--province", metavar="CODE",
                           help="mã tỉnh: dùng cấu hình xét điều kiện của tỉnh đó")
        where.add_argument("--settings-only", action="store_true",
                           help="không đọc cơ sở dữ liệu: chỉ dùng settings.ELIGIBILITY")
        parser.add_argument("--compact", action="store_true", help="in JSON trên một dòng")

    def _fail(self, message: str) -> CommandError:
        return CommandError(message, returncode=EXIT_BAD_INPUT)

    def _read(self, name: str):
        try:
            if name == "-":
                text = sys.stdin.read()
            else:
                with open(name, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except OSError as exc:
            raise self._fail(f"không đọc được tệp {name}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise self._fail(f"tệp {name} không phải văn bản UTF-8") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise self._fail(f"JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno}): "
                             f"{exc.msg}") from None

    def _config(self, options):
        if options["settings_only"]:
            return settings_config()
        if options["province"]:
            province = Province.objects.filter(code=options["province"]).first()
            if province is None:
                raise self._fail(f"không có tỉnh mã {options['province']!r}")
            return config_for(province.pk)
        return config_for(None)

    def handle(self, *args, **options):
        data = self._read(options["file"])
        try:
            result = check_json(data, self._config(options))
        except CaseError as err:
            error = error_to_dict(err)
            where = f"trường {error['field']}" if error["field"] else "hồ sơ xét"
            raise self._fail(f"{where}: {err.detail}\n"
                             f"{json.dumps(error, ensure_ascii=False)}") from None
        indent = None if options["compact"] else 2
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=indent))
