#include "consult/error.hpp"
#include "consult/intake.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iconv.h>
#include <sstream>

using namespace consult;
using namespace consult::intake;

namespace {

std::vector<std::vector<std::string>>
parse(const std::string& bytes, Encoding enc = Encoding::automatic, char* delimiter = nullptr) {
  std::istringstream in(bytes);
  CsvReader r(in, enc, "t.csv");
  if (delimiter) *delimiter = r.delimiter();
  std::vector<std::vector<std::string>> out;
  Record rec;
  while (r.next(rec))
    out.push_back(rec.fields);
  return out;
}

std::string convert(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  std::string in = utf8, out(utf8.size() * 4 + 8, '\0');
  char* ip = in.data();
  char* op = out.data();
  std::size_t il = in.size(), ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

} // namespace

TEST_CASE("the csv-spectrum conformance suite") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(CONSULT_SOURCE_DIR) / ".." / "shared" / "corpus" / "csv-spectrum";
  REQUIRE_MESSAGE(fs::exists(dir / "csvs"), "the shared corpus is missing: " << dir.string());
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "csvs")) {
    const auto name = entry.path().stem().string();
    CAPTURE(name);
    std::ifstream csv(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << csv.rdbuf();
    const auto rows = parse(bytes.str(), Encoding::utf8);
    std::ifstream js(dir / "json" / (name + ".json"));
    const auto expected = nlohmann::json::parse(js);
    REQUIRE(!rows.empty());
    const auto& header = rows[0];
    REQUIRE(rows.size() - 1 == expected.size());
    for (std::size_t i = 1; i < rows.size(); ++i) {
      REQUIRE(rows[i].size() == header.size());
      for (std::size_t c = 0; c < header.size(); ++c)
        CHECK(rows[i][c] == expected[i - 1].at(header[c]).get<std::string>());
    }
    ++files;
  }
  CHECK(files == 11);
}

TEST_CASE("line ends: CRLF, LF, CR, and a last line without one") {
  const Rows want = {{"a", "b"}, {"1", "2"}};
  CHECK(parse("a,b\r\n1,2\r\n") == want);
  CHECK(parse("a,b\n1,2\n") == want);
  CHECK(parse("a,b\r1,2\r") == want);
  CHECK(parse("a,b\n1,2") == want);
  CHECK(parse("a,b\n1,2\n\n\r\n\n") == want); // trailing empty lines
  CHECK(parse("a,b\n\n1,2\n") == want);       // blank lines between
  CHECK(parse("") == Rows{});
}

TEST_CASE("record lines are counted as an editor shows them") {
  std::istringstream in("a,b\n\"x\ny\",2\r\n3,4\r5,6\n");
  CsvReader r(in, Encoding::utf8, "t.csv");
  Record rec;
  std::vector<std::int64_t> lines;
  while (r.next(rec))
    lines.push_back(rec.line);
  CHECK(lines == std::vector<std::int64_t>{1, 2, 4, 5});
}

