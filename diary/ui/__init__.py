"""The Qt window: presents and dispatches, no rules of its own."""

from diary.qt_workarounds import keep_constants_alive

keep_constants_alive()
