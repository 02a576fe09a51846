// consult forget (consult/forget.hpp): what is erased, what stays, and that
// the ledger still verifies.

#include "consult/error.hpp"
#include "consult/forget.hpp"
#include "consult/issues.hpp"
#include "consult/ledger.hpp"

#include "helpers.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

using namespace consult;

namespace {

std::unique_ptr<ledger::Ledger> two_residents() {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "王立方家门口的灯坏了";
  n.raised_by = "王立方";
  n.phone = "13912345678";
  n.place = "5号楼2单元502室";
  issues::add(*l, c, n); // 1
  n.title = "停车难";
  n.raised_by = "李娜";
  n.phone = "13900001111";
  n.place = "3号楼1单元201室";
  n.stakeholders = {"王立方", "物业公司"};
  issues::add(*l, c, n); // 2
  issues::change(*l, 2, {model::IssueAction::accept});
  issues::change(*l, 2, {model::IssueAction::consult});
  issues::comment(*l, 2, "王立方", "我同意李娜的意见，电话13912345678");
  issues::comment(*l, 2, "王一", "王立方说得对");
  return l;
}

clock::Date day(const char* d) {
  return *clock::parse_date(d);
}

} // namespace

TEST_CASE("a resident forgotten: their name everywhere, their own contacts; others keep theirs") {
  auto l = two_residents();
  forget::Request r;
  r.residents = {"王立方"};
  r.reason = "本人申请删除";
  r.login = "clerk";
  const auto res = forget::forget(*l, r, day("2026-11-21"));
  CHECK(res.event_seq > 0);
  CHECK(res.values == 4);
  CHECK(ledger::verify(*l).ok);
  const auto one = issues::get(*l, 1);
  const auto mark = forget::erased_name(res.event_seq, 1);
  CHECK(one.raised_by == mark);
  CHECK(one.phone.empty());
  CHECK(one.place == "5号楼");
  CHECK(one.title == "〔已删除〕家门口的灯坏了");
  const auto two = issues::get(*l, 2);
  CHECK(two.raised_by == "李娜"); // another resident's record keeps its contacts
  CHECK(two.phone == "13900001111");
  CHECK(two.place == "3号楼1单元201室");
  const auto stake =
      l->db().execAndGet("SELECT group_concat(name, ',') FROM issue_stakeholder WHERE issue = 2")
          .getString();
  CHECK(stake.find(mark) != std::string::npos); // the same mark in every record
  CHECK(stake.find("物业公司") != std::string::npos);
  const auto opinions = issues::comments(*l, 2);
  REQUIRE(opinions.size() == 2);
  CHECK(opinions[0].author == mark);
  CHECK(opinions[0].body.find("13912345678") == std::string::npos); // his own record's text
  CHECK(opinions[1].author == "王一");
  CHECK(opinions[1].body == "〔已删除〕说得对");
  // Nothing of his is left in any value or table.
  CHECK(l->db().execAndGet("SELECT count(*) FROM personal_value WHERE instr(coalesce(value, '') "
                           "|| coalesce(shown, ''), '王立方') > 0")
            .getInt() == 0);
  // The erasure names no one.
  const auto e = *l->head();
  CHECK(e.kind == "privacy.forget");
  const auto p = l->payload_of(e);
  CHECK(p.at("residents") == 1);
  CHECK(p.at("login") == "clerk");
  CHECK(p.dump().find("王立方") == std::string::npos);
  // Asked again: nothing left to erase, nothing written.
  const auto count = l->event_count();
  CHECK(forget::forget(*l, r, day("2026-11-21")).event_seq == 0);
  CHECK(l->event_count() == count);
}

TEST_CASE("an issue forgotten: its residents' data in its own records; councillors stay") {
  auto l = two_residents();
  forget::Request r;
  r.issues = {2};
  r.reason = "反映人申请删除";
  r.spare = [](const std::string& name, const std::string&) { return name == "王一"; };
  const auto res = forget::forget(*l, r, day("2026-11-21"));
  CHECK(res.issues == std::vector<std::int64_t>{2});
  CHECK(ledger::verify(*l).ok);
  const auto two = issues::get(*l, 2);
  CHECK(two.raised_by.rfind("〔已删除", 0) == 0);
  CHECK(two.phone.empty());
  CHECK(two.place == "3号楼");
  CHECK(issues::comments(*l, 2)[1].author == "王一");
  // Issue 1 is not issue 2's: its raiser keeps his data there.
  CHECK(issues::get(*l, 1).raised_by == "王立方");
  CHECK(issues::get(*l, 1).phone == "13912345678");
}

TEST_CASE("mistakes and dry runs change nothing") {
  auto l = two_residents();
  const auto before = l->head()->hash;
  forget::Request r;
  CHECK(test::kind_of([&] { forget::forget(*l, r, day("2026-11-21")); }) == ErrorKind::usage);
  r.residents = {"王立方"};
  CHECK(test::kind_of([&] { forget::forget(*l, r, day("2026-11-21")); }) == ErrorKind::usage);
  r.reason = "x";
  r.issues = {99};
  CHECK(test::kind_of([&] { forget::forget(*l, r, day("2026-11-21")); }) == ErrorKind::no_input);
  r.issues.clear();
  r.dry_run = true;
  const auto res = forget::forget(*l, r, day("2026-11-21"));
  CHECK(res.values == 4);
  CHECK(res.event_seq == 0);
  CHECK(l->head()->hash == before);
  CHECK(issues::get(*l, 1).raised_by == "王立方");
}

