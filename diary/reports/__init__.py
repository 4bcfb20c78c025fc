"""What gets printed or exported."""

from diary.qt_workarounds import keep_none_alive

keep_none_alive()
