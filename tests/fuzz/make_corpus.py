#!/usr/bin/python3
"""Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/TARGET/).

The seeds are small real inputs: the CSV conformance suite and the example
suggestion box in each encoding Excel saves, the example workbooks and the
import tests' workbooks (whole, and as their XML parts for the xlsx-parts
target), the example community file, dates in every form the import
accepts or refuses, and rule profiles. Run from the project's top:

    /usr/bin/python3 tests/fuzz/make_corpus.py

`make fuzz` grows the corpus in build-fuzz/; this script only writes the
seeds that are checked in and replayed by every `make test`.
"""
import glob
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(TOP, "tests", "fuzz", "corpus")
SPECTRUM = os.path.join(TOP, "..", "shared", "corpus", "csv-spectrum", "csvs")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# ---------------------------------------------------------------- csv
for path in sorted(glob.glob(os.path.join(SPECTRUM, "*.csv"))):
    put("csv", "spectrum-" + os.path.basename(path), read(path))
box = read(os.path.join(TOP, "examples", "suggestion-box.csv")).decode("utf-8")
put("csv", "box-utf8.csv", box)
put("csv", "box-bom.csv", b"\xef\xbb\xbf" + box.encode("utf-8"))
put("csv", "box-gb18030.csv", box.replace("\n", "\r\n").encode("gb18030"))
put("csv", "box-utf16.csv", box.replace(",", "\t").encode("utf-16"))
put("csv", "box-semicolon-sep.csv", "sep=;\n" + box.replace(",", ";"))
put("csv", "box-cr.csv", box.replace("\n", "\r"))
put("csv", "quoted-lines.csv",
    '日期,内容\n2026-11-02,"第一行\n第二行, 还有""引号"""\n2026-11-03,=HYPERLINK("x")\n')
put("csv", "unterminated.csv", '日期,内容\n2026-11-02,"没有结束的引号\n')

# ---------------------------------------------------------------- xlsx
def parts_text(path):
    """A workbook as the xlsx-parts target reads it: '@@ NAME' then the part."""
    out = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.endswith((".xml", ".rels")) and "theme" not in info.filename \
                    and "docProps" not in info.filename:
                out.append(b"@@ " + info.filename.encode() + b"\n" + z.read(info) + b"\n")
    return b"".join(out)


workbooks = [os.path.join(TOP, "examples", "suggestion-box.xlsx"),
             os.path.join(TOP, "tests", "fixtures", "libreoffice-register.xlsx")]
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["/usr/bin/python3", os.path.join(TOP, "tests", "fixtures", "make_xlsx.py"),
                    tmp], check=True)
    for path in sorted(glob.glob(os.path.join(tmp, "*.xlsx"))):
        if os.path.getsize(path) < 64 * 1024:
            workbooks.append(path)
    for path in workbooks:
        name = os.path.basename(path)
        put("xlsx", name, read(path))
        if not name.startswith("broken-csv"):
            try:
                put("xlsx-parts", name.replace(".xlsx", ".txt"), parts_text(path))
            except zipfile.BadZipFile:
                pass

# ---------------------------------------------------------------- toml
for path in sorted(glob.glob(os.path.join(TOP, "examples", "communities", "*.toml"))):
    put("toml", os.path.basename(path), read(path))
put("toml", "minimal.toml", 'id = "a"\nname = "A"\n[council]\nname = "C"\n')
put("toml", "bad-type.toml", 'id = 7\nname = "A"\n')

# ---------------------------------------------------------------- date
dates = ["2024-05-16", "2024/5/16", "2024.5.16", "2024年5月16日", "2024年5月16日 14:30",
         "2024-05-16 14:30:05", "2024-05-16T09:05", "20240516", "45428", "45428.5", "0", "60",
         "2024-02-30", "13/13/2024", "05/06/2024", "2024-5-16 25:00", " 2024-05-16 ", "1899-12-31",
         "2200-12-31", "２０２４年５月１６日", "2024年05月16号", "-1", "1e9", "nan"]
for d in dates:
    put("date", hashlib.sha1(d.encode()).hexdigest()[:12], d)

# ---------------------------------------------------------------- profile
profiles = {
    "council-vote.toml": '[rules.profiles.council-vote]\nlabel = "议事会表决"\nquorum = "2/3"\n'
                         'threshold = "1/2"\nthreshold_of = "present"\nthreshold_inclusive = false\n',
    "decimal.toml": '[rules.profiles.half]\nlabel = "Half"\nquorum = 0.5\nquorum_inclusive = false\n'
                    'threshold = 0.5\nthreshold_of = "cast"\n',
    "members.toml": '[rules.profiles.all]\nlabel = "All"\nquorum = "1/1"\nthreshold = "1/1"\n'
                    'threshold_of = "members"\nthreshold_inclusive = true\n',
    "require.toml": '[rules]\nnotice_days = 7\nrequire_present = [{ seat = "women", min = 1 }]\n'
                    '[rules.profiles.council-vote]\nlabel = "议事会表决"\nquorum = "2/3"\n'
                    'threshold = "1/2"\n[rules.defaults]\ncouncil = "council-vote"\n',
    "zero.toml": '[rules.profiles.none]\nlabel = "None"\nquorum = "0/1"\nthreshold = "0"\n',
}
for name, text in profiles.items():
    put("profile", name, text)

print("corpus written to", CORPUS, file=sys.stderr)
