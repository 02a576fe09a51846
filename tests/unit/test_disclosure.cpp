// Documents, minutes, notices and the account book through the library.

#include "consult/clock.hpp"
#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_fund.hpp"
#include "consult/exports.hpp"
#include "consult/fund.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/minutes.hpp"
#include "consult/notices.hpp"
#include "consult/personal.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

using namespace consult;
using document::Block;
using test::kind_of;

namespace {

std::vector<Block> sample() {
  Block t{Block::Kind::table};
  t.header = {"姓名", "意见"};
  t.rows = {{"王一", "同意 | 先修\n再议"}};
  Block f{Block::Kind::fields};
  f.rows = {{"Chair", "王一"}};
  return {{Block::Kind::title, "测试 <&> 记录"}, f, t, {Block::Kind::note, "# not a heading"}};
}

document::Stamp stamp(const char* format) {
  document::Stamp s;
  s.kind = "minutes";
  s.subject = "1";
  s.format = format;
  s.is_public = true;
  s.at = "2026-12-03T10:00:00+08:00";
  s.seq = 42;
  s.hash = std::string(64, 'a');
  return s;
}

} // namespace

TEST_CASE("documents in every format carry their stamp and are deterministic") {
  const auto md = document::markdown(sample(), stamp("md"));
  CHECK(md.find("| 王一 | 同意 \\| 先修<br>再议 |") != std::string::npos);
  CHECK(md.find("\\# not a heading") != std::string::npos);
  const auto html = document::html(sample(), stamp("html"), "zh-CN");
  CHECK(html.find("<h1>测试 &lt;&amp;&gt; 记录</h1>") != std::string::npos);
  CHECK(html.find("@page { size: A4") != std::string::npos);
  const auto docx = document::docx(sample(), stamp("docx"), "zh");
  CHECK(docx.rfind("PK", 0) == 0);
  CHECK(docx == document::docx(sample(), stamp("docx"), "zh")); // no clock in the bytes
  for (const auto* bytes : {&md, &html, &docx}) {
    const auto s = document::read_stamp(*bytes);
    REQUIRE(s.has_value());
    CHECK(s->seq == 42);
    CHECK(s->hash == std::string(64, 'a'));
    CHECK(s->is_public);
  }
  CHECK_FALSE(document::read_stamp("just text").has_value());
  CHECK_FALSE(document::read_stamp("{\"a\": 1}").has_value());
  // A stamp's event number is a whole number: 1e3 or 42.5 was not made by consult.
  for (const char* seq : {"1e3", "42.5", "\"42\""}) {
    CAPTURE(seq);
    const std::string j = std::string(R"({"export":{"at":"2026-11-21T10:00:00+08:00",)") +
                          R"("format":"json","hash":")" + std::string(64, 'a') +
                          R"(","kind":"minutes","public":true,"seq":)" + seq +
                          R"(,"subject":"3"}})";
    CHECK_FALSE(document::read_stamp(j).has_value());
  }
  const std::string whole = std::string(R"({"export":{"at":"2026-11-21T10:00:00+08:00",)") +
                            R"("format":"json","hash":")" + std::string(64, 'a') +
                            R"(","kind":"minutes","public":true,"seq":42,"subject":"3"}})";
  CHECK(document::read_stamp(whole).has_value());
}

TEST_CASE("periods, amounts and places as people write them") {
  auto p = clock::parse_period("2026-Q4");
  REQUIRE(p);
  CHECK(clock::format_date(p->from) == "2026-10-01");
  CHECK(clock::format_date(p->to) == "2026-12-31");
  p = clock::parse_period("2028-02");
  CHECK(clock::format_date(p->to) == "2028-02-29");
  CHECK(clock::parse_period("2026")->to == *clock::parse_date("2026-12-31"));
  CHECK(clock::parse_period("2026-11-01..2026-11-15").has_value());
  CHECK_FALSE(clock::parse_period("2026-11-15..2026-11-01"));
  CHECK_FALSE(clock::parse_period("2026-13"));
  CHECK_FALSE(clock::parse_period("2026-Q5"));

  CHECK(fund::parse_amount("1234.50") == 123450);
  CHECK(fund::parse_amount("1,234.5") == 123450);
  CHECK(fund::parse_amount("¥500") == 50000);
  CHECK(fund::parse_amount("500元") == 50000);
  CHECK(fund::parse_amount("0.01") == 1);
  CHECK_FALSE(fund::parse_amount("12.345"));
  CHECK_FALSE(fund::parse_amount("0"));
  CHECK_FALSE(fund::parse_amount("-5"));
  CHECK_FALSE(fund::parse_amount("5."));
  CHECK(fund::format_amount(123450) == "1,234.50");
  CHECK(fund::format_amount(-5) == "-0.05");
  CHECK(fund::format_amount(100000000) == "1,000,000.00");

  CHECK(personal::mask_place("3号楼2单元301") == "3号楼");
  CHECK(personal::mask_place("5栋1203") == "5栋");
  CHECK(personal::mask_place("小区东门") == "小区东门");
  CHECK(personal::mask_place("1203室") == "***");
}

