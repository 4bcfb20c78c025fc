"""A team of four on one test server: officers A and B, a duty officer D and a senior S, each with a login."""

from __future__ import annotations

import itertools
import os
from datetime import date
from pathlib import Path

from sqlalchemy import make_url

from diary.services.diary_file import Diary, open_team_diary
from diary.services.team_setup import Member, set_up_team
from tests.helpers.pg_cluster import Cluster

_numbers = itertools.count(1)


class Team:
    """A team diary on the test cluster with officers A and B, a duty officer D and a senior S."""

    def __init__(self, cluster: Cluster, admin_url: str, root: Path) -> None:
        n = f"{os.getpid()}_{next(_numbers)}"
        self.cluster, self.root = cluster, root
        self.database = make_url(admin_url).database or ""
        self.roles = {k: f"{k}_{n}" for k in ("a", "b", "d", "s")}
        self.admin_url = admin_url
        self.report = set_up_team(admin_url, [
            Member(self.roles["a"], "Alex Able"),
            Member(self.roles["b"], "Bo Baker"),
            Member(self.roles["d"], "Dee Duty"),
            Member(self.roles["s"], "Sal Senior", senior=True),
        ])
        self.opened: list[Diary] = []

    def open(self, who: str) -> Diary:
        """The team diary as one of them, over the unix socket."""
        diary = open_team_diary(self.cluster.url(self.database, self.roles[who]), self.root / who)
        self.opened.append(diary)
        return diary

    def today(self) -> date:
        """The server's today (the policies use it)."""
        with self.cluster.admin(self.database) as conn:
            return conn.execute("SELECT current_date").fetchone()[0]

    def close(self) -> None:
        """Close every diary and remove the roles (they belong to the whole cluster)."""
        for diary in self.opened:
            diary.close()
        with self.cluster.admin(self.database) as conn:
            for role in self.roles.values():
                conn.execute(f'DROP OWNED BY "{role}"')
        self.cluster.drop_database(self.database)
        with self.cluster.admin() as conn:
            for role in self.roles.values():
                conn.execute(f'DROP ROLE "{role}"')
