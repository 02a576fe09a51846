// A report as files: the workbook read back by consult's own XLSX reader
// (the one imports use), the SVG charts and the HTML page.

#include "consult/intake.hpp"
#include "consult/report_files.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>

using namespace consult;
using nlohmann::json;

namespace {

std::vector<reports::Sheet> sample() {
  reports::Sheet figures;
  figures.name = "Figures";
  figures.header = {"社区", "issues raised", "resolution rate", "fund income (yuan)"};
  figures.rows = {{"和平里", 1234, reports::Cell::rate(667), reports::Cell::amount(126000)},
                  {"all", 1234, nullptr, nullptr}};
  reports::Sheet breakdown;
  breakdown.name = "A name far longer than the thirty-one characters Excel allows";
  breakdown.header = {"KEY", "COUNT"};
  breakdown.rows = {{"=SUM(A1)", 3}};
  return {figures, breakdown};
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("the workbook reads back cell by cell, and the same report gives the same bytes") {
  test::TempDir dir;
  const auto bytes = reports::xlsx(sample(), "Report 2026", 1795000000);
  REQUIRE(bytes.substr(0, 2) == "PK");
  CHECK(reports::xlsx(sample(), "Report 2026", 1795000000) == bytes);
  const auto path = dir.file("r.xlsx");
  std::ofstream(path, std::ios::binary) << bytes;

  intake::XlsxReader first(path, "Figures");
  intake::Record r;
  REQUIRE(first.next(r));
  CHECK(r.fields ==
        std::vector<std::string>{"社区", "issues raised", "resolution rate", "fund income (yuan)"});
  REQUIRE(first.next(r));
  // Numbers stay numbers: a rate a fraction, an amount in yuan.
  CHECK(r.fields == std::vector<std::string>{"和平里", "1234", "0.667", "1260"});
  REQUIRE(first.next(r));
  CHECK(r.fields.at(0) == "all");
  CHECK(r.fields.size() == 2); // null: a blank cell
  CHECK_FALSE(first.next(r));

  // The long name is cut to 31 characters; formula-like text stays text.
  intake::XlsxReader second(path, "2");
  CHECK(second.sheet_name() == "A name far longer than the thir");
  REQUIRE(second.next(r));
  REQUIRE(second.next(r));
  CHECK(r.fields.at(0) == "=SUM(A1)");
}

TEST_CASE("each kind of cell has its number format in the workbook and its text elsewhere") {
  using reports::Cell;
  CHECK(Cell(12).text() == "12");
  CHECK(Cell(12).number() == 12.0);
  CHECK(Cell::amount(126000).text() == "1,260.00");
  CHECK(Cell::amount(126000).number() == 1260.0);
  CHECK(Cell::amount(-5).text() == "-0.05");
  CHECK(Cell::rate(700).text() == "70.0%");
  CHECK(Cell::rate(700).number() == 0.7);
  CHECK(Cell::rate(667).number() == 0.667);
  CHECK(Cell::rate(std::nullopt).blank());
  CHECK(Cell::decimal(4.25).text() == "4.3");
  CHECK(Cell::decimal(4.25).number() == 4.3);
  CHECK(Cell("2026-11").kind == reports::CellKind::text);
  CHECK(Cell(nullptr).blank());

  // The workbook's number formats are checked with openpyxl (tests/e2e/t_report.sh).
}

TEST_CASE("a bar chart draws one bar per label and series, scaled to a round axis") {
  reports::Chart c;
  c.title = "Issues <raised> & resolved";
  c.labels = {"2026-10", "2026-11", "2026-12"};
  c.series = {"raised", "resolved"};
  c.values = {{12, 40, 7}, {3, 0, 9}};
  const auto svg = reports::svg(c);
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(svg.find("Issues &lt;raised&gt; &amp; resolved") != std::string::npos);
  CHECK(svg.find("<raised>") == std::string::npos);
  // 6 bars and 2 legend swatches.
  CHECK(count(svg, "fill=\"#2b6cb0\"") == 4);
  CHECK(count(svg, "fill=\"#dd6b20\"") == 4);
  // The axis reaches 40 (the largest value) in round steps of 10.
  CHECK(svg.find(">40</text>") != std::string::npos);
  CHECK(svg.find(">50</text>") == std::string::npos);
  // The tallest bar is the full plot height (200), the empty one 0 high.
  CHECK(svg.find("height=\"200.0\"") != std::string::npos);
  CHECK(svg.find("height=\"0.0\"") != std::string::npos);

  c.horizontal = true;
  c.series = {"issues"};
  c.values = {{1500, 25, 0}};
  const auto bars = reports::svg(c);
  CHECK(count(bars, "<rect") == 3); // one series: no legend
  CHECK(bars.find(">1,500</text>") != std::string::npos);
  // All zero: still a drawable axis.
  c.values = {{0, 0, 0}};
  CHECK(reports::svg(c).find(">1</text>") != std::string::npos);
}

TEST_CASE("the page is self-contained: charts inline, tables escaped, nothing fetched") {
  reports::Chart c;
  c.title = "Meetings";
  c.labels = {"2026-11"};
  c.series = {"held"};
  c.values = {{4}};
  const auto page = reports::html("Report 2026", {"communities: heping"}, {c}, sample(), "zh-CN");
  CHECK(page.starts_with("<!DOCTYPE html>"));
  CHECK(page.find("<html lang=\"zh-CN\">") != std::string::npos);
  CHECK(count(page, "<svg") == 1);
  CHECK(count(page, "<table>") == 2);
  CHECK(page.find("<td class=\"n\">1234</td>") != std::string::npos);
  CHECK(page.find("<td class=\"n\">66.7%</td>") != std::string::npos);
  CHECK(page.find("<td class=\"n\">1,260.00</td>") != std::string::npos);
  CHECK(page.find("<td>=SUM(A1)</td>") != std::string::npos);
  CHECK_FALSE(std::regex_search(page, std::regex("<script|<link|<img|https?://(?!www\\.w3)")));
}
