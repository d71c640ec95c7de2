.PHONY: run test e2e lint bench

run:   ## venv + install + migrate + demo data + web/worker/beat (Ctrl-C stops all)
	scripts/run

test:  ## the whole suite on PostgreSQL + Redis + a real Celery worker
	scripts/test

e2e:   ## browser end-to-end tests in Chromium
	scripts/e2e

lint:  ## ruff, then mypy on the services, selectors and eligibility engine (pyproject.toml)
	.venv/bin/ruff check .
	.venv/bin/mypy

bench:
	.venv/bin/python bench/eligibility.py
	.venv/bin/python bench/reminders.py
	DATABASE_URL=$${SCALE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kt_scale} \
		.venv/bin/python bench/scale.py
