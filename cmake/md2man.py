#!/usr/bin/python3
"""Writes a manual page from one of consult's Markdown documents, so that the
page and the document are one source (the build makes consult.toml(5) from
docs/configuration.md).

    md2man.py DOC.md NAME SECTION "ONE-LINE DESCRIPTION" VERSION > NAME.SECTION

What the documents use is what it knows: headings, paragraphs, fenced code,
pipe tables (through tbl), bullet lists, `code`, **bold** and [links](…).
"""
import re
import sys


def inline(text):
    text = text.replace("\\", "\\e")
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    text = text.replace("-", "\\-")
    return text


def line_safe(text):
    return "\\&" + text if text.startswith((".", "'")) else text


def convert(md, name, section, what, version):
    out = ["'\\\" t", f'.TH {name.upper()} {section} "" "consult {version}" "consult manual"',
           ".ad l", ".SH NAME", f"{name} \\- {inline(what)}"]
    lines = md.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            out.append(".PP")
            out.append(line_safe(inline(" ".join(para))))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            out += [".PP", ".RS 4", ".nf"]
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                out.append(line_safe(lines[i].replace("\\", "\\e").replace("-", "\\-")))
                i += 1
            out += [".fi", ".RE"]
        elif line.startswith("# "):
            flush()
            out += [".SH DESCRIPTION", line_safe(inline(line[2:]))]
        elif line.startswith("## "):
            flush()
            out.append(f'.SH "{inline(line[3:]).upper()}"')
        elif line.startswith("### "):
            flush()
            out.append(f'.SS "{inline(line[4:])}"')
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            i -= 1
            width = max(len(r) for r in rows)
            out += [".TS", "allbox tab(\t);", " ".join(["lb"] * width),
                    " ".join(["l"] * (width - 1) + ["lx"]) + "."]
            for n, r in enumerate(rows):
                r = r + [""] * (width - len(r))
                out.append("\t".join("T{\n" + line_safe(inline(c)) + "\nT}" for c in r))
            out.append(".TE")
        elif line.startswith("- "):
            flush()
            item = [line[2:]]
            while i + 1 < len(lines) and lines[i + 1].startswith("  ") and lines[i + 1].strip():
                i += 1
                item.append(lines[i].strip())
            out += [".IP \\(bu 2", line_safe(inline(" ".join(item)))]
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()
    out += [".SH \"SEE ALSO\"", ".BR consult (1)"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    doc, name, section, what, version = sys.argv[1:6]
    with open(doc, encoding="utf-8") as f:
        sys.stdout.write(convert(f.read(), name, section, what, version))
