#include "consult/document.hpp"

#include "consult/clock.hpp"
#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/ledger.hpp"

#include <fmt/format.h>
#include <minizip/zip.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace consult::document {

using nlohmann::json;
using Kind = Block::Kind;

namespace {

constexpr const char* kStampOpen = "<!-- consult-export: ";
constexpr const char* kStampClose = " -->";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  std::size_t at = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
  }
  return s;
}

} // namespace

std::string escape_xml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      // Control characters are not allowed in XML 1.0; a line break is
      // written by the caller.
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
        out += ' ';
      else
        out += c;
    }
  }
  return out;
}

std::string markdown_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '~':
      out += "&#126;";
      break;
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '|':
      out += '\\';
      out += c;
      break;
    default:
      out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

namespace {

// Markdown writer 1 wrote text as it was; kept to make files it wrote again
// for `verify --export`, never for new documents.
std::string md1_cell(const std::string& s) {
  return replace_all(replace_all(replace_all(s, "\\", "\\\\"), "|", "\\|"), "\n", "<br>");
}

std::string md1_text(const std::string& s) {
  // A line starting like a heading, list or quote would change meaning.
  std::string out;
  std::istringstream in(s);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!first) out += "  \n";
    first = false;
    if (!line.empty() && (line[0] == '#' || line[0] == '>' || line[0] == '-' || line[0] == '*' ||
                          line[0] == '+' || line[0] == '|'))
      out += '\\';
    out += line;
  }
  return out;
}

// Markdown writer 2. Which character is written how is chosen by what every
// renderer shows as the character itself: backslash escapes of `\ ` * _ [ ]
// { } # + - . )` and `|` work everywhere (the last in tables too); `<`, `>`,
// `&` become entities (Python-Markdown has no backslash escape for `<`),
// and so do `~` (strikethrough in GitHub's, subscript in pandoc) and a
// line's leading `=` (a heading's underline), which Python-Markdown would
// show with their backslash.

/// A line of text: markdown_text() after what would make the line a list
/// item, a heading's underline or a code block.
std::string md_line(std::string_view line) {
  // Indentation would make a code block, which shows the escapes as typed.
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
    line.remove_prefix(1);
  std::string out;
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9')
    ++digits;
  if (!line.empty() && (line.front() == '-' || line.front() == '+')) {
    out += '\\';
    out += line.front();
    line.remove_prefix(1);
  } else if (!line.empty() && line.front() == '=') {
    out += "&#61;";
    line.remove_prefix(1);
  } else if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
    out.append(line.substr(0, digits));
    out += '\\';
    out += line[digits];
    line.remove_prefix(digits + 1);
  }
  return out + markdown_text(line);
}

