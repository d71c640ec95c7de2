"""Settings, all from the environment (12-factor). See .env.example for every variable.

Embedded defaults (no env vars at all): SQLite file in var/, Redis if it answers on
127.0.0.1:6379 else an embedded filesystem broker, e-mails written to var/mail.

Reading this module has no side effects: it creates no folder (the entry points do:
`config.dirs.ensure_var_dirs`) and probes no server (the Celery app chooses its broker when
it is configured: config/celery.py, config/broker.py).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="dev-only-insecure-key-change-me-khenthuong-flow" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "viewflow",
    "viewflow.workflow",
    "accounts",
    "nominations",
    "eligibility",
    "blocs",
    "workdays",
    "workflows",
    "notifications",
    "reports",
    "documents",
    "api",
    "imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.busy.BusyDatabaseMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'khenthuong.sqlite3'}")
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# How long a statement waits for a row lock held elsewhere before giving up (the request
# then answers 409 in Vietnamese: config/busy.py). Web requests must never hang on a lock.
DB_LOCK_TIMEOUT_MS = env.int("DB_LOCK_TIMEOUT_MS", default=5000)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # choice lists iterate querysets: plain queries, not DECLARE/FETCH cursor round trips
    # (and safe behind a transaction-pooling PgBouncer)
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={DB_LOCK_TIMEOUT_MS}")
    # Parameters bound by the server and statements prepared after 5 runs on a connection:
    # the route's and the lists' queries are planned once per connection instead of on
    # every request (planning a 5-join list query cost 2–5 ms, more than running it).
    # Turn off behind a transaction-pooling PgBouncer older than 1.21.
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default serves the web, a threaded worker and beat at once. WAL lets
    # readers run beside the one writer; IMMEDIATE makes every transaction take the write
    # lock when it begins, so a transaction that read first never fails its upgrade to a
    # writer with an instant "database is locked" (SQLite's busy handler does not wait
    # there); the busy timeout then bounds the wait like lock_timeout on PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=DB_LOCK_TIMEOUT_MS / 1000,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's IP behind TRUSTED_PROXY_COUNT reverse proxies (0: REMOTE_ADDR, X-Forwarded-For
# never trusted); the same rule for the API and password-reset throttles (config/client_ip.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"  # never served directly: downloads go through a permission-checked view
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: PDF, DOCX, XLSX, JPG, PNG checked by content; size limit in MB, enforced while the
# request streams in by the first upload handler (nominations/upload_handlers.py). Files do
# not count toward DATA_UPLOAD_MAX_MEMORY_SIZE, which bounds the other fields and raw bodies
# (API JSON): never raise it for uploads. Files over FILE_UPLOAD_MAX_MEMORY_SIZE go to a
# temporary file; at most DATA_UPLOAD_MAX_NUMBER_FILES files per request.
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=20)
FILE_UPLOAD_HANDLERS = [
    "nominations.upload_handlers.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5

# Generated documents (docs/documents.md): PDF through LibreOffice headless when installed
# (DOCUMENTS_SOFFICE: its executable; empty: `soffice` or `libreoffice` on PATH), run by
# the worker within DOCUMENTS_PDF_TIMEOUT seconds.
DOCUMENTS_SOFFICE = env.str("DOCUMENTS_SOFFICE", default="")
DOCUMENTS_PDF_TIMEOUT = env.int("DOCUMENTS_PDF_TIMEOUT", default=120)

# E-mail: SMTP when EMAIL_HOST is set, else files in var/mail (nothing leaves the machine).
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Khen thưởng Flow <noreply@khenthuong.local>"
)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Celery: Redis (broker and results) when REDIS_URL is set; without it, Redis if it answers
# on 127.0.0.1:6379, else an embedded filesystem broker in VAR_DIR/broker. The choice is made
# when the Celery app is configured (config/celery.py → config.broker.choose_broker), never
# here: loading settings probes no server.
REDIS_URL = env.str("REDIS_URL", default="") or None
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="khenthuong")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# Queueing never holds a user's request (docs/operations.md, "Broker outage"): tasks are fire
# and forget (no result-backend subscribe on send; ping and the sweep keep their result), a
# publish is retried once, and the connection gives up fast. config.celery.dispatch logs a
# failed send; the beat sweeps redo the work from the database.
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1,
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "health-ping": {"task": "nominations.tasks.ping", "schedule": 300.0},
    # notifications: due reminders and queued e-mails (claimed in the database: exactly once)
    "notifications-sweep": {"task": "notifications.tasks.sweep", "schedule": 120.0},
    # daily digest for people who chose it, 07:00 Asia/Ho_Chi_Minh (CELERY_TIMEZONE)
    "notifications-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=env.int("NOTIFICATIONS_DIGEST_HOUR", default=7), minute=0),
    },
    # units' reminders of the province's intake date (DL-PROVINCE), daily after the send hour
    "notifications-intake": {
        "task": "notifications.tasks.remind_intake",
        "schedule": crontab(hour=env.int("REMINDER_SEND_HOUR", default=7), minute=5),
    },
    # eligibility checks left pending by a broker outage (docs/eligibility.md § 7)
    "eligibility-requeue": {"task": "eligibility.tasks.requeue_checks", "schedule": 300.0},
    # Excel imports whose task the broker lost or whose worker died (docs/imports.md)
    "imports-requeue": {"task": "imports.tasks.requeue_jobs", "schedule": 300.0},
}
# a pending check handed to the broker longer ago than this is sent again (lost message)
ELIGIBILITY_REQUEUE_AFTER_SECONDS = env.int("ELIGIBILITY_REQUEUE_AFTER_SECONDS", default=900)
# a check that raised unexpectedly is tried again by requeue_checks after this long
ELIGIBILITY_RETRY_ERRORS_AFTER_SECONDS = env.int("ELIGIBILITY_RETRY_ERRORS_AFTER_SECONDS",
                                                 default=3600)

# Notifications and reminders (docs/notifications.md). Counted in working days.
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=2)
ESCALATE_AFTER_LATE_DAYS = env.int("ESCALATE_AFTER_LATE_DAYS", default=3)
REMINDER_SEND_HOUR = env.int("REMINDER_SEND_HOUR", default=7)  # local hour a day's batch starts
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", default=7)
# working days before the province's intake date (DL-PROVINCE) that units are reminded
INTAKE_REMINDER_DAYS_BEFORE = env.int("INTAKE_REMINDER_DAYS_BEFORE", default=5)
NOTIFICATIONS_CLAIM_LEASE_SECONDS = env.int("NOTIFICATIONS_CLAIM_LEASE_SECONDS", default=600)
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", default=20)

# API (docs/api.md, docs/operations.md § Security): a session or an access token, never HTTP
# Basic (it hashed a password on every request, unthrottled); throttles per user / client IP
# on every endpoint, rates "N/second|minute|hour|day".
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # `Authorization: Token <mã>` (api/authentication.py): hashed, revocable tokens
        # from the "Mã truy cập API" page or the admin. No HTTP Basic (a password hash per
        # request).
        "api.authentication.TokenAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="30/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/hour"),
        "eligibility": env.str("API_THROTTLE_ELIGIBILITY", default="60/minute"),
    },
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Khen thưởng Flow API",
    "DESCRIPTION": "API xét đề nghị khen thưởng (Luật Thi đua, khen thưởng 2022)",
    "VERSION": "1.0.0",
    # Swagger UI served from our static files (drf-spectacular-sidecar): no CDN, CSP-safe
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,  # the schema does not describe its own endpoint
    # one name per choice set shared by several serializers (schema validates with
    # --fail-on-warn: docs/api.md)
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "nominations.choices.DossierStatus",
        "NominationStatusEnum": "nominations.choices.NominationStatus",
        "StepEnum": "api.route_serializers.STEP_CHOICES",
    },
    "TAGS": [
        {"name": "dossiers", "description": "Hồ sơ đề nghị khen thưởng"},
        {"name": "nominations", "description": "Đề nghị: người / tập thể × danh hiệu"},
        {"name": "tasks", "description": "Công việc trên lộ trình: hộp việc, nhận, hoàn "
                                         "thành, trả lại"},
        {"name": "cases", "description": "Theo dõi hồ sơ: nhật ký và bước đang chờ"},
        {"name": "decisions", "description": "Quyết định khen thưởng của UBND tỉnh"},
        {"name": "tokens", "description": "Mã truy cập API của người dùng"},
        {"name": "eligibility", "description": "Kiểm tra điều kiện theo Luật TĐKT 2022"},
    ],
}

# Province-configurable eligibility pieces (defaults from LAW-2022.md; admin may override).
ELIGIBILITY = {
    "ONE_USE_INITIATIVES": env.bool("ELIGIBILITY_ONE_USE_INITIATIVES", default=True),
    "GIAY_KHEN_MODE": env.str("ELIGIBILITY_GIAY_KHEN_MODE", default="manual"),
}
# the province's intake date for annual dossiers (DL-PROVINCE) when no ProvinceSettings row
# gives one, and the default of a new row: MM-DD, "" for none
PROVINCE_INTAKE_DAY = env.str("PROVINCE_INTAKE_DAY", default="12-10")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Web security (docs/operations.md § Security): cache for throttles, CSP, reset throttle.
# Throttle counters live in the cache: set CACHE_URL (e.g. redis://redis:6379/1) when more than
# one web process runs, or each process counts on its own (default: local memory).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Content-Security-Policy (django-csp): scripts only from our own static files (no inline
# script anywhere); inline styles stay allowed because viewflow's Material templates and
# scripts write style attributes. Swagger UI is served from static files too (sidecar).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Password reset requests (accounts.services.note_password_reset_request): per client IP and per
# e-mail address, counted over PASSWORD_RESET_WINDOW_MINUTES.
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_WINDOW_MINUTES = env.int("PASSWORD_RESET_WINDOW_MINUTES", default=60)

# Production hardening: on whenever DEBUG is off (passes `manage.py check --deploy`).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
