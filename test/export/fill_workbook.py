"""Fill a tickmark workbook as a person would, with openpyxl (not exceljs, not tickmark): find each
cell by what the sheet shows — a labelled row (Lead: "Prepared by"), or a table's row and column
by their header texts ("#" = 3, column "H (manual)") — and type the value. Usage:
fill_workbook.py IN.xlsx OUT.xlsx EDITS.json, where EDITS is a list of
{"sheet", "label" | ("row": {header: value}, "column": header), "value", "date"?}, or
{"sheet", "delete": {header: value}} to delete the table row showing those values."""
import datetime
import json
import sys
import warnings

import openpyxl

warnings.simplefilter("ignore")


def find_table(ws, headers):
    for row in ws.iter_rows():
        texts = [c.value for c in row]
        if all(h in texts for h in headers):
            return row[0].row, {c.value: c.column for c in row if c.value is not None}
    raise SystemExit(f"{ws.title}: no header row with {headers}")


def row_of(ws, where):
    header_row, columns = find_table(ws, list(where))
    for r in range(header_row + 1, ws.max_row + 1):
        if all(ws.cell(row=r, column=columns[h]).value == v for h, v in where.items()):
            return r
    raise SystemExit(f"{ws.title}: no row with {where}")


def target(ws, edit):
    if "label" in edit:
        for row in ws.iter_rows():
            if row[0].value == edit["label"]:
                return ws.cell(row=row[0].row, column=2)
        raise SystemExit(f"{ws.title}: no row labelled {edit['label']!r}")
    where = edit["row"]
    _, columns = find_table(ws, list(where) + [edit["column"]])
    return ws.cell(row=row_of(ws, where), column=columns[edit["column"]])


book = openpyxl.load_workbook(sys.argv[1])
for edit in json.load(open(sys.argv[3])):
    if "delete" in edit:
        ws = book[edit["sheet"]]
        ws.delete_rows(row_of(ws, edit["delete"]))
        continue
    cell = target(book[edit["sheet"]], edit)
    value = edit["value"]
    if edit.get("date"):
        value = datetime.datetime.strptime(value, "%Y-%m-%d")
        cell.number_format = "yyyy-mm-dd"
    cell.value = value
book.save(sys.argv[2])