/// Lines of text, each kept on its line (a hard line break between them).
std::string md_lines(std::string_view s) {
  std::string out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    if (start > 0) out += "  \n";
    out += md_line(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// A table cell or a field: its lines joined by `<br>`, consult's own HTML.
std::string md_cell(std::string_view s) {
  std::string out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    if (start > 0) out += "<br>";
    out += markdown_text(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string html_text(const std::string& s) {
  return replace_all(escape_xml(s), "\n", "<br>");
}

} // namespace

json Stamp::to_json() const {
  json j = {{"kind", kind}, {"subject", subject}, {"format", format}, {"public", is_public},
            {"at", at},     {"seq", seq},         {"hash", hash}};
  // Writer 1 is written as no member at all, as it was before versions.
  const int version = renderer != 0 ? renderer : renderer_version(format);
  if (version != 1) j["renderer"] = version;
  return j;
}

std::optional<Stamp> Stamp::from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  try {
    Stamp s;
    s.kind = j.at("kind").get<std::string>();
    s.subject = j.at("subject").get<std::string>();
    s.format = j.at("format").get<std::string>();
    s.is_public = j.at("public").get<bool>();
    s.at = j.at("at").get<std::string>();
    // The time consult wrote: RFC 3339 with an offset, and nothing else (the
    // footer prints it; any other text would be made to verify).
    static const std::regex kTime(
        R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))");
    if (!std::regex_match(s.at, kTime) || !clock::parse_date(s.at.substr(0, 10)))
      return std::nullopt;
    {
      const auto num = [&](std::size_t pos) { return std::stoi(s.at.substr(pos, 2)); };
      if (num(11) > 23 || num(14) > 59 || num(17) > 59) return std::nullopt;
      if (s.at.size() > 20 && (num(20) > 14 || num(23) > 59)) return std::nullopt;
    }
    // An event's number is a whole number as consult writes it: 1e3 or
    // 67.5 is not a stamp consult made.
    if (!j.at("seq").is_number_integer()) return std::nullopt;
    s.seq = j.at("seq").get<std::int64_t>();
    s.hash = j.at("hash").get<std::string>();
    static const std::regex kHash("[0-9a-f]{64}");
    if (!std::regex_match(s.hash, kHash)) return std::nullopt;
    // No member: writer 1. consult never writes 1, nor anything but a
    // whole number from 2 on.
    s.renderer = 1;
    if (j.contains("renderer")) {
      const auto& r = j.at("renderer");
      if (!r.is_number_integer() || r.get<std::int64_t>() < 2 || r.get<std::int64_t>() > 1000)
        return std::nullopt;
      s.renderer = r.get<int>();
    }
    return s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string Stamp::line() const {
  return i18n::tr(N_("ledger event {} (sha256 {}), generated {}"), seq, hash, at);
}

int renderer_schema(int renderer) noexcept {
  return renderer == 2 ? 9 : renderer == 5 ? 12 : 0;
}

int renderer_version(std::string_view) noexcept {
  return 5;
}

bool typed_persons(const Stamp& stamp) noexcept {
  return (stamp.renderer != 0 ? stamp.renderer : renderer_version(stamp.format)) >= 2;
}

int writer_of(const Stamp& stamp) noexcept {
  return stamp.renderer != 0 ? stamp.renderer : renderer_version(stamp.format);
}

bool signed_by_body(const Stamp& stamp) noexcept {
  return (stamp.renderer != 0 ? stamp.renderer : renderer_version(stamp.format)) >= 4;
}

personal::TextRules text_rules(const Stamp& stamp) noexcept {
  return (stamp.renderer != 0 ? stamp.renderer : renderer_version(stamp.format)) >= 3
             ? personal::TextRules::current
             : personal::TextRules::writer2;
}

namespace {

/// Markdown as writer 1 made it: text as it was, but for a line's first
/// character and a table cell's `|`.
std::string markdown_v1(const std::vector<Block>& blocks, const Stamp& stamp) {
  std::string out;
  for (const auto& b : blocks) {
    switch (b.kind) {
    case Kind::title:
      out += "# " + b.text + "\n\n";
      break;
    case Kind::heading:
      out += "## " + b.text + "\n\n";
      break;
    case Kind::subheading:
      out += "### " + b.text + "\n\n";
      break;
    case Kind::paragraph:
      out += md1_text(b.text) + "\n\n";
      break;
    case Kind::note:
      out += "> " + replace_all(md1_text(b.text), "\n", "\n> ") + "\n\n";
      break;
    case Kind::fields:
      for (const auto& r : b.rows)
        out += "- **" + md1_cell(r.at(0)) + "**: " + md1_cell(r.size() > 1 ? r[1] : "") + "\n";
      out += "\n";
      break;
    case Kind::table: {
      if (b.rows.empty()) break;
      out += "|";
      for (const auto& h : b.header)
        out += " " + md1_cell(h) + " |";
      out += "\n|";
      for (std::size_t i = 0; i < b.header.size(); ++i)
        out += " --- |";
      out += "\n";
      for (const auto& r : b.rows) {
        out += "|";
        for (std::size_t i = 0; i < b.header.size(); ++i)
          out += " " + md1_cell(i < r.size() ? r[i] : "") + " |";
        out += "\n";
      }
      out += "\n";
      break;
    }
    case Kind::signatures:
      for (const auto& r : b.rows)
        for (const auto& who : r)
          out += who + "：________________    ";
      out += "\n\n";
      break;
    }
  }
  out += "---\n\n" + stamp.line() + "\n\n";
  out += kStampOpen + ledger::canonical(stamp.to_json()) + kStampClose + "\n";
  return out;
}

} // namespace

std::string markdown(const std::vector<Block>& blocks, const Stamp& stamp) {
  if (stamp.renderer == 1) return markdown_v1(blocks, stamp);
  std::string out;
  for (const auto& b : blocks) {
    switch (b.kind) {
    case Kind::title:
      out += "# " + markdown_text(b.text) + "\n\n";
      break;
    case Kind::heading:
      out += "## " + markdown_text(b.text) + "\n\n";
      break;
    case Kind::subheading:
      out += "### " + markdown_text(b.text) + "\n\n";
      break;
    case Kind::paragraph:
      out += md_lines(b.text) + "\n\n";
      break;
    case Kind::note:
      out += "> " + replace_all(md_lines(b.text), "\n", "\n> ") + "\n\n";
      break;
    case Kind::fields:
      for (const auto& r : b.rows)
        out += "- **" + md_cell(r.at(0)) + "**: " + md_cell(r.size() > 1 ? r[1] : "") + "\n";
      out += "\n";
      break;
    case Kind::table: {
      if (b.rows.empty()) break;
      out += "|";
      for (const auto& h : b.header)
        out += " " + md_cell(h) + " |";
      out += "\n|";
      for (std::size_t i = 0; i < b.header.size(); ++i)
        out += " --- |";
      out += "\n";
      for (const auto& r : b.rows) {
        out += "|";
        for (std::size_t i = 0; i < b.header.size(); ++i)
          out += " " + md_cell(i < r.size() ? r[i] : "") + " |";
        out += "\n";
      }
      out += "\n";
      break;
    }
    case Kind::signatures:
      for (const auto& r : b.rows)
        for (const auto& who : r)
          out += markdown_text(who) + "：________________    ";
      out += "\n\n";
      break;
    }
  }
  // The stamp's text cannot close its comment early, as in HTML.
  out += "---\n\n" + stamp.line() + "\n\n";
  out += kStampOpen + replace_all(ledger::canonical(stamp.to_json()), "--", "\\u002d\\u002d") +
         kStampClose + "\n";
  return out;
}

std::string html(const std::vector<Block>& blocks, const Stamp& stamp, const std::string& lang) {
  std::string title;
  for (const auto& b : blocks)
    if (b.kind == Kind::title) {
      title = b.text;
      break;
    }
  std::string out = R"(<!DOCTYPE html>
<html lang=")" + escape_xml(lang) +
                    R"(">
<head>
<meta charset="utf-8">
<title>)" + escape_xml(title) +
                    R"(</title>
<style>
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
html { background: #fff; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC",
  "Source Han Sans SC", "SimSun", "Songti SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
  "Microsoft YaHei", serif; font-size: 11pt; line-height: 1.55; color: #000;
  max-width: 174mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 6mm; letter-spacing: 0.1em; }
h2 { font-size: 13pt; border-bottom: 1px solid #000; margin: 6mm 0 2mm; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
p { margin: 1.5mm 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 1mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
table.fields td { border: none; padding: 0.4mm 1.6mm 0.4mm 0; }
table.fields td:first-child { white-space: nowrap; font-weight: bold; width: 24mm; }
.note { border-left: 2pt solid #000; padding: 1mm 3mm; margin: 2mm 0; background: #f6f6f6; }
.signatures { display: flex; flex-wrap: wrap; gap: 4mm 12mm; margin-top: 10mm; }
.signatures span { min-width: 60mm; border-bottom: 0.6pt solid #000; padding-bottom: 6mm; }
footer { margin-top: 10mm; font-size: 8.5pt; color: #333; border-top: 0.6pt solid #999;
  padding-top: 1.5mm; word-break: break-all; }
@media print { body { padding: 0; } th { background: #eee; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } }
</style>
</head>
<body>
)";
  for (const auto& b : blocks) {
    switch (b.kind) {
    case Kind::title:
      out += "<h1>" + html_text(b.text) + "</h1>\n";
      break;
    case Kind::heading:
      out += "<h2>" + html_text(b.text) + "</h2>\n";
      break;
    case Kind::subheading:
      out += "<h3>" + html_text(b.text) + "</h3>\n";
      break;
    case Kind::paragraph:
      out += "<p>" + html_text(b.text) + "</p>\n";
      break;
    case Kind::note:
      out += "<p class=\"note\">" + html_text(b.text) + "</p>\n";
      break;
    case Kind::fields:
      out += "<table class=\"fields\">\n";
      for (const auto& r : b.rows)
        out += "<tr><td>" + html_text(r.at(0)) + "</td><td>" + html_text(r.size() > 1 ? r[1] : "") +
               "</td></tr>\n";
      out += "</table>\n";
      break;
    case Kind::table:
      if (b.rows.empty()) break;
      out += "<table>\n<thead><tr>";
      for (const auto& h : b.header)
        out += "<th>" + html_text(h) + "</th>";
      out += "</tr></thead>\n<tbody>\n";
      for (const auto& r : b.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < b.header.size(); ++i)
          out += "<td>" + html_text(i < r.size() ? r[i] : "") + "</td>";
        out += "</tr>\n";
      }
      out += "</tbody>\n</table>\n";
      break;
    case Kind::signatures:
      out += "<div class=\"signatures\">";
      for (const auto& r : b.rows)
        for (const auto& who : r)
          out += "<span>" + html_text(who) + "：</span>";
      out += "</div>\n";
      break;
    }
  }
  out += "<footer>" + html_text(stamp.line()) + "</footer>\n";
  out += kStampOpen + replace_all(ledger::canonical(stamp.to_json()), "--", "\\u002d\\u002d") +
         kStampClose + "\n</body>\n</html>\n";
  return out;
}

namespace {

std::string w_run(const std::string& text, bool bold = false) {
  std::string out = "<w:r>";
  if (bold) out += "<w:rPr><w:b/></w:rPr>";
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (!first) out += "<w:br/>";
    first = false;
    out += "<w:t xml:space=\"preserve\">" + escape_xml(text.substr(start, end - start)) + "</w:t>";
    start = end + 1;
  }
  return out + "</w:r>";
}

std::string w_para(const std::string& text, const char* style = nullptr, bool bold = false) {
  std::string out = "<w:p>";
  if (style) out += fmt::format("<w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>", style);
  return out + w_run(text, bold) + "</w:p>";
}

std::string w_table(const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows, bool borders) {
  std::string out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"";
  out += borders ? "ConsultTable" : "ConsultFields";
  out += "\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr>";
  const std::size_t cols = header.empty() ? (rows.empty() ? 1 : rows[0].size()) : header.size();
  out += "<w:tblGrid>";
  for (std::size_t i = 0; i < cols; ++i)
    out += fmt::format("<w:gridCol w:w=\"{}\"/>", 9638 / cols);
  out += "</w:tblGrid>";
  auto row = [&](const std::vector<std::string>& cells, bool head) {
    out += head ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>";
    for (std::size_t i = 0; i < cols; ++i)
      out += "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>" +
             w_para(i < cells.size() ? cells[i] : "", nullptr, head || (!borders && i == 0)) +
             "</w:tc>";
    out += "</w:tr>";
  };
  if (!header.empty()) row(header, true);
  for (const auto& r : rows)
    row(r, false);
  return out + "</w:tbl>" + w_para("");
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>)";

const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";

const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

std::string styles(const std::string& lang) {
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="{}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="34"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="000000"/></w:pBdr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style><w:style w:type="table" w:styleId="ConsultTable"><w:name w:val="Consult Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="ConsultFields"><w:name w:val="Consult Fields"/><w:tblPr><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="120" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>)",
      lang == "zh" ? "zh-CN" : "en-US");
}

/// Writes a zip archive with fixed timestamps (deterministic bytes) to a
/// temporary file and returns its bytes.
std::string zip_bytes(const std::vector<std::pair<std::string, std::string>>& parts,
                      const std::string& comment) {
  char path[] = "/tmp/consult-docx-XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0)
    throw Error(ErrorKind::cant_create,
                i18n::tr(N_("cannot create a temporary file: {}"), std::strerror(errno)));
  ::close(fd);
  struct Remove {
    const char* p;
    ~Remove() { std::remove(p); }
  } remove{path};
  zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
  if (!z) throw Error(ErrorKind::io, "cannot write a DOCX archive");
  for (const auto& [name, data] : parts) {
    zip_fileinfo info{};
    info.tmz_date.tm_year = 1980; // the earliest date a zip can hold: no clock in the bytes
    info.tmz_date.tm_mday = 1;
    if (zipOpenNewFileInZip(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                            Z_DEFAULT_COMPRESSION) != ZIP_OK ||
        zipWriteInFileInZip(z, data.data(), static_cast<unsigned>(data.size())) != ZIP_OK ||
        zipCloseFileInZip(z) != ZIP_OK) {
      zipClose(z, nullptr);
      throw Error(ErrorKind::io, "cannot write a DOCX archive");
    }
  }
  if (zipClose(z, comment.c_str()) != ZIP_OK)
    throw Error(ErrorKind::io, "cannot write a DOCX archive");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

} // namespace

std::string docx(const std::vector<Block>& blocks, const Stamp& stamp, const std::string& lang) {
  std::string body;
  for (const auto& b : blocks) {
    switch (b.kind) {
    case Kind::title:
      body += w_para(b.text, "Title");
      break;
    case Kind::heading:
      body += w_para(b.text, "Heading1");
      break;
    case Kind::subheading:
      body += w_para(b.text, "Heading2");
      break;
    case Kind::paragraph:
      body += w_para(b.text);
      break;
    case Kind::note:
      body += w_para(b.text, "Note");
      break;
    case Kind::fields:
      body += w_table({}, b.rows, false);
      break;
    case Kind::table:
      if (!b.rows.empty()) body += w_table(b.header, b.rows, true);
      break;
    case Kind::signatures: {
      std::string line;
      for (const auto& r : b.rows)
        for (const auto& who : r)
          line += who + "：________________      ";
      body += w_para("") + w_para(line);
      break;
    }
    }
  }
  body += w_para(stamp.line(), "Footer");
  const std::string document =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
      body +
      R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1021" w:bottom="1134" w:left="1021" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>)";
  return zip_bytes({{"[Content_Types].xml", kContentTypes},
                    {"_rels/.rels", kRels},
                    {"word/_rels/document.xml.rels", kDocumentRels},
                    {"word/styles.xml", styles(lang)},
                    {"word/document.xml", document}},
                   std::string("consult-export: ") + ledger::canonical(stamp.to_json()));
}

std::optional<Stamp> read_stamp(const std::string& bytes) {
  if (bytes.rfind("PK", 0) == 0) {
    // The zip archive's comment: the end-of-central-directory record is the
    // last 22 bytes before the comment; find its signature from the end.
    if (bytes.size() < 22) return std::nullopt;
    for (std::size_t i = bytes.size() - 22 + 1; i-- > 0;) {
      if (bytes.compare(i, 4, "PK\x05\x06") != 0) continue;
      const auto len = static_cast<std::size_t>(static_cast<unsigned char>(bytes[i + 20])) |
                       static_cast<std::size_t>(static_cast<unsigned char>(bytes[i + 21])) << 8;
      if (i + 22 + len != bytes.size()) return std::nullopt;
      const std::string comment = bytes.substr(i + 22, len);
      const std::string prefix = "consult-export: ";
      if (comment.rfind(prefix, 0) != 0) return std::nullopt;
      return Stamp::from_json(json::parse(comment.substr(prefix.size()), nullptr, false));
    }
    return std::nullopt;
  }
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && bytes[first] == '{') {
    const auto j = json::parse(bytes, nullptr, false);
    if (j.is_object() && j.contains("export")) return Stamp::from_json(j.at("export"));
    return std::nullopt;
  }
  const auto at = bytes.rfind(kStampOpen);
  if (at == std::string::npos) return std::nullopt;
  const auto start = at + std::strlen(kStampOpen);
  const auto end = bytes.find(kStampClose, start);
  if (end == std::string::npos) return std::nullopt;
  return Stamp::from_json(json::parse(bytes.substr(start, end - start), nullptr, false));
}

} // namespace consult::document
