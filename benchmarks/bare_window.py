"""The benchmark's baseline: a bare PySide6 process showing an empty main window, run as a script.

It reports the moment it is shown on standard error in the same words as the app's start-up hook
(`smoke: shown at <time> listing 0 people`), then quits. It is run by file path, not imported, so it
loads nothing of the diary's.
"""

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    """Show an empty main window, report when it is shown, and quit."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()

    def report() -> None:
        print(f"smoke: shown at {time.time():.6f} listing 0 people", file=sys.stderr, flush=True)
        app.quit()

    QTimer.singleShot(0, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
