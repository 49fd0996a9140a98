"""Totals of the resource impact of a draft: per Action Line, per year and per funding source.

Pure functions over rows whose `resources` are prefetched. A missing figure counts as zero;
rows with no amount at all are listed so the reader sees what is not yet estimated.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import FundingSource, related

SOURCES = FundingSource.values  # regular, extra


@dataclass
class Figures:
    staff_months: Decimal = Decimal("0")
    amount: int = 0

    def add(self, estimate):
        self.staff_months += estimate.staff_months or Decimal("0")
        self.amount += estimate.amount or 0

    @property
    def amount_display(self):
        return f"{self.amount:,}".replace(",", "\u00a0")


@dataclass
class Split:
    """Figures per funding source and their sum."""

    by_source: dict = field(default_factory=lambda: {s: Figures() for s in SOURCES})

    def add(self, estimate):
        self.by_source[estimate.source].add(estimate)

    @property
    def regular(self):
        return self.by_source[FundingSource.REGULAR]

    @property
    def extra(self):
        return self.by_source[FundingSource.EXTRA]

    @property
    def total(self):
        return Figures(
            staff_months=sum((f.staff_months for f in self.by_source.values()), Decimal("0")),
            amount=sum(f.amount for f in self.by_source.values()),
        )


@dataclass
class Totals:
    by_action_line: list  # [(action_line, Split)] in Action Line order, only lines with rows
    by_year: list  # [(year, Split)] ascending
    overall: Split
    rows_without_amounts: list


def compute_totals(rows):
    lines, years, overall, without = {}, {}, Split(), []
    for row in rows:
        line = lines.setdefault(row.action_line.code, (row.action_line, Split()))[1]
        estimates = list(related(row, "resources"))
        if not any(e.amount for e in estimates):
            without.append(row)
        for estimate in estimates:
            line.add(estimate)
            years.setdefault(estimate.year, Split()).add(estimate)
            overall.add(estimate)
    by_line = sorted(lines.values(), key=lambda pair: pair[0].position)
    return Totals(by_line, sorted(years.items()), overall, without)
