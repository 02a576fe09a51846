#include "consult/text.hpp"

#include <doctest/doctest.h>

using namespace consult::text;

TEST_CASE("display width counts CJK characters as two columns") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("和平里") == 6);
  CHECK(display_width("3号楼") == 5);
  CHECK(display_width("，") == 2);        // full-width comma
  CHECK(display_width("e\xcc\x81") == 1); // e + combining acute
}

TEST_CASE("truncate and pad by display width") {
  CHECK(truncate_to_width("和平里社区", 10) == "和平里社区");
  CHECK(truncate_to_width("和平里社区", 7) == "和平里…");
  CHECK(display_width(truncate_to_width("和平里社区", 7)) <= 7);
  CHECK(truncate_to_width("abcdef", 4) == "abc…");
  CHECK(pad_right("和平", 6) == "和平  ");
  CHECK(pad_left("和平", 6) == "  和平");
  CHECK(pad_right("toolong", 3) == "toolong");
}

TEST_CASE("utf-8 validation") {
  CHECK(valid_utf8("和平 abc"));
  CHECK_FALSE(valid_utf8("\xba\xcd\xc6\xbd")); // 和平 in GB18030
  CHECK_FALSE(valid_utf8("\xe5\x92"));         // truncated sequence
}

TEST_CASE("plausible phone numbers") {
  CHECK(plausible_phone("13812341234"));
  CHECK(plausible_phone("+86 138-1234-1234"));
  CHECK(plausible_phone("010-64321234"));
  CHECK_FALSE(plausible_phone("1234"));
  CHECK_FALSE(plausible_phone("138abc1234"));
  CHECK_FALSE(plausible_phone("13812341234+"));
}

TEST_CASE("trim and one_line") {
  CHECK(trim("  a b \n") == "a b");
  CHECK(one_line("a\nb\tc") == "a b c");
  CHECK(ascii_lower("WeD") == "wed");
}

TEST_CASE("text shown on a terminal cannot steer it") {
  using consult::text::terminal_safe;
  // Chinese, line feeds and tabs pass; an escape sequence, a carriage
  // return, DEL, a C1 control, bidi overrides and isolates, the line and
  // paragraph separators and bytes that are not UTF-8 are shown, not obeyed.
  CHECK(terminal_safe("屋顶漏水\n\t第二行") == "屋顶漏水\n\t第二行");
  CHECK(terminal_safe("\x1b]0;hacked\x07标题") == "\\x1b]0;hacked\\x07标题");
  CHECK(terminal_safe("a\rb\x7f") == "a\\x0db\\x7f");
  CHECK(terminal_safe("\xc2\x9b" "31m") == "<U+009B>31m");
  CHECK(terminal_safe("姓名\xe2\x80\xae" "明小张") == "姓名<U+202E>明小张");
  CHECK(terminal_safe("\xe2\x81\xa6x\xe2\x81\xa9") == "<U+2066>x<U+2069>");
  CHECK(terminal_safe("a\xe2\x80\xa8" "b\xe2\x80\xa9") == "a<U+2028>b<U+2029>");
  CHECK(terminal_safe("\xff\xfe") == "\\xff\\xfe");
  CHECK(terminal_safe("\xe5\xb1") == "\\xe5\\xb1"); // a cut character
}

TEST_CASE("a message quotes input on one line and cuts it at about 80 columns") {
  using consult::text::display_width;
  using consult::text::quote_input;
  CHECK(quote_input("2026-02-30") == "2026-02-30");
  CHECK(quote_input("") == "");
  // Line breaks and tabs as \n \r \t, other controls as terminal_safe shows them.
  CHECK(quote_input("a\nb\r\tc\x1b[31m") == "a\\nb\\r\\tc\\x1b[31m");
  CHECK(quote_input("姓名\xe2\x80\xae"
                    "x") == "姓名<U+202E>x");
  // Exactly 80 columns fit; 81 are cut to 79 and "…".
  CHECK(quote_input(std::string(80, 'x')) == std::string(80, 'x'));
  CHECK(quote_input(std::string(81, 'x')) == std::string(79, 'x') + "…");
  // Cut at a character boundary, by display width: 40 CJK characters are
  // 80 columns, 41 are cut to 39 and "…".
  std::string han;
  for (int i = 0; i < 41; ++i)
    han += "漏";
  const auto cut = quote_input(han);
  CHECK(cut.size() == 39 * 3 + std::string("…").size());
  CHECK(cut.substr(cut.size() - 3) == "…");
  CHECK(consult::text::valid_utf8(cut));
  CHECK(display_width(cut) <= 80);
  CHECK(quote_input(han.substr(0, 40 * 3)) == han.substr(0, 40 * 3));
  // An escape is never cut in its middle, and a cell of 100,000 characters
  // costs one short line.
  const auto big = quote_input(std::string(100000, '\x01'), 10);
  CHECK(big == "\\x01\\x01…");
  CHECK(quote_input(std::string(100000, 'y') + "\n").size() < 100);
  CHECK(quote_input("\xe5\xb1"
                    "abc") == "\\xe5\\xb1abc"); // a cut character
  CHECK(quote_input("abcdef", 3) == "ab…");
}
