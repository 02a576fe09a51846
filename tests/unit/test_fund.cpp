// The account books (consult/fund.hpp): a book per body, entries in kind,
// advances, and the statements that show them. Figures worked by hand.

#include "consult/clock.hpp"
#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_fund.hpp"
#include "consult/fund.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

using namespace consult;
using test::kind_of;

namespace {

/// A community with a building group that keeps its own book.
config::Community with_building() {
  return config::parse_community(R"(id = "t"
name = "测试社区"
[channels]
suggestion-box = "意见箱"
[categories]
other = "其他"
[meeting_kinds]
council = "议事会"
building-group = "楼组会议"
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{ name = "王一" }, { name = "李二" }]
[[bodies]]
key = "building-7"
type = "building-group"
name = "7号楼楼组"
building = "7号楼"
kinds = ["building-group"]
entitled = 24
members = [{ name = "赵德明", role = "楼组长" }]
)",
                                 "t.toml");
}

fund::NewEntry entry(const char* kind, const char* amount, const char* date,
                     const char* book = "") {
  fund::NewEntry n;
  n.kind = kind;
  n.amount = amount;
  n.party = "7号楼居民";
  n.named = true;
  n.purpose = "楼组活动";
  n.book = book;
  n.date = clock::parse_date(date);
  return n;
}

document::Stamp md_stamp(int renderer = 0) {
  document::Stamp s;
  s.kind = "fund-statement";
  s.subject = "t 2026-11 building-7";
  s.format = "md";
  s.is_public = true;
  s.at = "2026-11-30T18:00:00+08:00";
  s.seq = 1;
  s.hash = std::string(64, 'a');
  s.renderer = renderer;
  return s;
}

} // namespace