TEST_CASE("the account book: entries are never edited, a correction reverses") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-30 18:00"));
  const auto c = test::community();
  fund::NewEntry n;
  n.kind = "income";
  n.amount = "500";
  n.party = "张三";
  n.purpose = "众筹";
  n.date = clock::parse_date("2026-11-03");
  fund::add(*l, c, n);
  n.kind = "expense";
  n.amount = "1234.50";
  n.party = "建材店";
  n.date = clock::parse_date("2026-11-20");
  // 500.00 − 1,234.50 = −734.50: refused unless someone advanced it.
  CHECK(kind_of([&] { fund::add(*l, c, n); }) == ErrorKind::data);
  n.advance = true;
  const auto wrong = fund::add(*l, c, n);
  n.advance = false;
  CHECK(fund::balance(*l, "t").balance() == 50000 - 123450);
  const auto r = fund::reverse(*l, c, wrong.id, "录错");
  CHECK(r.signed_amount() == 123450);
  CHECK(fund::balance(*l, "t").balance() == 50000);
  CHECK(kind_of([&] { fund::reverse(*l, c, wrong.id, "again"); }) == ErrorKind::data);
  CHECK(kind_of([&] { fund::reverse(*l, c, r.id, "undo"); }) == ErrorKind::data);
  CHECK(kind_of([&] { fund::reverse(*l, c, wrong.id, ""); }) == ErrorKind::usage);
  n.amount = "12.345";
  CHECK(kind_of([&] { fund::add(*l, c, n); }) == ErrorKind::usage);
  // Balance as of a date, and the statement's carried-forward figure.
  CHECK(fund::balance(*l, "t", clock::parse_date("2026-11-10")).balance() == 50000);
  const auto blocks = fund::statement(*l, c, *clock::parse_period("2026-11"));
  const auto md = document::markdown(blocks, stamp("md"));
  CHECK(md.find("| 张\\* |") != std::string::npos); // an unnamed donor is masked
  CHECK(md.find("- **Carried forward**: 500.00") != std::string::npos);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("minutes: approval locks a snapshot; amendments are appended; exports verify") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 21:00"));
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "路灯不亮";
  n.raised_by = "张小明";
  n.place = "3号楼2单元";
  n.raised_on = clock::parse_date("2026-11-01");
  const auto issue = issues::add(*l, c, n);
  issues::change(*l, issue, {model::IssueAction::accept});
  config::Community with_kind = c;
  with_kind.meeting_kinds = {{"council", "议事会"}};
  meetings::PlanRequest r;
  r.kind = "council";
  r.at = "2026-12-02 19:30";
  r.issues = {issue};
  const auto m = meetings::plan(*l, with_kind, r).meeting.id;
  meetings::note(*l, m, issue, "先查线路", "张小明", "for");
  CHECK(kind_of([&] { minutes::approve(*l, with_kind, m, {}); }) == ErrorKind::data); // open
  meetings::close(*l, with_kind, m);

  auto draft = minutes::render(*l, with_kind, m, stamp("md"));
  CHECK(draft.find("Draft: not yet approved.") != std::string::npos);
  CHECK(draft.find("by 张\\*明") != std::string::npos); // public: a resident masked
  CHECK(draft.find("| 张\\*明 | for | 先查线路 |") != std::string::npos);
  CHECK(draft.find("3号楼2单元") == std::string::npos);

  CHECK(kind_of([&] { minutes::amend(*l, m, "x", "陈"); }) == ErrorKind::data); // a draft
  const auto st = minutes::approve(*l, with_kind, m, {"王一"});
  CHECK(st.approved);
  CHECK(kind_of([&] { minutes::approve(*l, with_kind, m, {}); }) == ErrorKind::data);
  const auto approved_seq = l->head()->seq;
  const auto amended = minutes::amend(*l, m, "补记", "李二");
  CHECK(amended.amendments.size() == 1);
  auto s = stamp("md");
  s.seq = approved_seq;
  const auto before = minutes::render(*l, with_kind, m, s);
  CHECK(before.find("Amendments") == std::string::npos); // not yet at that event
  s.seq = l->head()->seq;
  const auto after = minutes::render(*l, with_kind, m, s);
  CHECK(after.find("Amendment 1 (2026-12-02 21:00, 李二): 补记") != std::string::npos);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("escaped Markdown: minutes exported before it still verify, and new ones too") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 21:00"));
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "<b>x</b> 路灯不亮";
  n.raised_on = clock::parse_date("2026-11-01");
  const auto issue = issues::add(*l, c, n);
  issues::change(*l, issue, {model::IssueAction::accept});
  config::Community with_kind = c;
  with_kind.meeting_kinds = {{"council", "议事会"}};
  meetings::PlanRequest r;
  r.kind = "council";
  r.at = "2026-12-02 19:30";
  r.issues = {issue};
  const auto m = meetings::plan(*l, with_kind, r).meeting.id;
  meetings::note(*l, m, issue, "[a](javascript:x) <img src=x onerror=alert(1)>", "王一", "for");
  config::Config cfg;
  cfg.communities = {with_kind};

  // What writer 1 made (the stamp names no writer): the text as it was.
  auto s = minutes::stamp_now(*l, "minutes", std::to_string(m), "md", true, with_kind.timezone);
  s.renderer = 1;
  const auto old = minutes::render(*l, with_kind, m, s);
  CHECK(old.find("<b>x</b> 路灯不亮") != std::string::npos);
  CHECK(old.find("[a](javascript:x) <img src=x onerror=alert(1)>") != std::string::npos);
  CHECK(old.find("\"renderer\"") == std::string::npos);
  // This ledger was made at schema 9, with writer 2: no document of it can
  // have been made by writer 1, so such a stamp was altered (writer-1 files
  // of older ledgers verify: tests/e2e/t_export_compat.sh).
  const auto downgraded = exports::check(*l, cfg, old);
  CHECK_FALSE(downgraded.ok);
  CHECK(downgraded.problem.find("its stamp was altered") != std::string::npos);
  auto altered = old;
  altered.replace(altered.find("路灯不亮"), std::string("路灯不亮").size(), "路灯已修");
  CHECK_FALSE(exports::check(*l, cfg, altered).ok);

  // A new export: writer 5 (escaped like writer 2), verified with writer 5.
  const auto now = minutes::render(
      *l, with_kind, m,
      minutes::stamp_now(*l, "minutes", std::to_string(m), "md", true, with_kind.timezone));
  CHECK(now.find("&lt;b&gt;x&lt;/b&gt; 路灯不亮") != std::string::npos);
  CHECK(now.find("\\[a\\](javascript:x) &lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(now.find("\"renderer\":5") != std::string::npos);
  CHECK(exports::check(*l, cfg, now).ok);
  // Writer 1's bytes under a writer-5 stamp, or the reverse, do not match.
  auto relabelled = now;
  relabelled.replace(relabelled.find("\"renderer\":5,"), std::string("\"renderer\":5,").size(), "");
  CHECK_FALSE(exports::check(*l, cfg, relabelled).ok);
  // A writer this consult does not have: made by a newer consult.
  auto newer = now;
  newer.replace(newer.find("\"renderer\":5"), std::string("\"renderer\":5").size(),
                "\"renderer\":6");
  CHECK(kind_of([&] { exports::check(*l, cfg, newer); }) == ErrorKind::data);
}

