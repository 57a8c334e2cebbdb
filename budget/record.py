"""A budget version as it is shown, and the adoption record that keeps an adopted version exactly so.

`BudgetView` is everything the page, the plan's budget block, the PDF and the workbook need of one version: its
title, sign habit, unit, columns, every line as it was (label, group, kind, position), every computed cell with
where it came from, the per-project rows, equity and the rule results. A draft's view is built live from the
database (budget/feeds.py); an adopted version's view is read back from the JSON stored at adoption
(`BudgetRecord.content`), so nothing edited later — lines, settings, projects, fees — can move it.

Pure functions: `to_content` and `from_content` only translate between the dataclasses and JSON-ready data.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field, replace

from budget.compute import Cell, ComputedBudget, ComputedLine, LineSpec
from budget.rules import Breach

# Bump when the content's shape changes; from_content reads every earlier shape it knows.
# 1: the first records. 2: adds the equity ceiling as at adoption, and keeps the per-project rows of every year
#    whether or not the project line shows them (schema 1 kept them only for a line that showed them).
SCHEMA = 2
READABLE = (1, 2)


@dataclass(frozen=True)
class ColumnSpec:
    year: int
    kind: str
    heading: str  # as printed, e.g. "Prognos 2009" or "Delår 2005"


@dataclass(frozen=True)
class SourceChange:
    """A fed figure of an adopted version that today's source would give differently (kronor, line's own sign)."""

    line: str
    year: int
    adopted: int | None
    today: int | None
    source: str  # the line's kind: member_fees, projects, carryover


@dataclass(frozen=True)
class CeilingSpec:
    """The equity ceiling of the plan year as it stood at adoption (budget/allocation.py computes it)."""

    year: int
    ceiling: int | None  # kronor; None when no ceiling was set
    rule: str | None  # "steps" (the staircase), "fixed" (the settings' single ceiling) or None


@dataclass
class BudgetView:
    title: str
    plan_year: int
    income_shown_negative: bool
    columns: list[ColumnSpec]
    computed: ComputedBudget
    opening_equity: int | None
    rule_results: list[Breach] = field(default_factory=list)
    rule_settings: dict[str, int | None] = field(default_factory=dict)
    revision_note: str = ""
    unit: str = "tkr"
    adopted_on: datetime.date | None = None
    reference: str = ""
    frozen: bool = False  # read from an adoption record
    # The equity ceiling kept in the record; None for a draft (the page computes it live) and for a record from
    # before ceilings were kept (then no ceiling is shown for it rather than today's).
    ceiling: CeilingSpec | None = None

    def column(self, year: int) -> ColumnSpec | None:
        return next((c for c in self.columns if c.year == year), None)

    def only(self, years: list[int]) -> "BudgetView":
        """The same view with only the columns of `years` (a plan may show part of a budget).

        Every figure stays as the view has it (an adopted version's from its record): only columns are left out.
        """
        wanted = set(years)
        if wanted >= {c.year for c in self.columns}:
            return self
        computed = replace(self.computed, years=[y for y in self.computed.years if y in wanted])
        return replace(self, columns=[c for c in self.columns if c.year in wanted], computed=computed)


def _cell(cell: Cell) -> dict:
    return {"value": cell.value, "source": cell.source, "fed_value": cell.fed_value}


def _years(mapping: dict) -> dict[str, object]:
    """JSON keys are strings; years are written as such and read back as int."""
    return {str(year): value for year, value in mapping.items()}


def to_content(view: BudgetView) -> dict:
    computed = view.computed
    return {
        "schema": SCHEMA,
        "title": view.title,
        "plan_year": view.plan_year,
        "income_shown_negative": view.income_shown_negative,
        "unit": view.unit,
        "columns": [{"year": c.year, "kind": c.kind, "heading": c.heading} for c in view.columns],
        "years": computed.years,
        "lines": [
            {
                "id": line.line.id,
                "name": line.line.name,
                "group": line.line.group,
                "kind": line.line.kind,
                "position": line.line.position,
                "first_year": line.line.first_year,
                "last_year": line.line.last_year,
                "show_project_breakdown": line.line.show_project_breakdown,
                "administration": line.line.administration,
                "cells": {str(year): _cell(cell) for year, cell in line.cells.items()},
            }
            for line in computed.lines
        ],
        "surplus": _years(computed.surplus),
        "carried_over": _years(computed.carried_over),
        "equity_start": _years(computed.equity_start),
        "equity_end": _years(computed.equity_end),
        "breakdown": {str(year): [list(row) for row in rows] for year, rows in computed.breakdown.items()},
        "opening_equity": view.opening_equity,
        "rule_settings": view.rule_settings,
        "rule_results": [
            {"rule": r.rule, "year": r.year, "amount": r.amount, "message": r.message}
            for r in view.rule_results
        ],
        "revision_note": view.revision_note,
        "adopted_on": view.adopted_on.isoformat() if view.adopted_on else None,
        "reference": view.reference,
        "ceiling": (
            {"year": view.ceiling.year, "ceiling": view.ceiling.ceiling, "rule": view.ceiling.rule}
            if view.ceiling
            else None
        ),
    }


def _int_keys(mapping: dict) -> dict[int, object]:
    return {int(year): value for year, value in mapping.items()}


def from_content(content: dict) -> BudgetView:
    schema = content.get("schema")
    if schema not in READABLE:
        raise ValueError(f"unknown adoption record schema {schema!r}")
    years = [int(y) for y in content["years"]]
    lines = []
    for item in content["lines"]:
        spec = LineSpec(
            id=item["id"],
            name=item["name"],
            group=item["group"],
            kind=item["kind"],
            first_year=item["first_year"],
            last_year=item["last_year"],
            show_project_breakdown=item["show_project_breakdown"],
            position=item["position"],
            administration=item["administration"],
        )
        cells = {int(year): Cell(**cell) for year, cell in item["cells"].items()}
        lines.append(ComputedLine(spec, cells))
    computed = ComputedBudget(
        years=years,
        lines=lines,
        surplus=_int_keys(content["surplus"]),
        carried_over=_int_keys(content["carried_over"]),
        equity_start=_int_keys(content["equity_start"]),
        equity_end=_int_keys(content["equity_end"]),
        breakdown={int(year): [tuple(row) for row in rows] for year, rows in content["breakdown"].items()},
    )
    if schema == 1 and not any(line.line.show_project_breakdown for line in lines):
        # Schema 1 kept the per-project rows only for a line that showed them: its empty lists mean "not
        # recorded", not "no projects", so nothing is compared with today's projects (budget/feeds.py).
        computed = replace(computed, breakdown={})
    adopted_on = content.get("adopted_on")
    ceiling = content.get("ceiling")  # absent in schema 1
    return BudgetView(
        title=content["title"],
        plan_year=content["plan_year"],
        income_shown_negative=content["income_shown_negative"],
        columns=[ColumnSpec(**column) for column in content["columns"]],
        computed=computed,
        opening_equity=content["opening_equity"],
        rule_results=[Breach(**result) for result in content["rule_results"]],
        rule_settings=content["rule_settings"],
        revision_note=content["revision_note"],
        unit=content["unit"],
        adopted_on=datetime.date.fromisoformat(adopted_on) if adopted_on else None,
        reference=content["reference"],
        frozen=True,
        ceiling=CeilingSpec(**ceiling) if ceiling else None,
    )


def canonical_json(content: dict) -> bytes:
    """The content as bytes that do not depend on dict order, for its SHA-256."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_sha256(content: dict) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()
