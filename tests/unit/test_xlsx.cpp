#include "consult/error.hpp"
#include "consult/intake.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace consult;
using namespace consult::intake;

namespace {

/// The fixtures, written once per test run by tests/fixtures/make_xlsx.py.
const std::string& fixtures() {
  static test::TempDir dir;
  static const std::string path = [] {
    const auto cmd = "/usr/bin/python3 " + std::string(CONSULT_SOURCE_DIR) +
                     "/tests/fixtures/make_xlsx.py " + dir.path.string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    return dir.path.string();
  }();
  return path;
}

std::vector<Record> rows(const std::string& name, const std::string& sheet = {}) {
  XlsxReader r(fixtures() + "/" + name, sheet);
  std::vector<Record> out;
  Record rec;
  while (r.next(rec))
    out.push_back(rec);
  return out;
}

ErrorKind error_of(const std::string& name, const std::string& sheet = {}) {
  try {
    rows(name, sheet);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;
}

} // namespace

TEST_CASE("a workbook written by openpyxl: first visible sheet, title rows, dates, phones") {
  XlsxReader r(fixtures() + "/box.xlsx", "");
  CHECK(r.sheet_name() == "11月");
  const auto rs = rows("box.xlsx");
  REQUIRE(rs.size() == 5);
  CHECK(rs[0].line == 1);
  CHECK(rs[0].fields[0] == "和平里社区意见箱登记表（2026年11月）");
  CHECK(rs[1].line == 3); // the blank row 2 is skipped, numbering kept
  CHECK(rs[1].fields[6] == "反映内容");
  CHECK(rs[2].fields[0] == "2026-11-03");
  CHECK(rs[2].fields[4] == "13812341234"); // a phone stored as text
  CHECK(rs[3].fields[0] == "2026-11-04 09:30");
  CHECK(rs[3].fields[4] == "13900001111"); // a phone stored as a number
  CHECK(rs[4].line == 7);                  // the empty row 6 is skipped
  CHECK(rs[4].fields[0] == "2026年11月6日");
}

TEST_CASE("sheets by name or number; hidden ones only when asked") {
  CHECK(rows("box.xlsx", "说明").front().fields[0] == "这一页是填写说明，不导入");
  CHECK(rows("box.xlsx", "1").front().fields[0] == "这一页是填写说明，不导入");
  CHECK(rows("box.xlsx", "2").size() == 5);
  CHECK(error_of("box.xlsx", "12月") == ErrorKind::data);
}

TEST_CASE("inline and shared strings, formulas, custom date formats, phonetic runs") {
  const auto rs = rows("crafted-1900.xlsx");
  REQUIRE(rs.size() == 4);
  CHECK(rs[1].fields[0] == "2026-11-03");
  CHECK(rs[1].fields[1] == "楼道灯不亮");
  CHECK(rs[1].fields[2] == "13812341234");
  CHECK(rs[1].fields[3] == "张小明");         // the phonetic run is not text
  CHECK(rs[2].fields[0] == "2026-11-04");     // yyyy"年"m"月"d"日"
  CHECK(rs[2].fields[1] == "垃圾分类点太远"); // a formula's cached value
  CHECK(rs[3].line == 5);
  CHECK(rs[3].fields[1] == "停车位不够"); // rich text runs joined
}

TEST_CASE("the 1904 date system and namespace prefixes") {
  CHECK(rows("crafted-1904.xlsx")[1].fields[0] == "2026-11-03");
  CHECK(rows("crafted-prefixed.xlsx")[1].fields[1] == "前缀写法也能读");
}

TEST_CASE("broken and hostile files are refused clearly") {
  CHECK(error_of("broken-truncated.xlsx") == ErrorKind::data);
  CHECK(error_of("broken-csv.xlsx") == ErrorKind::data);
  CHECK(error_of("broken-entities.xlsx") == ErrorKind::data);
  CHECK(error_of("missing.xlsx") == ErrorKind::no_input);
  try {
    rows("broken-csv.xlsx");
  } catch (const Error& e) {
    CHECK(e.hint().find("CSV") != std::string::npos);
  }
  try {
    rows("broken-entities.xlsx");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("DOCTYPE") != std::string::npos);
  }
  CHECK(looks_like_zip(fixtures() + "/box.xlsx"));
  CHECK_FALSE(looks_like_zip(fixtures() + "/broken-csv.xlsx"));
}

TEST_CASE("zip bombs and external entities are refused before anything is unpacked") {
  for (const char* name : {"broken-bomb-sheet.xlsx", "broken-bomb-strings.xlsx"}) {
    CAPTURE(name);
    try {
      rows(name);
      FAIL("a zip bomb was read");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::data);
      CHECK(std::string(e.what()).find("zip bomb") != std::string::npos);
      CHECK(std::string(e.what()).find("100 times its packed size") != std::string::npos);
    }
  }
  try {
    rows("broken-external.xlsx");
    FAIL("an external entity was read");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("DOCTYPE") != std::string::npos);
    CHECK(std::string(e.what()).find("root:") == std::string::npos);
  }
}

TEST_CASE("a large sheet packed as offices pack it is read in full") {
  const auto all = rows("many.xlsx");
  REQUIRE(all.size() == 30001);
  CHECK(all.back().line == 30001);
  CHECK(all.back().fields[1] ==
        "第30001条：楼道灯坏了" + std::to_string(30001L * 7919 % 1000) + "天");
}
