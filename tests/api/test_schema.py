"""The OpenAPI schema of the API validates, without a single drf-spectacular warning, and
names every operation."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_validates_with_no_warning(tmp_path):
    path = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))

    schema = yaml.safe_load(path.read_text())
    operations = {op["operationId"] for item in schema["paths"].values()
                  for op in item.values()}
    assert {"dossiers_list", "dossiers_retrieve", "nominations_list", "tasks_inbox",
            "tasks_queue", "tasks_claim", "tasks_complete", "tasks_return", "cases_retrieve",
            "decisions_list", "decisions_retrieve", "tokens_create"} <= operations
    assert "tokenAuth" in schema["components"]["securitySchemes"]
