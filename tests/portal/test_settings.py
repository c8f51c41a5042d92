import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
MFA_KEY = Fernet.generate_key().decode()


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_ENV", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_passes_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="madoguchi.pref.example.jp",
        MFA_ENCRYPTION_KEY=MFA_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="madoguchi.pref.example.jp")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_cookies_are_secure_and_host_prefixed():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS > 0)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_ENV="production",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="madoguchi.pref.example.jp",
        MFA_ENCRYPTION_KEY=MFA_KEY,
    )
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "True"]
