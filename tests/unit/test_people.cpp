// Who a name belongs to, as recorded: the council's members, the
// community's organisations and a meeting's guests are named; everyone else
// is a resident and masked — whatever their name ends in.

#include "helpers.hpp"

#include "consult/events.hpp"
#include "consult/people.hpp"
#include "consult/reveal.hpp"

#include <doctest/doctest.h>

using namespace consult;
using nlohmann::json;

namespace {

config::Community with_organisations() {
  return config::parse_community(R"(id = "t"
name = "测试社区"
organisations = ["和平街道办事处", "物业公司", " 和平里小学 "]
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{ name = "王一" }, { name = "李二" }]
)",
                                 "t.toml");
}

} // namespace

TEST_CASE("a name that ends like a body's is a resident's unless recorded otherwise") {
  const people::Directory who(with_organisations());
  using F = people::Field;
  // Residents whose names a guess from the last character took for bodies.
  for (const char* n : {"李方", "王立方", "赵小方", "陈晓方", "陈晓会", "孙小部", "李处", "刘所"}) {
    CAPTURE(n);
    for (auto f : {F::resident, F::proxy, F::speaker}) {
      CHECK(who.kind_of(n, f) == people::Kind::resident);
      CHECK(who.shown(n, f) != n);
      CHECK(who.shown(n, f, true) == n);
    }
  }
  CHECK(who.shown("李方", F::resident) == "李*");
  CHECK(who.shown("王立方", F::speaker) == "王*方");
  // Bodies the community lists are named in every field.
  for (auto f : {F::resident, F::proxy, F::speaker}) {
    CHECK(who.kind_of("和平街道办事处", f) == people::Kind::body);
    CHECK(who.shown("和平街道办事处", f) == "和平街道办事处");
    CHECK(who.shown("和平里小学", f) == "和平里小学"); // trimmed in the TOML
  }
  // A councillor speaks and holds proxies as a member...
  CHECK(who.kind_of("王一", F::speaker) == people::Kind::member);
  CHECK(who.shown("王一", F::proxy) == "王一");
  // ...but where the record holds a resident (whoever raised an issue, an
  // owner, a donor), a namesake of a councillor is a resident.
  CHECK(who.kind_of("王一", F::resident) == people::Kind::resident);
  CHECK(who.shown("王一", F::resident) == "王*");
  // Not listed: a body's name is masked like a resident's — never guessed.
  CHECK(who.kind_of("某某建材店", F::speaker) == people::Kind::resident);
  CHECK(who.shown("某某建材店", F::resident) != "某某建材店");
  CHECK(who.shown_all({"王一", "李方", "物业公司"}, F::speaker) == "王一、李*、物业公司");
  CHECK(who.shown("", F::resident) == "");
}

TEST_CASE("a meeting's guests are named where they speak, and nowhere else") {
  using F = people::Field;
  const people::Directory who(with_organisations());
  people::Directory meeting = who;
  meeting.add("何工", people::Kind::guest);
  CHECK(meeting.shown("何工", F::speaker) == "何工");
  CHECK(who.shown("何工", F::speaker) == "何*"); // only where the meeting recorded them
  // A guest recorded with a resident's name does not unmask the resident
  // who raised an issue, nor one holding a proxy.
  meeting.add("李方", people::Kind::guest);
  CHECK(meeting.shown("李方", F::resident) == "李*");
  CHECK(meeting.shown("李方", F::proxy) == "李*");
  // A resident recorded as taking part is a resident in every field of the
  // meeting, whoever else has the name.
  meeting.add("王一", people::Kind::resident);
  CHECK(meeting.shown("王一", F::speaker) == "王*");
  CHECK(meeting.shown("王一", F::proxy) == "王*");
  meeting.add("物业公司", people::Kind::resident); // listed as an organisation: stays one
  CHECK(meeting.shown("物业公司", F::speaker) == "物业公司");
}

TEST_CASE("organisations in the community's TOML: a list of names") {
  CHECK(with_organisations().organisations ==
        std::vector<std::string>{"和平街道办事处", "物业公司", "和平里小学"});
  CHECK(config::to_json(with_organisations()).at("organisations").size() == 3);
  // A community without them describes itself in the ledger as before.
  CHECK_FALSE(config::to_json(test::community()).contains("organisations"));
  const auto bad = [](const char* value) {
    return test::kind_of([&] {
      config::parse_community(std::string("id = \"t\"\nname = \"x\"\norganisations = ") + value +
                                  "\n[council]\nname = \"c\"\n",
                              "t.toml");
    });
  };
  CHECK(bad("[1]") == ErrorKind::config);
  CHECK(bad("[\"  \"]") == ErrorKind::config);
  CHECK(bad("\"物业公司\"") == ErrorKind::config);
}

