#!/usr/bin/python3
"""Writes examples/suggestion-box.xlsx from examples/suggestion-box.csv the way
an office keeps the register: a merged title row, the header below it, real
date cells, phones as text. (Requires python3-openpyxl.)"""
import csv
import datetime
import os
import re

import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "suggestion-box.csv"), encoding="utf-8") as f:
    rows = list(csv.reader(f))
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "2026年11月"
ws.merge_cells("A1:H1")
ws["A1"] = rows[0][0]
ws.append(rows[1])
for r in rows[2:]:
    m = re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", r[0])
    cells = list(r)
    if m and re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", r[0]):
        cells[0] = datetime.date(int(m[1]), int(m[2]), int(m[3]))
    ws.append(cells)
    if isinstance(cells[0], datetime.date):
        ws.cell(row=ws.max_row, column=1).number_format = "yyyy/m/d"
wb.save(os.path.join(here, "suggestion-box.xlsx"))