TEST_CASE("a building group's book: its own balance, in-kind entries outside the cash") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-30 18:00"));
  const auto c = with_building();
  // The community's own book: 1,000.00 in.
  fund::add(*l, c, entry("income", "1000", "2026-11-02"));
  // Building 7: +500.00 (contributions) − 320.00 (flower boxes) = 180.00.
  fund::add(*l, c, entry("income", "500", "2026-11-03", "building-7"));
  fund::add(*l, c, entry("expense", "320", "2026-11-10", "building-7"));
  // 30 books in kind, valued 300.00: not cash.
  auto books = entry("income", "", "2026-11-12", "building-7");
  books.quantity = "30";
  books.unit = "本";
  books.value = "300";
  books.purpose = "儿童图书角";
  const auto in_kind = fund::add(*l, c, books);
  CHECK(in_kind.in_kind());
  CHECK(in_kind.amount == 30000);
  CHECK(in_kind.signed_amount() == 0);
  CHECK(in_kind.signed_value() == 30000);
  CHECK(fund::balance(*l, "t", std::nullopt, "building-7").balance() == 18000);
  CHECK(fund::balance(*l, "t").balance() == 100000); // the community's own, unaffected
  CHECK(fund::list(*l, "t", std::nullopt, "building-7").size() == 3);
  CHECK(fund::list(*l, "t").size() == 1);

  // An in-kind entry without an estimated value, then reversed.
  auto toys = books;
  toys.quantity = "2.5";
  toys.unit = "箱";
  toys.value = "";
  const auto no_value = fund::add(*l, c, toys);
  CHECK(no_value.amount == 0);
  const auto undone = fund::reverse(*l, c, no_value.id, "重复登记");
  CHECK(undone.in_kind());
  CHECK(undone.book == "building-7");
  CHECK(undone.quantity == "2.5");
  CHECK(fund::balance(*l, "t", std::nullopt, "building-7").balance() == 18000);

  // The statement (writer 5): headed with the body's name, its own balance,
  // the books in their own section, signed by the body.
  const auto md = document::markdown(
      fund::statement(*l, c, *clock::parse_period("2026-11"), true,
                      personal::TextRules::current, 5, "building-7"),
      md_stamp());
  CHECK(md.find("7号楼楼组") != std::string::npos);
  CHECK(md.find("- **Carried forward**: 180.00") != std::string::npos);
  CHECK(md.find("| 30 本 | 300.00 |") != std::string::npos);
  CHECK(md.find("| 2.5 箱 | not estimated |") != std::string::npos);
  CHECK(md.find("1,000.00") == std::string::npos); // the community's money is not here
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("an expense that would take a book below zero is refused unless it was advanced") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-30 18:00"));
  const auto c = with_building();
  fund::add(*l, c, entry("income", "500", "2026-11-03", "building-7"));
  fund::add(*l, c, entry("expense", "320", "2026-11-10", "building-7"));
  // 180.00 left; 300.00 more would leave −120.00.
  const auto before = l->event_count();
  try {
    fund::add(*l, c, entry("expense", "300", "2026-11-20", "building-7"));
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()).find("-120.00") != std::string::npos);
    CHECK(std::string(e.hint()).find("--advance") != std::string::npos);
  }
  CHECK(l->event_count() == before);
  // Backdated before the expense already booked: on 11-05 the book had
  // 500.00 and could pay 300.00, but on 11-10 it would have −120.00.
  CHECK(kind_of([&] {
          fund::add(*l, c, entry("expense", "300", "2026-11-05", "building-7"));
        }) == ErrorKind::data);
  // The community's own book is another book: it has nothing either.
  CHECK(kind_of([&] { fund::add(*l, c, entry("expense", "1", "2026-11-20")); }) ==
        ErrorKind::data);
  auto advanced = entry("expense", "300", "2026-11-20", "building-7");
  advanced.advance = true;
  advanced.party = "赵德明";
  advanced.named = false;
  const auto a = fund::add(*l, c, advanced);
  CHECK(a.advance);
  CHECK(fund::balance(*l, "t", std::nullopt, "building-7").balance() == -12000);
  const auto md = document::markdown(
      fund::statement(*l, c, *clock::parse_period("2026-11"), true,
                      personal::TextRules::current, 5, "building-7"),
      md_stamp());
  CHECK(md.find("-120.00 (advanced)") != std::string::npos);
  CHECK(md.find("赵德明") == std::string::npos); // a resident who advanced is masked
  // Writer 4 made the community's book alone and marked nothing.
  const auto old = document::markdown(
      fund::statement(*l, c, *clock::parse_period("2026-11"), true,
                      personal::TextRules::current, 4, "building-7"),
      md_stamp(4));
  CHECK(old.find("7号楼楼组") == std::string::npos);
  CHECK(old.find("(advanced)") == std::string::npos);
  // Income cannot be advanced; an entry is money or in kind, not both.
  auto wrong = entry("income", "10", "2026-11-20", "building-7");
  wrong.advance = true;
  CHECK(kind_of([&] { fund::add(*l, c, wrong); }) == ErrorKind::usage);
  wrong.advance = false;
  wrong.quantity = "3";
  wrong.unit = "本";
  CHECK(kind_of([&] { fund::add(*l, c, wrong); }) == ErrorKind::usage);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("an unknown book is refused naming the books there are") {
  const auto c = with_building();
  CHECK(fund::book_key(c, "").empty());
  CHECK(fund::book_key(c, "t").empty()); // the community's id: its own book
  CHECK(fund::book_key(c, "building-7") == "building-7");
  try {
    fund::book_key(c, "building-9");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.hint()).find("building-7") != std::string::npos);
    CHECK(std::string(e.hint()).find("council") != std::string::npos);
  }
  CHECK(fund::book_name(c, "building-7") == "7号楼楼组");
  CHECK(fund::book_name(c, "") == "测试社区");
}

TEST_CASE("fund payloads of books, in kind and advances; old payloads read as before") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-30 18:00"));
  const auto c = with_building();
  auto books = entry("income", "", "2026-11-12", "building-7");
  books.quantity = "30";
  books.unit = "本";
  books.value = "300";
  fund::add(*l, c, books);
  const auto written = ledger::canonical(l->payload_of(*l->head()));
  CHECK(written.find(R"("book":"building-7")") != std::string::npos);
  CHECK(written.find(R"("quantity":"30")") != std::string::npos);
  CHECK(written.find(R"("unit":"本")") != std::string::npos);
  CHECK(written.find("advance") == std::string::npos); // written only when set
  const auto* k = events::find(events::kFundAdd);
  REQUIRE(k != nullptr);
  CHECK(ledger::canonical(k->reread(nlohmann::json::parse(written))) == written);
  // A payload of schema 5: the community's own book, money, not advanced.
  const auto old = events::FundEntry::from_json(nlohmann::json::parse(
      R"({"amount":50000,"community":"t","date":"2026-11-03","id":1,"issue":null,)"
      R"("kind":"income","named":true,"party":"张三","purpose":"众筹","reason":"",)"
      R"("reverses":null})"));
  CHECK_FALSE(old.book.has_value());
  CHECK_FALSE(old.quantity.has_value());
  CHECK_FALSE(old.advance.has_value());
  CHECK(old.to_json().dump().find("book") == std::string::npos);
}
