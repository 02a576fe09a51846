# What a resident writes into the suggestion box cannot become HTML, a
# script, a link or a heading in the documents consult exports: Markdown
# minutes and fund statements are rendered by two real Markdown renderers
# (Python-Markdown, as a website would, and cmark-gfm, GitHub's, with raw HTML
# allowed), the HTML exports are read as they are, and nothing live comes out;
# the text itself still reads as it was written. `verify --export` accepts
# every file.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

PY=/usr/bin/python3
command -v cmark-gfm >/dev/null || fail "cmark-gfm is not installed (make deps)"
"$PY" -c 'import markdown' || fail "python3-markdown is not installed (make deps)"

seed
TITLE='<script>alert(1)</script>屋顶漏水 *急*'
OPINION='# 假标题
[点我](javascript:alert(1)) ![图](javascript:alert(2)) <javascript:alert(3)>
<img src=x onerror=alert(1)>
| 伪 | 表 |
| --- | --- |
1. 列表 ~~删除~~ _斜_ `代码`
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">看</a> &lt;b&gt;
    缩进 <b>粗</b>'
NOTE='<script>alert("outcome")</script> [x]: javascript:alert(4)'
ok issue add --community heping --title "$TITLE" --body "$OPINION" --channel suggestion-box \
  --category facility-repair --place "3号楼" --raised-by 张小明 --raised-on 2026-11-12
ok issue accept 4
ok meeting plan --community heping --kind council --at "2026-11-26 19:30" --venue 社区议事厅 \
  --issue 4
export CONSULT_NOW="2026-11-26 21:00"
ok meeting note 1 --issue 4 --speaker 赵德明 --position for --text "$OPINION"
ok meeting outcome 1 --issue 4 --result site-inspection --note "$NOTE"
ok fund add --kind income --amount 500 --party '<b>张三</b>' --purpose "$OPINION" \
  --date 2026-11-20
export CONSULT_NOW="2026-11-27 09:00"

ok minutes export 1 --format md --out full.md
ok minutes export 1 --format md --public --out public.md
ok minutes export 1 --format html --out full.html
ok minutes export 1 --format html --public --out public.html
ok fund notice --community heping --period 2026-11 --format md --out fund.md
grep -qF '"renderer":5' full.md || fail "a new Markdown export does not name writer 5"
grep -qF '"renderer":5' full.html || fail "a new HTML export does not name writer 5 (people by recorded kind)"

# check FILE: the file (Markdown rendered both ways, or HTML as it is) has no
# script, no event handler, no image, no link but http(s) and mailto, no
# heading made from a resident's text, and every table row has its header's
# cells; and a resident's text reads as typed.
check() {
  "$PY" - "$1" <<'PYEOF' || fail "$1 is not safe"
import subprocess, sys
from html.parser import HTMLParser
import markdown

path = sys.argv[1]
source = open(path, encoding="utf-8").read()

class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.text, self.stack = [], [], []
        self.rows, self.cells = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed", "svg", "math", "form"):
            self.problems.append(f"<{tag}>")
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append(f"{k}= on <{tag}>")
            if k in ("href", "src", "action", "formaction") and v is not None:
                scheme = v.split(":", 1)[0].lower() if ":" in v else ""
                if scheme not in ("", "http", "https", "mailto"):
                    self.problems.append(f'{k}="{v}"')
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.stack.append(tag)
        if tag == "tr":
            self.cells = 0
        if tag in ("td", "th"):
            self.cells += 1
    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.stack:
            self.stack.pop()
        if tag == "tr":
            self.rows.append(self.cells)
    def handle_data(self, data):
        if self.stack and "假标题" in data and data.lstrip().startswith("假标题"):
            self.problems.append("a heading made of a resident's text")
        self.text.append(data)

def check(html, how):
    c = Check()
    c.feed(html)
    c.close()
    text = "".join(c.text)
    problems = list(c.problems)
    if "<script" in html.lower():
        problems.append("<script in the output")
    shown = ["[点我](javascript:alert(1))", "<img src=x onerror=alert(1)>", "| 伪 | 表 |",
             "~~删除~~", "_斜_", "`代码`", "&lt;b&gt;", "<b>粗</b>"]
    if "fund" not in path:
        shown.append("<script>alert(1)</script>屋顶漏水 *急*")
    for t in shown:
        if t not in text:
            problems.append(f"the text {t!r} does not read as typed")
    if problems:
        sys.exit(f"{path} ({how}): " + "; ".join(problems))

if path.endswith(".md"):
    check(markdown.markdown(source, extensions=["tables", "fenced_code", "attr_list"]),
          "Python-Markdown")
    gfm = subprocess.run(["cmark-gfm", "--unsafe", "-e", "table", "-e", "autolink",
                          "-e", "strikethrough"], input=source,
                         capture_output=True, text=True, check=True).stdout
    check(gfm, "cmark-gfm")
else:
    check(source, "HTML")
PYEOF
}
for f in full.md public.md full.html public.html fund.md; do
  check "$f"
  ok verify --export "$f"
  out_has "ok: '$f'"
done

# A table keeps its columns: the opinion's '|' stays in its cell.
"$PY" - full.md <<'PYEOF' || fail "a '|' in a cell broke the table"
import sys, markdown
html = markdown.markdown(open(sys.argv[1], encoding="utf-8").read(), extensions=["tables"])
rows = html.split("<tr>")[1:]
# The opinions' table: Speaker, Position, Opinion.
counts = [r.count("<td>") for r in rows if "伪" in r]
assert counts == [3], counts
PYEOF
echo ok
