"""Independent reader for the workbook tests: openpyxl (not exceljs) dumps what a spreadsheet
program would see — sheet states, every formula cell, the Sample detail sheet's cells (every source column) with their types,
its data validations — as JSON on stdout."""
import json
import sys
import warnings

import openpyxl

warnings.simplefilter("ignore")  # openpyxl warns about the data-bar extension it does not read


def plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ")
    return value


book = openpyxl.load_workbook(sys.argv[1])
out = {
    "sheets": [[ws.title, ws.sheet_state] for ws in book.worksheets],
    "formulas": [],
    "matrix": [],
    "validations": {},
    "types": {},
}
for ws in book.worksheets:
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                out["formulas"].append([ws.title, cell.coordinate, str(cell.value)])
    out["validations"][ws.title] = [
        [str(dv.sqref), dv.type, dv.formula1] for dv in ws.data_validations.dataValidation
    ]

matrix = book["Sample detail"]
header_row = matrix.freeze_panes and int("".join(ch for ch in matrix.freeze_panes if ch.isdigit())) - 1
headers = [c.value for c in matrix[header_row]]
for row in matrix.iter_rows(min_row=header_row + 1):
    if row[0].value is None:
        break
    out["matrix"].append({h: [plain(c.value), type(c.value).__name__, c.data_type] for h, c in zip(headers, row) if h})
lead = book["Lead"]
for row in lead.iter_rows():
    if row[0].value in ("Period start", "Period end", "Generated at"):
        out["types"][row[0].value] = type(row[1].value).__name__
json.dump(out, sys.stdout, ensure_ascii=False)
