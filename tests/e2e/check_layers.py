#!/usr/bin/env python3
"""The layering rules of consult, checked mechanically (docs/architecture.md):

1. cmd/ holds no SQL: no string literal that is an SQL statement, and no call
   of a ledger's raw connection (`.db()`).
2. lib/ never prints and never changes process-wide state: no standard output
   or error (std::cout, printf, stdout, ...), no environment, time-zone,
   locale or text-domain changes (setenv, tzset, setlocale, ...).
3. No include cycle among lib/ modules. A module is a public header
   lib/include/consult/X.hpp with lib/X.cpp, and the internal files that work
   in its namespace (lib/projection.cpp is in consult::ledger: module ledger).

Prints one line per violation, `file:line: rule: what`, and exits 1 if there
is any.

    python3 tests/e2e/check_layers.py [SOURCE_DIR]
"""

import os
import re
import sys

# ------------------------------------------------------------- C++ scanning


def scan(text):
    """Splits C++ source into code and string literals. Returns (code, strings):
    `code` is the text with comments and literals blanked (line breaks kept,
    so offsets give the same line numbers); `strings` lists (line, body) of
    each string literal, raw strings included."""
    code = []
    strings = []
    i, n, line = 0, len(text), 1

    def blank(s):
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            code.append(blank(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            code.append(blank(text[i:j]))
            line += text.count("\n", i, j)
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) \
                or (c in "uUL8" and re.match(r'(u8|u|U|L)R"', text[i:i + 4]) and
                    (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"))):
            q = text.index('"', i)
            paren = text.find("(", q)
            delim = text[q + 1:paren]
            end = text.find(")" + delim + '"', paren)
            end = n if end < 0 else end
            strings.append((line, text[paren + 1:end]))
            j = min(n, end + len(delim) + 2)
            code.append(blank(text[i:j]))
            line += text.count("\n", i, j)
            i = j
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):
            # A string or character literal (a digit separator such as
            # 1'000 follows an alphanumeric character and is not one).
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + 1)
            if c == '"':
                strings.append((line, text[i + 1:j - 1]))
            code.append(c + " " * (j - i - 2) + c if j - i >= 2 else blank(text[i:j]))
            i = j
        else:
            if c == "\n":
                line += 1
            code.append(c)
            i += 1
    return "".join(code), strings


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def sources(root, top):
    for base, dirs, files in os.walk(os.path.join(root, top)):
        dirs.sort()
        for f in sorted(files):
            if f.endswith((".cpp", ".hpp", ".h", ".cc")):
                path = os.path.join(base, f)
                yield os.path.relpath(path, root), open(path, encoding="utf-8").read()


# ------------------------------------------------------------- rule 1: cmd/

# SQL statements as they start in a literal: keywords in capitals, followed by
# what makes them a statement (SELECT … FROM, INSERT INTO, …). Prose such as
# "SELECTION" or "update the issue" does not match.
SQL = re.compile(
    r"\b(?:SELECT\b[\s\S]*?\bFROM\b|SELECT\s+(?:count|max|min|sum|1|\*)"
    r"|INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b|REPLACE\s+INTO\b|UPDATE\s+\w+\s+SET\b"
    r"|DELETE\s+FROM\b|CREATE\s+(?:TEMP\s+|TEMPORARY\s+|UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b"
    r"|DROP\s+(?:TABLE|INDEX|VIEW|TRIGGER)\b|ALTER\s+TABLE\b|PRAGMA\s+\w+"
    r"|BEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)\b|WITH\s+(?:RECURSIVE\s+)?\w+\s*(?:\([^)]*\))?\s+AS\s*\()")
RAW_DB = re.compile(r"(?:\.|->)\s*db\s*\(\s*\)")


def check_cmd(root):
    out = []
    for path, text in sources(root, "cmd"):
        code, strings = scan(text)
        for line, body in strings:
            m = SQL.search(body)
            if m:
                out.append(f"{path}:{line}: no SQL in cmd/: the literal holds SQL "
                           f"('{m.group(0)[:40]}'); give the library a function for it")
        for m in RAW_DB.finditer(code):
            out.append(f"{path}:{line_of(code, m.start())}: no SQL in cmd/: a call of the "
                       f"ledger's raw connection (db()); give the library a function for it")
    return out


# ------------------------------------------------------------- rule 2: lib/

PRINTS = re.compile(
    r"\bstd\s*::\s*(?:w?cout|w?cerr|w?clog)\b|\b(?:stdout|stderr|STDOUT_FILENO|STDERR_FILENO)\b"
    r"|\b(?:printf|vprintf|puts|putchar|perror)\s*\(|\bfmt\s*::\s*v?print\s*\(")
PROCESS_STATE = re.compile(
    r"\b(?:setenv|putenv|unsetenv|clearenv|tzset|setlocale|uselocale|textdomain|bindtextdomain"
    r"|bind_textdomain_codeset)\s*\(|\bstd\s*::\s*locale\s*::\s*global\b")


def check_lib(root):
    out = []
    for path, text in sources(root, "lib"):
        code, _ = scan(text)
        for m in PRINTS.finditer(code):
            out.append(f"{path}:{line_of(code, m.start())}: lib/ never prints: "
                       f"'{m.group(0).strip()}' writes to standard output or error; return "
                       f"the text and let cmd/ write it")
        for m in PROCESS_STATE.finditer(code):
            name = re.sub(r"\s", "", m.group(0)).rstrip("(")
            out.append(f"{path}:{line_of(code, m.start())}: lib/ never changes process-wide "
                       f"state: '{name}'; take the value as a parameter (a Session field) and "
                       f"leave the set-up to the program")
    return out


# ------------------------------------------------------------- rule 3: cycles

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
NAMESPACE = re.compile(r"^namespace\s+consult::(\w+)", re.M)


def module_graph(root):
    """Modules of lib/ and the include arrows between them: {module: {target:
    (file, line, header)}}."""
    public = os.path.join(root, "lib", "include", "consult")
    modules = {f[:-4] for f in os.listdir(public) if f.endswith(".hpp")}
    files = list(sources(root, "lib"))

    def module_of(path, text):
        stem = os.path.splitext(os.path.basename(path))[0]
        if stem in modules:
            return stem
        ns = NAMESPACE.search(text)
        if ns and ns.group(1) in modules:
            return ns.group(1)
        return stem

    internal = {}
    for path, text in files:
        if os.path.dirname(path) == "lib" and path.endswith(".hpp"):
            internal[os.path.basename(path)] = module_of(path, text)
    graph = {}
    for path, text in files:
        src = module_of(path, text)
        graph.setdefault(src, {})
        for m in INCLUDE.finditer(text):
            inc = m.group(1)
            if inc.startswith("consult/") and inc.endswith(".hpp"):
                dst = inc[len("consult/"):-4]
            elif inc in internal:
                dst = internal[inc]
            else:
                continue
            if dst != src and dst not in graph[src]:
                graph[src][dst] = (path, line_of(text, m.start()), inc)
    return graph


def components(graph):
    """Strongly connected components (Tarjan), each as a sorted list."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def cycle_in(graph, comp):
    """One cycle through the first module of `comp`, as a list of modules."""
    start, members = comp[0], set(comp)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph.get(v, {})):
            if w == start:
                return paths[v] + [start]
            if w in members and w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    return comp + [start]


def check_cycles(root):
    graph = module_graph(root)
    out = []
    for comp in components(graph):
        if len(comp) < 2:
            continue
        cycle = cycle_in(graph, comp)
        arrows = []
        for a, b in zip(cycle, cycle[1:]):
            path, line, inc = graph[a][b]
            arrows.append(f"{path}:{line}: {a} includes {inc}")
        first = graph[cycle[0]][cycle[1]]
        out.append(f"{first[0]}:{first[1]}: no include cycle among lib/ modules: "
                   f"{' -> '.join(cycle)} (modules in the cycle: {', '.join(comp)})")
        out.extend(f"  {a}" for a in arrows)
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    problems = check_cmd(root) + check_lib(root) + check_cycles(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
