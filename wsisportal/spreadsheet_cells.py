"""The cells of the portal's CSV and XLSX exports: stored text made printable, and never a formula.

A spreadsheet program takes a cell that begins with =, +, -, @, tab or carriage return for a formula
(OWASP, "CSV Injection"); a delegate's title "=HYPERLINK(...)" would run in the reader's Excel. So:
- CSV: such a string gets a leading apostrophe, which spreadsheet programs read as "this is text";
- XLSX: every string is written as a string cell (never a formula) and such a string also gets
  Excel's quotePrefix style, so it stays text when someone edits the cell. The value is unchanged.
Only strings are touched: numbers, dates and None pass as they are, so a negative amount stays a
number. Line feed counts as a formula start too, for the same reason as carriage return.
"""

from .text_rules import printable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _looks_like_formula(text):
    return text.startswith(FORMULA_START)


def csv_value(value):
    """One CSV field: None as empty, a string printable and neutralised, anything else unchanged."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = printable(value)
    return "'" + text if _looks_like_formula(text) else text


def csv_row(values):
    return [csv_value(v) for v in values]


def xlsx_cell(sheet, value):
    """One XLSX cell for `sheet` (normal or write-only): strings printable and never formulas;
    None stays None (an empty cell)."""
    from openpyxl.cell.cell import WriteOnlyCell

    if value is None:
        return None
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value)
    text = printable(value)
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    if _looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def xlsx_row(sheet, values):
    """A row for `sheet.append()`: every value a cell, so openpyxl infers no formula from any."""
    return [xlsx_cell(sheet, v) for v in values]
