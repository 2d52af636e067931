"""A run's summary: what it counted, and how it reads in the terminal and in the Prefect UI.

One list of rows (`summary_rows`) feeds both renderings, so the CLI's table
and the flow's artifact always show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table

from warehouse.load import BatchCounts


@dataclass(slots=True)
class RunSummary:
    """What a run did; etl_run stores it, the CLI prints it, the flow publishes it."""

    run_id: str
    status: str
    landing: str
    db: str
    files_seen: int = 0
    files_loaded: int = 0
    files_unchanged: int = 0
    files_duplicate: int = 0
    files_quarantined: int = 0
    articles_upserted: int = 0
    images: int = 0
    related_links: int = 0
    duration_s: float = 0.0
    message: str = ""

    @property
    def files_per_s(self) -> float:
        return self.files_seen / self.duration_s if self.duration_s else 0.0

    def add(self, counts: BatchCounts) -> None:
        self.files_loaded += counts.loaded
        self.files_unchanged += counts.unchanged
        self.files_duplicate += counts.duplicate
        self.files_quarantined += counts.quarantined
        self.articles_upserted += counts.articles_upserted
        self.images += counts.images
        self.related_links += counts.related_links

    def accounted(self) -> int:
        return (
            self.files_loaded + self.files_unchanged + self.files_duplicate + self.files_quarantined
        )

    def check_accounting(self) -> None:
        """Every file seen must end loaded, unchanged, duplicate or quarantined."""
        if self.accounted() != self.files_seen:
            self.status = "failed"
            self.message = (
                f"accounting mismatch: {self.accounted()} files accounted for, "
                f"{self.files_seen} seen"
            )

    def log_line(self) -> str:
        return (
            f"run {self.run_id} {self.status}: {self.files_seen} seen = "
            f"{self.files_loaded} loaded + {self.files_unchanged} unchanged + "
            f"{self.files_duplicate} duplicate + {self.files_quarantined} quarantined "
            f"in {self.duration_s:.2f} s ({self.files_per_s:.0f} files/s)"
        )


def summary_rows(s: RunSummary) -> list[tuple[str, str]]:
    """(what, value) rows; the per-outcome rows are indented under `files seen`."""
    counts = [
        ("files seen", s.files_seen),
        ("  loaded", s.files_loaded),
        ("  unchanged", s.files_unchanged),
        ("  duplicate", s.files_duplicate),
        ("  quarantined", s.files_quarantined),
        ("articles upserted", s.articles_upserted),
        ("images", s.images),
        ("related links", s.related_links),
    ]
    rows = [(name, f"{value:,}") for name, value in counts]
    rows.append(("duration", f"{s.duration_s:.2f} s"))
    rows.append(("throughput", f"{s.files_per_s:,.0f} files/s"))
    return rows


def summary_markdown(s: RunSummary) -> str:
    """The summary as the flow's markdown artifact."""
    table = "\n".join(f"| {name.strip()} | {value} |" for name, value in summary_rows(s))
    note = f"{s.message}\n\n" if s.message else ""
    return (
        f"# newsetl ingest: {s.status}\n\n"
        f"Landing `{s.landing}` -> warehouse `{s.db}`, run `{s.run_id}`\n\n"
        f"{note}| | |\n|---|---|\n{table}\n"
    )


def summary_table(s: RunSummary) -> Table:
    """The summary as the terminal table `newsetl run` prints."""
    title = f"newsetl run {s.run_id}"  # never wrapped: scripts read the run id from it
    table = Table(title=title, show_header=False, title_justify="left", min_width=len(title))
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in summary_rows(s):
        table.add_row(name, value)
    return table
