"""The Qt window: presents and dispatches, no rules of its own."""

from diary.qt_workarounds import keep_none_alive

keep_none_alive()