TEST_CASE("delimiters are detected, and Excel's sep= line is honoured") {
  char d = 0;
  CHECK(parse("a;b;c\n1;2;3\n", Encoding::utf8, &d) == Rows{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(d == ';');
  CHECK(parse("a\tb\n1\t2\n", Encoding::utf8, &d) == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(d == '\t');
  CHECK(parse("sep=;\r\na;b\r\n1,5;2\r\n", Encoding::utf8, &d) == Rows{{"a", "b"}, {"1,5", "2"}});
  CHECK(d == ';');
  CHECK(parse("\"a;b\",c\n", Encoding::utf8, &d) == Rows{{"a;b", "c"}});
  CHECK(d == ',');
}

TEST_CASE("trailing empty columns are kept as empty fields") {
  CHECK(parse("a,b,,\n1,2,,\n") == Rows{{"a", "b", "", ""}, {"1", "2", "", ""}});
}

TEST_CASE("encodings: UTF-8 with and without BOM, GB18030, UTF-16") {
  const std::string text = "日期,内容\r\n2026-11-01,楼道灯不亮\r\n";
  const Rows want = {{"日期", "内容"}, {"2026-11-01", "楼道灯不亮"}};
  CHECK(parse(text) == want);
  CHECK(parse("\xEF\xBB\xBF" + text) == want);
  const auto gb = convert(text, "GB18030");
  REQUIRE(gb != text);
  {
    std::istringstream in(gb);
    CsvReader r(in, Encoding::automatic, "gb.csv");
    CHECK(r.encoding() == Encoding::gb18030);
  }
  CHECK(parse(gb) == want);
  CHECK(parse(gb, Encoding::gb18030) == want);
  CHECK(parse("\xFF\xFE" + convert(text, "UTF-16LE")) == want);
  CHECK(parse(convert(text, "UTF-16LE")) == want); // no BOM: sniffed
  CHECK(parse("\xFE\xFF" + convert(text, "UTF-16BE")) == want);
}

TEST_CASE("a large GB18030 file decodes across chunk boundaries") {
  std::string text = "日期,内容\n";
  for (int i = 0; i < 20000; ++i)
    text += "2026-11-01,和平里社区第" + std::to_string(i) + "条意见\n";
  const auto rows = parse(convert(text, "GB18030"));
  REQUIRE(rows.size() == 20001);
  CHECK(rows[19999][1] == "和平里社区第19998条意见");
}

TEST_CASE("broken input gives errors that name the line") {
  try {
    parse("a,b\n1,\"open\n2,3\n");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(e.where() == "t.csv:2");
    CHECK(std::string(e.what()).find("never closed") != std::string::npos);
  }
  try {
    parse("a,b\n1,\xff\xfe\xfd\n", Encoding::utf8);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.where() == "t.csv:2");
    CHECK(e.hint().find("gb18030") != std::string::npos);
  }
  CHECK_THROWS_AS(parse(std::string("a,b\n\x81", 5), Encoding::gb18030), Error);
}

TEST_CASE("formula-like and SQL-looking text is kept verbatim") {
  CHECK(parse("a\n=HYPERLINK(\"x\")\n+cmd\n@SUM(A1)\n'; DROP TABLE issue; --\n") ==
        Rows{{"a"}, {"=HYPERLINK(\"x\")"}, {"+cmd"}, {"@SUM(A1)"}, {"'; DROP TABLE issue; --"}});
  CHECK(parse("a\n\"=HYPERLINK(\"\"x\"\")\"\n") == Rows{{"a"}, {"=HYPERLINK(\"x\")"}});
}

TEST_CASE("dates in the forms people type") {
  std::string why;
  auto d = [&](const char* s) {
    const auto r = parse_human_date(s, why);
    return r ? clock::format_date(r->date) + (r->time ? " " + *r->time : "") : "error: " + why;
  };
  CHECK(d("2024-05-16") == "2024-05-16");
  CHECK(d("2024/5/16") == "2024-05-16");
  CHECK(d("2024.5.16") == "2024-05-16");
  CHECK(d("2024年5月16日") == "2024-05-16");
  CHECK(d("2024年5月16日 14:30") == "2024-05-16 14:30");
  CHECK(d("2024-05-16 14:30:05") == "2024-05-16 14:30");
  CHECK(d("2024/5/16 9:05") == "2024-05-16 09:05");
  CHECK(d("2024-05-16T14:30") == "2024-05-16 14:30");
  CHECK(d("20240516") == "2024-05-16");
  CHECK(d("45428") == "2024-05-16"); // Excel serial, 1900 system
  CHECK(d("45428.5") == "2024-05-16");
  CHECK(d("2024-02-29") == "2024-02-29");
  CHECK(d("2024-02-30") == "error: no such date");
  CHECK(d("2023-02-29") == "error: no such date");
  CHECK(d("13/13/2024").rfind("error: ", 0) == 0);
  CHECK(d("05/06/2024").find("ambiguous") != std::string::npos);
  CHECK(d("2024-05/16").rfind("error: ", 0) == 0);
  CHECK(d("yesterday").rfind("error: ", 0) == 0);
  CHECK(d("").rfind("error: ", 0) == 0);
  CHECK(d("2024-05-16 25:00").rfind("error: ", 0) == 0);
}

TEST_CASE("Excel serial dates in both date systems") {
  CHECK(clock::format_date(*excel_serial_date(1)) == "1900-01-01");
  CHECK(clock::format_date(*excel_serial_date(59)) == "1900-02-28");
  CHECK_FALSE(excel_serial_date(60)); // Excel's 1900-02-29, which never was
  CHECK(clock::format_date(*excel_serial_date(61)) == "1900-03-01");
  CHECK(clock::format_date(*excel_serial_date(45428)) == "2024-05-16");
  CHECK(clock::format_date(*excel_serial_date(43966, true)) == "2024-05-16");
  CHECK_FALSE(excel_serial_date(0));
}

TEST_CASE("titles from content and NFC") {
  CHECK(title_from("3号楼屋顶漏水，雨天墙面渗水。希望尽快维修。") == "3号楼屋顶漏水，雨天墙面渗水");
  CHECK(title_from("楼道灯不亮\n已经一周了") == "楼道灯不亮");
  CHECK(title_from(std::string(30, 'x') + "和平里社区居民议事会关于加装电梯的意见征集") ==
        std::string(30, 'x') + "和平里社…");
  CHECK(nfc("e\xcc\x81") == "\xc3\xa9");
}

TEST_CASE("encoding names") {
  CHECK(parse_encoding("GBK") == Encoding::gb18030);
  CHECK(parse_encoding("utf-8") == Encoding::utf8);
  CHECK(parse_encoding("utf-16") == Encoding::utf16le);
  CHECK(parse_encoding("auto") == Encoding::automatic);
  CHECK_FALSE(parse_encoding("latin1"));
}

TEST_CASE("a record longer than the limit is an error, not a file read into memory") {
  // An unterminated quote near the top of a large file.
  std::string text = "日期,内容\n2026-11-01,\"漏水\n";
  const std::string line = "2026-11-02,楼道灯不亮，请尽快修理。\n";
  while (text.size() <= 2 * intake::kMaxRecordBytes)
    text += line;
  try {
    parse(text);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(e.where() == "t.csv:2");
    CHECK(std::string(e.what()).find("longer than 1 MiB") != std::string::npos);
    CHECK(e.hint().find("never to be closed") != std::string::npos);
  }
  // One row just under the limit is read; a row of plain text over it is refused.
  const std::string under(intake::kMaxRecordBytes - 100, 'x');
  CHECK(parse("a,b\n1," + under + "\n").at(1).at(1) == under);
  const std::string over(intake::kMaxRecordBytes + 1, 'x');
  try {
    parse("a,b\n1," + over + "\n");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.hint().find("20,000 bytes") != std::string::npos);
  }
}
