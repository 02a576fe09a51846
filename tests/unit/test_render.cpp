#include "consult/render.hpp"

#include <doctest/doctest.h>

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
