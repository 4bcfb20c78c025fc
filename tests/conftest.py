"""Shared fixtures: offscreen Qt and a throwaway data directory for every test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