TEST_CASE("fund payloads: a named donor, a masked one, a reversal, as they were always written") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-30 18:00"));
  const auto c = test::community();
  // The last event, which its payload type reads and writes back the same.
  auto last = [&](std::string_view kind) {
    const auto e = l->head();
    REQUIRE(e.has_value());
    CHECK(e->kind == kind);
    const auto* k = events::find(e->kind);
    REQUIRE(k != nullptr);
    const bool typed = k->reread != nullptr;
    REQUIRE(typed);
    // As written: its personal data unsealed (consult/sealing.hpp).
    const auto written = ledger::canonical(l->payload_of(*e));
    CHECK(ledger::canonical(k->reread(nlohmann::json::parse(written))) == written);
    return written;
  };
  fund::NewEntry n;
  n.kind = "income";
  n.amount = "1500"; // enough for the expense below: a book does not go below zero
  n.party = "张三";
  n.purpose = "众筹";
  n.named = true;
  n.date = clock::parse_date("2026-11-03");
  fund::add(*l, c, n);
  CHECK(last(events::kFundAdd) ==
        R"({"amount":150000,"community":"t","date":"2026-11-03","id":1,"issue":null,)"
        R"("kind":"income","named":true,"party":"张三","purpose":"众筹","reason":"",)"
        R"("reverses":null})");
  n.kind = "expense";
  n.amount = "1234.50";
  n.party = "建材店";
  n.named = false;
  n.date = clock::parse_date("2026-11-20");
  const auto wrong = fund::add(*l, c, n);
  CHECK(last(events::kFundAdd) ==
        R"({"amount":123450,"community":"t","date":"2026-11-20","id":2,"issue":null,)"
        R"("kind":"expense","named":false,"party":"建材店","purpose":"众筹","reason":"",)"
        R"("reverses":null})");
  fund::reverse(*l, c, wrong.id, "录错");
  const auto reversal = last(events::kFundReverse);
  CHECK(reversal ==
        R"({"amount":123450,"community":"t","date":"2026-11-30","id":3,"issue":null,)"
        R"("kind":"expense","named":false,"party":"建材店","purpose":"众筹","reason":"录错",)"
        R"("reverses":2})");
  const auto r = events::FundEntry::from_json(nlohmann::json::parse(reversal));
  CHECK(r.reverses == 2);
  CHECK_FALSE(r.issue.has_value());
  CHECK(r.entity() == "fund:3");
  CHECK(ledger::verify(*l).ok);

  // An entry for an issue names it.
  events::FundEntry f = r;
  f.issue = 8;
  f.reverses.reset();
  f.reason.clear();
  const auto back = events::FundEntry::from_json(f.to_json());
  CHECK(back.issue == 8);
  CHECK(ledger::canonical(back.to_json()).find(R"("issue":8)") != std::string::npos);
  CHECK(ledger::canonical(back.to_json()).find(R"("reverses":null)") != std::string::npos);
}
