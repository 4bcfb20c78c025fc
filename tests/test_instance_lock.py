"""One running app per data directory, stale locks never block, and warnings for shared or synced folders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diary.services.diary_file import Diary
from diary.services.storage import storage_warning_once
from diary.store.instance_lock import (
    AlreadyRunning,
    InstanceLock,
    cloud_service,
    filesystem_type,
    is_network_filesystem,
    storage_warning,
)
from diary.ui.app import make_application
from diary.ui.main_window import MainWindow
from diary.ui.single_instance import SingleInstance

HELPERS = Path(__file__).parent / "helpers"
REPO = Path(__file__).resolve().parents[1]
MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
server:/export/home /home/officer/shared nfs4 rw,relatime 0 0
//fileserver/team /mnt/team\\040drive cifs rw 0 0
/dev/vdb /home ext4 rw 0 0
"""


@pytest.fixture
def holder(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """A separate process that holds the lock on data_dir."""
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / "hold_lock.py"), str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_a_second_process_cannot_take_the_lock_and_a_killed_holder_leaves_no_stale_lock(
    data_dir: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(AlreadyRunning, match="already open on the diary"):
        InstanceLock(data_dir).acquire()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (data_dir / "diary.lock").read_text().strip() == str(holder.pid)
    lock = InstanceLock(data_dir).acquire()
    assert lock.held
    assert (data_dir / "diary.lock").read_text().strip() == str(os.getpid())
    lock.release()


def test_the_lock_is_exclusive_within_a_process_too_and_can_be_taken_again_after_release(data_dir: Path) -> None:
    with InstanceLock(data_dir) as first:
        assert first.held
        assert not InstanceLock(data_dir).try_acquire()
    assert not first.held
    second = InstanceLock(data_dir)
    assert second.try_acquire()
    second.release()


def test_synced_cloud_folders_are_recognised_by_their_names() -> None:
    assert cloud_service(PureWindowsPath(r"C:\Users\sam\OneDrive - Probation Service\diary")) == "OneDrive"
    assert cloud_service(PurePosixPath("/home/sam/Dropbox/diary")) == "Dropbox"
    assert cloud_service(PurePosixPath("/Users/sam/Library/CloudStorage/GoogleDrive-sam@x.org/My Drive")) is not None
    assert cloud_service(PurePosixPath("/Users/sam/Library/Mobile Documents/com~apple~CloudDocs")) == "iCloud Drive"
    assert cloud_service(PurePosixPath("/home/sam/.local/share/supervision-diary")) is None
    assert cloud_service(PurePosixPath("/home/sam/dropboxes-of-paper")) is None


def test_network_file_systems_are_found_from_proc_mounts() -> None:
    assert filesystem_type(PurePosixPath("/home/officer/shared/diary"), MOUNTS) == "nfs4"
    assert filesystem_type(PurePosixPath("/mnt/team drive/diary"), MOUNTS) == "cifs"
    assert filesystem_type(PurePosixPath("/home/officer/diary"), MOUNTS) == "ext4"
    assert filesystem_type(PurePosixPath("/home/officer/sharedness"), MOUNTS) == "ext4"
    assert is_network_filesystem("nfs4") and is_network_filesystem("fuse.sshfs")
    assert not is_network_filesystem("ext4") and not is_network_filesystem(None)


def test_storage_warning_speaks_plainly_and_only_when_it_applies(tmp_path: Path) -> None:
    local = storage_warning(tmp_path / "diary", "/dev/vda / ext4 rw 0 0\n")
    assert local is None
    network = storage_warning(Path("/home/officer/shared/diary"), MOUNTS)
    assert network and "network drive (nfs4)" in network and "on this computer" in network
    synced = storage_warning(tmp_path / "Dropbox" / "diary", "/dev/vda / ext4 rw 0 0\n")
    assert synced and "synced by Dropbox" in synced


def test_the_storage_warning_is_given_once_per_folder(tmp_path: Path) -> None:
    from diary.services.diary_file import open_diary

    diary = open_diary(tmp_path / "OneDrive" / "diary")
    try:
        first = storage_warning_once(diary, "/dev/vda / ext4 rw 0 0\n")
        assert first and "OneDrive" in first
        assert storage_warning_once(diary, "/dev/vda / ext4 rw 0 0\n") is None
    finally:
        diary.close()


def test_a_second_launch_brings_the_first_window_forward_and_exits_cleanly(
    qtbot: QtBot, diary: Diary, data_dir: Path
) -> None:
    make_application()
    instance = SingleInstance(data_dir)
    assert instance.claim()
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.showMinimized()
    instance.activated.connect(lambda: window.setWindowState(Qt.WindowState.WindowActive))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with qtbot.waitSignal(instance.activated, timeout=20000):
        second = subprocess.Popen(
            [sys.executable, "-m", "diary", "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
    _, err = second.communicate(timeout=60)
    instance.release()
    assert second.returncode == 0
    assert "already open" in err and "brought to the front" in err
    assert not window.isMinimized()
