"""The first-run page shown while the diary is empty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomeView(QWidget):
    """Offers the demo caseload or a case-file import to an officer with an empty diary."""

    load_demo = Signal()
    import_casefile = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """The welcome text and its two buttons."""
        super().__init__(parent)
        title = QLabel("Your diary is empty", self)
        title.setObjectName("welcomeTitle")
        text = QLabel(
            "Supervision Diary keeps your appointments, contact notes and enforcement counts "
            "for everyone you supervise, on this computer.\n\n"
            "To look around first, load a demo caseload of made-up people. "
            "To start for real, import a case file exported from another diary.",
            self,
        )
        text.setObjectName("welcomeText")
        text.setWordWrap(True)
        demo = QPushButton("Load the &demo caseload", self)
        demo.setObjectName("primary")
        demo.setAccessibleName("Load the demo caseload")
        demo.clicked.connect(self.load_demo.emit)
        importer = QPushButton("&Import a case file…", self)
        importer.setAccessibleName("Import a case file")
        importer.clicked.connect(self.import_casefile.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(demo)
        buttons.addWidget(importer)
        buttons.addStretch(1)
        box = QWidget(self)
        box.setFixedWidth(600)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        centred = QHBoxLayout()  # not an alignment flag: that sizes the box by its hint, clipping the wrapped text
        centred.addStretch(1)
        centred.addWidget(box)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)
        self.demo_button = demo
        self.import_button = importer

    def reload(self) -> None:
        """Nothing to read: the page says the same until the diary has people."""

    def selected_person(self) -> int | None:
        """No one is listed here."""
        return None

    def selected_appointment(self) -> int | None:
        """No appointments are listed here."""
        return None

    def focus_target(self) -> QWidget:
        """The demo button."""
        return self.demo_button
