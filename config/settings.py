"""One settings module for every deployment, driven by environment variables (12-factor).

With no variables set, the project runs on the *embedded default*: SQLite, an in-memory channel
layer, a Celery broker on the local file system and media in ``var/``, so a laptop needs no
servers. Production sets ``ARENA_PRODUCTION=1`` plus ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL``
(Celery, Channels, cache), ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``. ``ARENA_PRODUCTION``
only changes *defaults* (secure cookies, HSTS, required secrets); every one of them can still be
set on its own. The README lists the variables.
"""

import secrets
from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# Everything the embedded default writes (database, broker queue, media, secret) lives here.
VAR_DIR = Path(env_str("ARENA_VAR_DIR") or BASE_DIR / "var")

PRODUCTION = env_bool("ARENA_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", False)


def _secret_key() -> str:
    if PRODUCTION:
        return env_required("DJANGO_SECRET_KEY", "production mode never invents a secret key")
    key = env_str("DJANGO_SECRET_KEY")
    if key:
        return key
    # The embedded default keeps a generated key in var/ so sessions survive restarts without
    # shipping a known key in the repository.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

if PRODUCTION:
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        env_required("DJANGO_ALLOWED_HOSTS", "production mode needs the public host names")
else:
    ALLOWED_HOSTS = env_list(
        "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"]
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "ninja",
    "arena",
    "generation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last on purpose: keeps the whole stack synchronous under ASGI (config/middleware.py).
    "config.middleware.SyncStackMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DATABASE_POOL", True
    ):
        # Under ASGI, Django advises against persistent connections; psycopg's pool gives the
        # reuse without the leaks, and it multiplies throughput (PITFALLS.md).
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2),
            "max_size": env_int("DATABASE_POOL_MAX", 20),
            "timeout": 10,
        }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "arena.sqlite3",
            # The web process and the worker share the file: without IMMEDIATE transactions and
            # WAL, read-then-write transactions fail with "database is locked" (PITFALLS.md).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis-backed services (optional) ----------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # In-memory layers do not cross processes: embedded pages poll instead (PITFALLS.md).
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery --------------------------------------------------------------------------------------
# The embedded broker is kombu's file-system transport: no server, but it deletes a message when
# it is read, so a killed worker loses its task; the database, not the broker, is the record of
# what must be generated (see generation/ and the README).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 4 * 3600)}
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Generation tasks go to one queue per model family (generation/queues.py names them); light
# tasks stay on Celery's default queue. A GPU worker takes `-Q gen.<family>,...`; a worker started
# without -Q (the embedded default) serves the default queue and every generation queue.
CELERY_TASK_ROUTES = ("generation.queues.route_task",)
GENERATION_QUEUE_PREFIX = env_str("GENERATION_QUEUE_PREFIX") or "gen."
# A running job whose worker has not finished it within its lease is presumed lost (killed, out of
# memory, machine gone) and is queued again, up to GENERATION_MAX_ATTEMPTS attempts. Keep the
# lease above the longest batch and below CELERY_VISIBILITY_TIMEOUT: GPU workers run --pool=solo,
# where Celery's own time limits are not enforced, so the lease is the limit that holds.
GENERATION_LEASE_SECONDS = env_int("GENERATION_LEASE_SECONDS", 3600)
# A queued job not started within this long is published again (its message may have been lost
# with a broker restart); a duplicate message is harmless: the job is claimed once.
GENERATION_QUEUED_LEASE_SECONDS = env_int("GENERATION_QUEUED_LEASE_SECONDS", 12 * 3600)
GENERATION_MAX_ATTEMPTS = env_int("GENERATION_MAX_ATTEMPTS", 3)
# Loaded pipelines a worker process keeps (least recently used ones are dropped).
GENERATION_PIPELINES_PER_WORKER = env_int("GENERATION_PIPELINES_PER_WORKER", 1)
# Every running worker also reconciles leases this often (0: only at start and from fill_pool).
GENERATION_RECONCILE_SECONDS = env_int("GENERATION_RECONCILE_SECONDS", 300)

# --- Sessions, security --------------------------------------------------------------------------
# Signed-cookie sessions hold only the rater's id: no database write per request.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_AGE = env_int("ARENA_SESSION_DAYS", 365) * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", PRODUCTION)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", PRODUCTION):
    # The proxy terminates TLS and says so in this header; without it every request looks like
    # plain HTTP and SECURE_SSL_REDIRECT loops.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "arena:battle"
LOGOUT_REDIRECT_URL = "arena:battle"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or VAR_DIR / "staticfiles")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
# Without collectstatic (the embedded default), WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", not PRODUCTION)
MEDIA_ROOT = Path(env_str("ARENA_MEDIA_ROOT") or VAR_DIR / "media")
# Media is never served under MEDIA_URL to raters: images go out through the arena's anonymous
# image view only. This prefix exists for the admin and researcher pages.
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not WHITENOISE_USE_FINDERS
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- The arena ------------------------------------------------------------------------------------
# A served battle accepts its vote for this long; older ones answer 410 Gone.
ARENA_BATTLE_TTL_SECONDS = env_int("ARENA_BATTLE_TTL_SECONDS", 30 * 60)
# Dotted path of the class that picks prompts and pairs (arena.matchmaking).
ARENA_BATTLE_POLICY = env_str("ARENA_BATTLE_POLICY") or "arena.matchmaking.UniformPolicy"
# Images go to raters re-encoded at one size, format and quality, with no metadata.
ARENA_DISPLAY_MAX_SIDE = env_int("ARENA_DISPLAY_MAX_SIDE", 1024)
ARENA_DISPLAY_QUALITY = env_int("ARENA_DISPLAY_QUALITY", 90)
# Serve battles only on these prompt suites (comma-separated names; unset: every suite), e.g. to
# run a rating campaign on one suite while the others stay in the database.
ARENA_SERVED_SUITES = tuple(
    name.strip() for name in (env_str("ARENA_SERVED_SUITES") or "").split(",") if name.strip()
)
# How long a process trusts its in-memory index of servable images before reading it again.
ARENA_POOL_INDEX_TTL_SECONDS = env_int("ARENA_POOL_INDEX_TTL_SECONDS", 5)

# Leaderboard pages hear of new votes at most this often.
ARENA_LIVE_DEBOUNCE_SECONDS = float(env_str("ARENA_LIVE_DEBOUNCE_SECONDS") or 2.0)

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL") or "INFO"},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
