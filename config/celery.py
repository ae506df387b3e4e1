"""The Celery application. Configuration comes from Django settings (the CELERY_ prefix)."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("arena")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

FILESYSTEM_BROKER_FOLDERS = (
    "data_folder_in",
    "data_folder_out",
    "processed_folder",
    "control_folder",
)


def filesystem_broker_folders_create() -> None:
    """kombu's file-system transport needs its folders to exist, in a publishing process (any
    command that plans jobs) as much as in the worker; a no-op on other brokers."""
    if not app.conf.broker_url.startswith("filesystem"):
        return
    options = app.conf.broker_transport_options
    for key in FILESYSTEM_BROKER_FOLDERS:
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
