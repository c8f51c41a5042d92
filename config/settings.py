"""Madoguchi settings, read from the environment. They are the project's, not the kernel's: adding an
app means a line in INSTALLED_APPS here and one in config/urls.py, and nothing in portal/.

Development defaults need no configuration at all (SQLite, console e-mail, the local
Elasticsearch node). `DJANGO_ENV=production` switches on the deployment checks: a real
SECRET_KEY, HTTPS-only cookies, HSTS.
"""

import base64
import hashlib
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

PRODUCTION = env.str("DJANGO_ENV", default="development") == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "consultations",
    "cases",
    "knowhow",
    "procurement",
    "surveys",
    "events",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # Wagtail admin templates load it
    "django.forms",  # its widget templates, for FORM_RENDERER below
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.RequireMFAMiddleware",
    "portal.middleware.RememberLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

if PRODUCTION:
    # Static files from the web process itself (no CDN: LGWAN terminals cannot reach one).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "portal.context_processors.portal",
            ],
            "builtins": ["portal.templatetags.wareki"],
        },
    },
]

# Widgets render through the project's templates, so portal/templates can override Django's own: a select
# then renders its options inline rather than through two template includes per option (the queue's
# filters and bulk-assign list rendered some 200 includes a page).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run's server and task worker write at the same time: wait for the lock, let readers
    # read while one writes, and take the write lock at the start of a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))

# The database cache is shared by every web process: allauth's login rate limits count there.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
}

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "portal.backends.PortalAuthenticationBackend",
    "portal.backends.RoleAdminAccessBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ],
)

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail login, verified addresses, sign-up limited to registered domains.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "portal.account_forms.LoginForm",
    "signup": "portal.account_forms.SignupForm",
    "reset_password": "portal.account_forms.ResetPasswordForm",
}
ACCOUNT_SESSION_REMEMBER = False  # the idle timeout holds for everyone
# allauth's default rate limits count per client IP: behind the production proxy the real client
# address comes from X-Forwarded-For, trusting this many proxies.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[窓口] "
# Tell the owner by mail when the password, an address or a second factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_ADAPTER = "portal.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Madoguchi"
# TOTP secrets are encrypted at rest with this key (Fernet; a comma-separated list rotates keys:
# the first encrypts, all decrypt); it defaults to one derived
# from SECRET_KEY so that development needs no setting; production sets its own, so that
# rotating SECRET_KEY does not lock every advisor out.
if PRODUCTION:
    MFA_ENCRYPTION_KEY = env.str("MFA_ENCRYPTION_KEY")
else:
    MFA_ENCRYPTION_KEY = env.str(
        "MFA_ENCRYPTION_KEY",
        default=base64.urlsafe_b64encode(hashlib.sha256(("mfa:" + SECRET_KEY).encode()).digest()).decode(),
    )
