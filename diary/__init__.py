"""Supervision Diary: a probation officer's own diary and contact record."""

__version__ = "0.1.0"
APP_NAME = "Supervision Diary"
APP_ID = "supervision-diary"