TEST_CASE("the retention period: issues closed, rejected or merged longer ago") {
  auto l = ledger::Ledger::in_memory(test::session("2024-01-10 10:00"));
  const auto c = test::community();
  issues::NewIssue n;
  n.raised_by = "赵强";
  n.phone = "13600002222";
  n.title = "一";
  issues::add(*l, c, n);
  n.title = "二";
  issues::add(*l, c, n);
  issues::change(*l, 1, {model::IssueAction::reject, "不属于社区事务"});
  forget::Request r;
  r.reason = "保存期满";
  r.expired_years = 2;
  // 2024-01-10 + 2 years: not yet on 2026-01-09, due on 2026-01-11.
  CHECK(forget::forget(*l, r, day("2026-01-09")).event_seq == 0);
  CHECK(forget::forget(*l, r, day("2026-01-11")).issues == std::vector<std::int64_t>{1});
  CHECK(issues::get(*l, 1).phone.empty());
  CHECK(issues::get(*l, 2).phone == "13600002222"); // still open
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("the erased bytes are gone from the ledger file") {
  test::TempDir dir;
  const auto path = dir.file("l.db");
  ledger::Ledger::init(path, test::session());
  {
    ledger::Ledger l(path, ledger::Access::write, test::session());
    issues::NewIssue n;
    n.title = "楼道灯";
    n.raised_by = "欧阳立方";
    n.phone = "13912345678";
    issues::add(l, test::community(), n);
    issues::change(l, 1, {model::IssueAction::accept}); // an update leaves old cells behind
    forget::Request r;
    r.residents = {"欧阳立方"};
    r.reason = "本人申请";
    CHECK(forget::forget(l, r, day("2026-11-21")).compacted);
    CHECK(ledger::verify(l).ok);
  }
  for (const auto& file : {path, path + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    if (!in) continue;
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    CAPTURE(file);
    CHECK(bytes.find("欧阳立方") == std::string::npos);
    CHECK(bytes.find("13912345678") == std::string::npos);
  }
}

TEST_CASE("a longer name that holds the erased one, and a councillor's namesake, stay") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "屋顶漏水";
  n.raised_by = "王芳";
  n.phone = "13912345678";
  n.place = "5号楼2单元502室";
  issues::add(*l, c, n); // 1
  n.title = "王芳芳反映电梯坏了";
  n.raised_by = "王芳芳";
  n.phone = "13800001111";
  n.place = "6号楼1单元301室";
  issues::add(*l, c, n); // 2
  n.title = "楼道堆物";
  n.raised_by = "王一"; // a resident who shares a councillor's name
  n.phone = "13700002222";
  n.place = "";
  issues::add(*l, c, n); // 3
  issues::change(*l, 1, {model::IssueAction::accept});
  issues::change(*l, 1, {model::IssueAction::consult});
  issues::comment(*l, 1, "王芳芳",
                  "同意，王芳家502室确实漏水，她电话139-1234-5678，物业电话13700009999");
  issues::comment(*l, 1, "王一", "先查漏点");
  forget::Request r;
  r.residents = {"王芳", "王一"};
  r.reason = "王芳本人申请删除，电话13912345678";
  // 王一 sits on the council: a speaker, author or chair of that name is
  // the councillor; whoever raised an issue is a resident.
  r.spare = [](const std::string& name, const std::string& key) {
    return name == "王一" && key != "raised_by";
  };
  const auto res = forget::forget(*l, r, day("2026-11-21"));
  REQUIRE(res.event_seq > 0);
  CHECK(ledger::verify(*l).ok);
  // 王芳芳 keeps her name, title, phone and door.
  const auto two = issues::get(*l, 2);
  CHECK(two.raised_by == "王芳芳");
  CHECK(two.title == "王芳芳反映电梯坏了");
  CHECK(two.phone == "13800001111");
  const auto opinions = issues::comments(*l, 1);
  REQUIRE(opinions.size() == 2);
  CHECK(opinions[0].author == "王芳芳");
  // What she wrote loses 王芳's name and phone however it was written; the
  // other number in it is not 王芳's and stays as it was.
  CHECK(opinions[0].body ==
        "同意，〔已删除〕家502室确实漏水，她电话〔已删除〕，物业电话13700009999");
  // The resident 王一's own issue is erased; the councillor's opinion is not.
  CHECK(issues::get(*l, 3).raised_by.rfind("〔已删除", 0) == 0);
  CHECK(issues::get(*l, 3).phone.empty());
  CHECK(opinions[1].author == "王一");
  // The reason loses the name and phone it gave.
  const auto reason = l->payload_of(*l->head()).at("reason").get<std::string>();
  CHECK(reason.find("王芳") == std::string::npos);
  CHECK(reason.find("13912345678") == std::string::npos);
}

TEST_CASE("an organisation's name is not a resident's: refused") {
  auto l = two_residents();
  forget::Request r;
  r.residents = {"物业公司"};
  r.reason = "x";
  r.spare = [](const std::string& name, const std::string&) { return name == "物业公司"; };
  const auto before = l->head()->hash;
  CHECK(test::kind_of([&] { forget::forget(*l, r, day("2026-11-21")); }) == ErrorKind::data);
  CHECK(l->head()->hash == before);
}