USERSESSIONS_TRACK_ACTIVITY = True

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Idle timeout: a session not used for 30 minutes ends (shared terminals in town halls).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# Each page within the idle timeout keeps the session alive; saved at most once a minute
# (portal.middleware.SessionActivityMiddleware), not on every request.
SESSION_ACTIVITY_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Private files (attachments) live outside MEDIA_ROOT and are served only by permission-checked views.
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=BASE_DIR / "var" / "private")
# Uploads (portal.uploads), for every app: the size of one file, and per batch (a message and its
# files) how many files and how many bytes in all. The CONSULTATION_* names are the ones the desk
# had before the kernel took these over; a deployment that sets them keeps its limits.
UPLOAD_MAX_BYTES = env.int(
    "UPLOAD_MAX_BYTES", default=env.int("CONSULTATION_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
)
UPLOAD_MAX_FILES = env.int(
    "UPLOAD_MAX_FILES", default=env.int("CONSULTATION_ATTACHMENTS_MAX_FILES", default=10)
)
UPLOAD_MAX_TOTAL_BYTES = env.int(
    "UPLOAD_MAX_TOTAL_BYTES",
    default=env.int("CONSULTATION_ATTACHMENTS_MAX_TOTAL_BYTES", default=50 * 1024 * 1024),
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="madoguchi@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="http://127.0.0.1:9200")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="madoguchi")
# One shard suits up to tens of millions of small documents; replicas need a cluster of more than one node.
ELASTICSEARCH_SHARDS = env.int("ELASTICSEARCH_SHARDS", default=1)
ELASTICSEARCH_REPLICAS = env.int("ELASTICSEARCH_REPLICAS", default=0)
# Index tasks retry while the engine is down; the wait between attempts grows up to this many seconds.
SEARCH_RETRY_MAX_SECONDS = env.int("SEARCH_RETRY_MAX_SECONDS", default=60)
# Attachment text (search.extraction): a larger file is indexed by its name only; the text of one file
# is kept up to SEARCH_EXTRACT_MAX_CHARS; a parser still running after the timeout is killed.
SEARCH_EXTRACT_MAX_BYTES = env.int("SEARCH_EXTRACT_MAX_BYTES", default=20 * 1024 * 1024)
SEARCH_EXTRACT_MAX_CHARS = env.int("SEARCH_EXTRACT_MAX_CHARS", default=200_000)
SEARCH_EXTRACT_TIMEOUT_SECONDS = env.float("SEARCH_EXTRACT_TIMEOUT_SECONDS", default=30.0)
# All attachments of one document together: below the 1,000,000 characters a highlighter analyses.
SEARCH_ATTACHMENTS_MAX_CHARS = env.int("SEARCH_ATTACHMENTS_MAX_CHARS", default=500_000)

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

WAGTAIL_SITE_NAME = "窓口"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Wagtail sends people it turns away to its login URL, which portal/urls.py routes to allauth (or to a
# "no permission" page for someone already logged in, where allauth would bounce straight back).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Privacy by a shared password would let people in without an account, through a form that has no
# rate limit: pages and documents are private to logged-in users or groups only.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"password": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"password": False}
WAGTAILUSERS_PASSWORD_ENABLED = False

# Content Security Policy (django-csp 4). Pages load nothing from other hosts: municipal
# LGWAN terminals cannot reach CDNs, and a strict policy limits what injected HTML could do.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin uses inline scripts and styles it does not nonce; it gets its own policy.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load-balancer probes speak plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # __Host- cookies are only accepted over HTTPS, for path "/" and without a Domain.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The Elasticsearch transport logs every request at INFO, /healthz probes included.
        "elastic_transport": {"level": "WARNING"},
    },
}

# Shown to people whose e-mail domain is not registered, and in the footer.
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="madoguchi@example.jp")

# Wagtail would load avatars from gravatar.com, ask releases.wagtail.io for updates and show a
# banner of links to wagtail.org: no page may request another host (LGWAN terminals cannot).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# The consultation desk. SLA targets in business days (first response, resolution) per priority,
# e.g. CONSULTATION_SLA_URGENT=1,5.
CONSULTATION_SLA_DAYS = {
    "urgent": tuple(env.list("CONSULTATION_SLA_URGENT", cast=int, default=[1, 5])),
    "normal": tuple(env.list("CONSULTATION_SLA_NORMAL", cast=int, default=[3, 15])),
    "low": tuple(env.list("CONSULTATION_SLA_LOW", cast=int, default=[5, 30])),
}
CONSULTATION_SLA_DUE_SOON_DAYS = env.int("CONSULTATION_SLA_DUE_SOON_DAYS", default=1)
CONSULTATION_AUTO_CLOSE_DAYS = env.int("CONSULTATION_AUTO_CLOSE_DAYS", default=14)
CONSULTATION_REOPEN_DAYS = env.int("CONSULTATION_REOPEN_DAYS", default=30)
CONSULTATION_NO_CONTACT_MONTHS = env.int("CONSULTATION_NO_CONTACT_MONTHS", default=6)
# Exports of more rows than this are built by a background task and offered as a download when ready;
# smaller ones stream in the request. Built files are deleted after CONSULTATION_EXPORT_KEEP_DAYS.
CONSULTATION_EXPORT_SYNC_MAX_ROWS = env.int("CONSULTATION_EXPORT_SYNC_MAX_ROWS", default=20_000)
CONSULTATION_EXPORT_KEEP_DAYS = env.int("CONSULTATION_EXPORT_KEEP_DAYS", default=7)
# Background tasks: django-tasks-db neither retries nor recovers; portal/task_retry.py does both.
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=5)
TASK_RETRY_BASE_SECONDS = env.int("TASK_RETRY_BASE_SECONDS", default=30)
TASK_STUCK_AFTER_SECONDS = env.int("TASK_STUCK_AFTER_SECONDS", default=30 * 60)