TEST_CASE("event payloads as the log shows them: residents masked, members and bodies named") {
  const json add = {{"raised_by", "李方"},
                    {"phone", "13912345678"},
                    {"place", "3号楼2单元502室"},
                    {"stakeholders", {"王立方", "物业公司"}},
                    {"title", "楼道堆放杂物"},
                    {"extra", {{"手机2", "13700001111"}, {"身份证号", "110101199001011234"}}}};
  const auto m = events::masked_payload("issue.add", add);
  const auto text = m.dump();
  for (const char* raw : {"李方", "13912345678", "502", "王立方", "13700001111", "110101199001011234"}) {
    CAPTURE(raw);
    CHECK(text.find(raw) == std::string::npos);
  }
  CHECK(m.at("raised_by") == "李*");
  CHECK(m.at("place") == "3号楼");
  CHECK(m.at("title") == "楼道堆放杂物");
  // The payload given is not changed.
  CHECK(add.at("raised_by") == "李方");

  // People recorded with a role: members and guests named, others masked.
  const json attend = {{"id", 1},
                       {"people",
                        {{{"name", "王一"}, {"role", "member"}, {"proxy", "周晓"}},
                         {{"name", "何工"}, {"role", "guest"}, {"detail", "区房管局"}},
                         {{"name", "孙小部"}, {"role", "resident"}},
                         {{"name", "欧阳立方"}, {"role", "stakeholder"}}}}};
  const auto a = events::masked_payload("meeting.attend", attend);
  CHECK(a["people"][0]["name"] == "王一");
  CHECK(a["people"][0]["proxy"] == "周*");
  CHECK(a["people"][1]["name"] == "何工");
  CHECK(a["people"][2]["name"] == "孙*部");
  CHECK(a["people"][3]["name"] == "欧阳*方");

  // A donor is named only when recorded as named.
  CHECK(events::masked_payload("fund.add", {{"party", "陈晓方"}, {"named", false}})["party"] ==
        "陈*方");
  CHECK(events::masked_payload("fund.add", {{"party", "钱文静"}, {"named", true}})["party"] ==
        "钱文静");
  // The community's configuration names its members.
  const json sync = {{"config", {{"council", {{"seats", {{{"members", {{{"name", "王一"}, {"role", "主任"}}}}}}}}}}}};
  CHECK(events::masked_payload("community.sync", sync) == sync);
}

TEST_CASE("a reveal is recorded with who, when, the command and numbers only") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  CHECK(reveal::list(*l).empty());
  const auto r = reveal::record(*l, "issue show", "t", {{"issues", {12}}}, "clerk7");
  CHECK(r.actor == "tester");
  CHECK(r.login == "clerk7"); // the account, whatever name --as gave
  CHECK(r.command == "issue show");
  reveal::record(*l, "log", "", {{"events", {1, 2}}}, "clerk7");
  const auto all = reveal::list(*l);
  REQUIRE(all.size() == 2);
  CHECK(all[0].seq == r.seq);
  CHECK(all[0].records == json{{"issues", {12}}});
  CHECK(all[1].command == "log");
  // Nothing but numbers: a name cannot be put into the record.
  const auto before = l->event_count();
  CHECK(test::kind_of([&] { reveal::record(*l, "issue show", "t", {{"issues", {"李方"}}}, "x"); }) ==
        ErrorKind::internal);
  CHECK(l->event_count() == before);
  CHECK(reveal::to_json(all[0]).at("records") == json{{"issues", {12}}});
  CHECK(reveal::to_json(all[0]).at("login") == "clerk7");
}

TEST_CASE("documents stamped before typed persons keep their old masking") {
  // Only for `verify --export` of such documents: the guess from the
  // ending, the old cut of a name and of a place, byte for byte.
  CHECK(people::legacy::mask_person("物业公司") == "物业公司");
  CHECK(people::legacy::mask_person("李方") == "李方"); // the leak typed persons end
  CHECK(people::legacy::mask_person("张小明") == "张*明");
  CHECK(people::legacy::mask_name("马淑芬、杜永强") == "马淑****强");
  CHECK(people::legacy::mask_place("3号楼2单元301") == "3号楼");
  CHECK(people::legacy::mask_place("1203室") == "***");
  CHECK(people::legacy::mask_place("三单元五〇二室") == "三单元五〇二室");
}

TEST_CASE("the log masks, in a payload's free text, the residents it names and any phone or door") {
  const json add = {{"raised_by", "张小明"},
                    {"title", "张小明家门口积水，电话138-1234-1234"},
                    {"body", "住5号楼2单元502室"},
                    {"category", "facility-repair"}};
  const auto m = events::masked_payload("issue.add", add);
  CHECK(m.at("raised_by") == "张*明");
  CHECK(m.at("title") == "张*明家门口积水，电话138-****-1234");
  CHECK(m.at("body") == "住5号楼");
  CHECK(m.at("category") == "facility-repair");
  // A councillor in a role is named, in their field and in the text.
  const json plan = {{"people", {{{"name", "王建国"}, {"role", "member"}},
                                 {{"name", "李四平"}, {"role", "stakeholder"}}}},
                     {"venue", "王建国主持，李四平家楼下"}};
  CHECK(events::masked_payload("meeting.plan", plan).at("venue") == "王建国主持，李*平家楼下");
}
