"""Settings for the WSIS Portal: one file, every deployment knob read from the environment.

Each variable is listed in `.env.example`. A malformed value stops start-up with an
ImproperlyConfigured error that names the variable.
"""

from pathlib import Path
from tempfile import gettempdir
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import environ
from django.core.exceptions import ImproperlyConfigured

from wsisportal import environment, rich_text

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    """A strict boolean: anything but a known spelling is an error naming the variable."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name, default):
    raw = env.str(name, default=str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_url(name, default, parse):
    raw = env.str(name, default=default)
    try:
        return parse(raw)
    except Exception as exc:  # environ raises several kinds; the message must name the variable
        raise ImproperlyConfigured(f"{name} is malformed ({exc}): {raw!r}") from None


def env_zone(name, default):
    raw = env.str(name, default=default)
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(f"{name}={raw!r} is not an IANA time zone (e.g. Europe/Zurich).") from None
    return raw


DEBUG = env_bool("DEBUG", False)
# Required to serve with DEBUG off: wsisportal/serving.py refuses to start without it. Commands that
# sign nothing (migrate, makemigrations, backup) run without one.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",  # the report editor's rich text (static files only; see wsisportal/rich_text.py)
    "meetings",
    "reports",
    "contributions",
    "roadmap",
    "inbox",
    "floor",
    "ops",
    "jobs",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

# The live channel (floor/live.py): how long each process reuses its reading of a meeting's sittings'
# versions (a move reaches followers within a poll's second plus this).
FLOOR_LIVE_STATE_MS = env_int("FLOOR_LIVE_STATE_MS", 250)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wsisportal.logs.RequestIdMiddleware",
    "wsisportal.signed_files.SignedFileMiddleware",  # /files/<signed ticket>/…, before sessions
    "floor.live.LiveWatchMiddleware",  # /floor/live/<signed watch token>/, before sessions
    "wsisportal.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wsisportal.languages.ProfileLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "wsisportal.errors.PortalNotFoundMiddleware",  # the portal's 404, not Django's URL map, with DEBUG on
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wsisportal.urls"

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
                "wsisportal.context.portal",
            ],
        },
    },
    {
        # Only the hot partials repeated hundreds of times a page (wsisportal/jinja.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "wsisportal.jinja.environment",
            "extensions": ["jinja2.ext.i18n"],
            "autoescape": True,
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
]

WSGI_APPLICATION = "wsisportal.wsgi.application"

DATABASES = {"default": env_url("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}", env.db_url_config)}
if DATABASES["default"].get("ENGINE") not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
    raise ImproperlyConfigured("DATABASE_URL must be a postgres:// or sqlite:/// URL.")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "meetings.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "meetings:home"
LOGOUT_REDIRECT_URL = "meetings:home"

# The six languages of the Union, each named in itself. English is the default and the source of
# every msgid. The reader's language comes from their profile (signed in), else the language cookie
# that the header's switcher sets (Django's set_language), else Accept-Language: no URL prefixes,
# so every URL is the same in every language. Catalogs in locale/ (see wsisportal/catalogs.py).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Stored in UTC; shown in each meeting's zone. TIME_ZONE is the default zone for users who set none.
TIME_ZONE = env_zone("TIME_ZONE", "Europe/Zurich")
USE_I18N = True
USE_TZ = True

# The cache holds rendered fragments keyed by what they show (wsisportal/fragments.py) and the API's
# throttle counts. CACHE_URL names it (wsisportal/environment.py): `locmem://` by default (each
# worker its own memory, the least recently used dropped beyond CACHE_MAX_ENTRIES), or
# `redis://host:6379/1` (Django's own Redis backend) shared by several application servers.
_CACHE_MAX_ENTRIES = env_int("CACHE_MAX_ENTRIES", 300)
CACHES = {
    "default": env_url(
        "CACHE_URL", "locmem://", lambda url: environment.cache_config(url, max_entries=_CACHE_MAX_ENTRIES)
    )
}

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Documents are never served from a public media URL; downloads go through access-checked views.
MEDIA_URL = "/media-not-served/"
# Seconds a download ticket stays valid: the portal's signed /files/ URLs and, with object
# storage, the store's presigned URLs (wsisportal/downloads.py).
SIGNED_URL_SECONDS = env_int("SIGNED_URL_SECONDS", 300)
STORAGES = {
    # Local disk (MEDIA_ROOT) unless STORAGE_URL or AWS_STORAGE_BUCKET_NAME names an S3 bucket.
    "default": env_url(
        "STORAGE_URL",
        "",
        lambda url: environment.storage_config(
            url=url,
            bucket=env.str("AWS_STORAGE_BUCKET_NAME", default=""),
            endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default=""),
            region_name=env.str("AWS_S3_REGION_NAME", default=""),
            signed_url_seconds=SIGNED_URL_SECONDS,
        ),
    ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads larger than this are refused; bigger request bodies stream to a temporary file.
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Those temporary files go to a directory of the portal's own (created when missing), so that
# `manage.py sweep_upload_temp` can remove the ones a killed worker left without touching anything
# else. Best on the file system of MEDIA_ROOT: storing a file is then a rename, not a copy.
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default=str(Path(gettempdir()) / "wsisportal-uploads")) or None
if FILE_UPLOAD_TEMP_DIR:  # Django's check (files.E001) refuses a directory that does not exist yet
    try:
        Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # unwritable here: the system check names the setting
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "contributions.uploads.OwnTempDirUploadHandler",
]

vars().update(env_url("EMAIL_URL", "consolemail://", env.email_url_config))
# The portal's address as readers reach it, for the links in e-mails (which have no request).
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="WSIS Portal <noreply@wsis-portal.invalid>")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# LOG_FORMAT=json writes one JSON object a line (for a log collector), text the usual lines. Each
# record carries the request id (wsisportal/logs.py): REQUEST_ID_HEADER names the header a trusted
# proxy or load balancer sets (e.g. X-Request-ID); without it the portal makes one per request.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} must be text or json.")
REQUEST_ID_HEADER = env.str("REQUEST_ID_HEADER", default="")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "wsisportal.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Background work (wsisportal/celery.py, jobs/): PDFs, meeting packs and mail run in
# `celery -A wsisportal worker` when CELERY_BROKER_URL names a broker (redis://host:6379/2).
# Without one, each task runs in the process that enqueued it, at once (make demo, the tests).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_IGNORE_RESULT = True  # progress and results live in the Job rows, not a result backend
# A task is acknowledged only once it has finished, and handed to another worker when the one
# running it dies: a killed worker loses nothing (every task is idempotent, keyed by what it builds).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Seconds before a task taken by a worker that vanished (machine lost) is given to another one.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Hardening (issue 7): login throttling, Content-Security-Policy, sessions --------------------
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

INSTALLED_APPS += ["axes", "csp"]
_CLICKJACKING = MIDDLEWARE.index("django.middleware.clickjacking.XFrameOptionsMiddleware")
MIDDLEWARE.insert(_CLICKJACKING, "csp.middleware.CSPMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "wsisportal.auth.OrganisationModelBackend"]

# Login throttling: after LOGIN_FAILURE_LIMIT failures for one username from one address, that
# pair is locked out for LOGIN_LOCKOUT_MINUTES; the lockout page says so (HTTP 429).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429

# Content-Security-Policy: everything from this origin only; no inline script or style anywhere
# (templates keep JS in static/js and CSS in static/css). Bootstrap's CSS draws its form icons
# as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The rich-text editor's import map, pinned by hash (wsisportal/rich_text.py).
        "script-src": [SELF, rich_text.import_map_hash(STATIC_URL)],
        "style-src": [SELF, rich_text.EMPTY_STYLE_HASH],  # the editor's empty placeholder only
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"


# --- The read-only API (issue 16): /api/v1/, its OpenAPI schema and docs ---------------------------
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
# Per token, per signed-in user (the docs page) and per address (anonymous); None: not throttled.
# Counted in the cache (CACHES), so per worker with the default local-memory cache.
API_THROTTLE_RATES = {
    "token": env.str("API_TOKEN_RATE", default="5000/hour"),
    "user": env.str("API_USER_RATE", default="5000/hour"),
    "anon": env.str("API_ANON_RATE", default="600/hour"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.TokenAuthentication", "api.auth.SessionAuthentication"],
    # ReadOnly refuses every method but GET/HEAD/OPTIONS; AllowAny says (also in the schema) that
    # anonymous callers are answered: with the public subset.
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.ReadOnly", "rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.auth.TokenRateThrottle",
        "api.auth.SessionRateThrottle",
        "api.auth.AnonymousRateThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handle",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Anonymous callers are throttled by REMOTE_ADDR (as login throttling): X-Forwarded-For is not trusted.
    "NUM_PROXIES": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WSIS Portal API",
    "DESCRIPTION": (
        "Read-only access to groups, meetings, documents, calls for documents, the Action Line roadmap, "
        "reports and action items, under the portal's access policy: every answer holds exactly what the "
        "same user sees on the pages; anonymous callers get the public subset. Authenticate with a personal "
        "token (`Authorization: Bearer wsis_…`, created on your profile page). Lists are cursor-paginated "
        "(follow `next`); answers carry an ETag (send it back in If-None-Match for a 304). Times are UTC."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "contributions.models.DocumentKind",
        "DocumentStatusEnum": "contributions.models.DocumentStatus",
        "DocumentLanguageEnum": "contributions.models.Language",
        "ReportKindEnum": "reports.models.ReportKind",
        "ReportLanguageEnum": "reports.models.Language",
        "ActionStatusEnum": "reports.models.ActionStatus",
        "MeetingStatusEnum": "meetings.models.MeetingStatus",
        "AgendaStatusEnum": "meetings.models.AgendaStatus",
        "DraftStatusEnum": "roadmap.models.DraftStatus",
        "CommentStatusEnum": "roadmap.models.CommentStatus",
    },
}
