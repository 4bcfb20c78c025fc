"""What gets printed or exported."""

from diary.qt_workarounds import keep_constants_alive

keep_constants_alive()
