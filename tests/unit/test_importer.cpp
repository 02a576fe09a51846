#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_issue.hpp"
#include "consult/events_owners.hpp"
#include "consult/importer.hpp"
#include "consult/issues.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <sstream>

using namespace consult;
using nlohmann::json;

namespace {

const char* kBox = "意见箱登记表,,,\n"
                   "提交日期,姓名,联系电话,问题类型,反映内容,备注\n"
                   "2026/11/3,张小明,13812341234,设施维修,3号楼屋顶漏水。请尽快修。,\n"
                   "2026年11月4日,李娜,,停车,晚上停车难,已回访\n"
                   "2026-11-05,,,下水道,9号楼下水道堵塞,\n";

importer::Summary run(ledger::Ledger& l, const std::string& csv, importer::Options opt = {},
                      const importer::RejectSink& sink = {}) {
  if (opt.name.empty()) opt.name = "box.csv";
  std::istringstream in(csv);
  importer::Summary sum;
  importer::import_csv(l, test::community(), in, opt, sum, sink);
  return sum;
}

} // namespace

TEST_CASE("headers are found by their synonyms, below title rows") {
  config::ImportMap none;
  CHECK(importer::field_for_header("提交日期", none) == "date");
  CHECK(importer::field_for_header(" 反映内容 ", none) == "content");
  CHECK(importer::field_for_header("联系电话（手机）", none) == "phone");
  CHECK(importer::field_for_header("反映人", none) == "name");
  CHECK(importer::field_for_header("建议人", none) == "name");
  CHECK(importer::field_for_header("问题类型", none) == "category");
  CHECK(importer::field_for_header("居民诉求", none) == "content");
  CHECK(importer::field_for_header("Date", none) == "date");
  CHECK(importer::field_for_header("楼栋", none) == "place");
  CHECK(importer::field_for_header("备注", none) == "");
  // A questionnaire's IP address and the place derived from it are kept and
  // masked, not read as the issue's place or channel (地址, 位置, 来源).
  CHECK(importer::field_for_header("IP地址", none) == "");
  CHECK(importer::field_for_header("地理位置", none) == "");
  CHECK(importer::field_for_header("来源地区", none) == "");
  CHECK(importer::field_for_header("来自IP", none) == "");
  config::ImportMap map;
  map.columns = {{"备注", "title"}};
  CHECK(importer::field_for_header("备注", map) == "title");
}

TEST_CASE("an import adds one event, its rows as items, issues as a projection") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto before = l->event_count();
  const auto sum = run(*l, kBox);
  CHECK(sum.header_row == 2);
  CHECK(sum.rows == 3);
  CHECK(sum.added == 3);
  CHECK(sum.first_id == 1);
  CHECK(sum.last_id == 3);
  CHECK(sum.written);
  CHECK(l->event_count() == before + 2); // community.sync + issue.import
  CHECK(l->head()->kind == "issue.import");
  const auto first = issues::get(*l, 1);
  CHECK(first.title == "3号楼屋顶漏水");
  CHECK(first.body == "3号楼屋顶漏水。请尽快修。");
  CHECK(first.raised_on == "2026-11-03");
  CHECK(first.category == "facility-repair");
  CHECK(first.channel == "suggestion-box");
  CHECK(first.source_row == 3);
  CHECK(issues::get(*l, 2).extra == R"({"备注":"已回访"})");
  // A category matching no key: kept verbatim beside 'other', counted.
  const auto third = issues::get(*l, 3);
  CHECK(third.category == "other");
  CHECK(third.category_text == "下水道");
  CHECK(sum.unmapped_categories.at("下水道") == 1);
  CHECK(sum.kept_columns == std::vector<std::string>{"备注"});
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("importing the same rows again adds nothing") {
  auto l = ledger::Ledger::in_memory(test::session());
  run(*l, kBox);
  const auto again = run(*l, kBox);
  CHECK(again.added == 0);
  CHECK(again.duplicates == 3);
  // An overlapping later export: only the new row is added.
  const auto later = run(*l, std::string(kBox) + "2026-11-06,王芳,,安全,楼道电动车充电,\n");
  CHECK(later.added == 1);
  CHECK(later.duplicates == 3);
  CHECK(issues::list(*l, {}).size() == 4);
  // The same row twice in one file counts once.
  const auto twice = run(*l, "日期,内容\n2026-11-07,同一条\n2026-11-07,同一条\n");
  CHECK(twice.added == 1);
  CHECK(twice.duplicates == 1);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("one bad row and nothing is imported; every bad row is reported") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto before = l->event_count();
  const std::string csv = "日期,内容,电话\n"
                          "2026-11-01,好的一行,\n"
                          "2026-02-30,日期不存在,\n"
                          "2026-11-02,,\n"
                          "2026-11-03,电话不对,call me\n"
                          "2026-12-25,将来的日期,\n";
  std::istringstream in(csv);
  importer::Summary sum;
  importer::Options opt;
  opt.name = "bad.csv";
  try {
    importer::import_csv(*l, test::community(), in, opt, sum);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()) == "4 of 5 rows are bad; nothing was imported");
  }
  REQUIRE(sum.errors.size() == 4);
  CHECK(sum.errors[0].row == 3);
  CHECK(sum.errors[0].column == "日期");
  CHECK(sum.errors[0].value == "2026-02-30");
  CHECK(sum.errors[0].reason == "no such date");
  CHECK(sum.errors[1].row == 4);
  CHECK(sum.errors[1].column == "内容");
  CHECK(sum.errors[2].column == "电话");
  CHECK(sum.errors[3].reason.find("future") != std::string::npos);
  CHECK(l->event_count() == before);
  CHECK(issues::list(*l, {}).empty());
}

TEST_CASE("--skip-bad imports the good rows and hands over the bad ones") {
  auto l = ledger::Ledger::in_memory(test::session());
  importer::Options opt;
  opt.skip_bad = true;
  std::vector<std::pair<std::int64_t, std::string>> rejected;
  const auto sum = run(*l, "日期,内容\n2026-11-01,好\n2026-13-01,坏\n2026-11-02,也好\n", opt,
                       [&](const auto&, const intake::Record& r, const std::string& why) {
                         rejected.emplace_back(r.line, why);
                       });
  CHECK(sum.added == 2);
  CHECK(sum.rejected == 1);
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].first == 3);
  CHECK(rejected[0].second == "日期: no such date");
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("a dry run writes nothing") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto before = l->event_count();
  importer::Options opt;
  opt.dry_run = true;
  const auto sum = run(*l, kBox, opt);
  CHECK(sum.added == 3);
  CHECK_FALSE(sum.written);
  CHECK(l->event_count() == before);
}

TEST_CASE("no header, too many cells, and unknown columns under a reject policy") {
  auto l = ledger::Ledger::in_memory(test::session());
  CHECK_THROWS_AS(run(*l, "a,b\n1,2\n"), Error);
  try {
    run(*l, "日期,内容\n2026-11-01,x,多出来的\n");
    FAIL("expected an error");
  } catch (const Error&) {
  }
  importer::Options opt;
  opt.map.reject_unknown_columns = true;
  CHECK_THROWS_AS(run(*l, "日期,内容,备注\n2026-11-01,x,y\n", opt), Error);
  importer::Options chan;
  chan.map.reject_unknown_category = true;
  CHECK_THROWS_AS(run(*l, "日期,内容,类别\n2026-11-01,x,天气\n", chan), Error);
  CHECK(issues::list(*l, {}).empty());
}

TEST_CASE("channel values map through keys, labels and the mapping file") {
  auto l = ledger::Ledger::in_memory(test::session());
  importer::Options opt;
  opt.map.channels = {{"群聊", "wechat-group"}};
  run(*l,
      "日期,内容,渠道\n2026-11-01,一,意见箱\n2026-11-01,二,wechat-group\n"
      "2026-11-01,三,群聊\n2026-11-01,四,12345热线\n",
      opt);
  CHECK(issues::get(*l, 1).channel == "suggestion-box");
  CHECK(issues::get(*l, 2).channel == "wechat-group");
  CHECK(issues::get(*l, 3).channel == "wechat-group");
  CHECK(issues::get(*l, 4).channel_text == "12345热线");
  CHECK(issues::get(*l, 4).channel == "other");
}

TEST_CASE("a channel or category no key matches goes to other with its text, though the "
          "community's file lists no other channel") {
  // The finding: such rows were counted under the community's first channel.
  const auto c = test::community();
  REQUIRE(c.implied_other_channel);
  REQUIRE_FALSE(c.implied_other_category);
  auto l = ledger::Ledger::in_memory(test::session());
  importer::Options opt;
  opt.default_channel = "wechat-group"; // for rows that name no channel, not for unknown ones
  const auto sum = run(*l,
                       "日期,内容,渠道,类别\n"
                       "2026-11-01,一,12345热线,下水道\n"
                       "2026-11-01,二,,\n"
                       "2026-11-02,三,12345热线,停车\n"
                       "2026-11-02,四,意见箱,路灯\n",
                       opt);
  CHECK(sum.added == 4);
  const auto one = issues::get(*l, 1);
  CHECK(one.channel == "other");
  CHECK(one.channel_text == "12345热线");
  CHECK(one.category == "other");
  CHECK(one.category_text == "下水道");
  const auto two = issues::get(*l, 2);
  CHECK(two.channel == "wechat-group"); // names none: --channel
  CHECK(two.channel_text.empty());
  CHECK(two.category == "other");
  CHECK(two.category_text.empty());
  CHECK(issues::get(*l, 3).channel == "other");
  CHECK(issues::get(*l, 3).category == "parking");
  CHECK(issues::get(*l, 4).channel == "suggestion-box");
  CHECK(sum.unmapped_channels == std::map<std::string, std::int64_t>{{"12345热线", 2}});
  CHECK(sum.unmapped_categories ==
        std::map<std::string, std::int64_t>{{"下水道", 1}, {"路灯", 1}});
  // Without --channel, a row that names none gets the first channel, as the
  // file lists no other; one that names an unknown one still goes to other.
  auto m = ledger::Ledger::in_memory(test::session());
  run(*m, "日期,内容,渠道\n2026-11-01,一,\n2026-11-01,二,热线\n");
  CHECK(issues::get(*m, 1).channel == "suggestion-box");
  CHECK(issues::get(*m, 2).channel == "other");
  CHECK(ledger::verify(*m).ok);
}

TEST_CASE("verify catches a changed, added or removed import row") {
  auto l = ledger::Ledger::in_memory(test::session());
  run(*l, kBox);
  test::forge(l->db(),
              "UPDATE event_item SET data = replace(data, '\"row\":', '\"row\":1') WHERE n = 2");
  auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.problem.find("attached rows") != std::string::npos);
  // The row's text is sealed beside it: changed there, it no longer matches
  // the reference the row holds.
  l = ledger::Ledger::in_memory(test::session());
  run(*l, kBox);
  test::forge(l->db(), "UPDATE personal_value SET value = replace(value, '停车难', '停车易')");
  r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.problem.find("was changed") != std::string::npos);

  auto m = ledger::Ledger::in_memory(test::session());
  run(*m, kBox);
  m->db().exec("PRAGMA foreign_keys = OFF");
  m->db().exec("INSERT INTO event_item VALUES (999, 1, NULL, '{}')");
  CHECK_FALSE(ledger::verify(*m).ok);
}

TEST_CASE("the community's synonyms map channel and category words") {
  auto l = ledger::Ledger::in_memory(test::session());
  auto c = test::community();
  c.channel_synonyms = {{"群里反映", "wechat-group"}};
  c.category_synonyms = {{"路灯", "facility-repair"}};
  std::istringstream in("日期,内容,渠道,类别\n2026-11-01,路灯不亮,群里反映,路灯\n");
  importer::Options opt;
  opt.name = "s.csv";
  importer::Summary sum;
  importer::import_csv(*l, c, in, opt, sum);
  const auto i = issues::get(*l, 1);
  CHECK(i.channel == "wechat-group");
  CHECK(i.category == "facility-repair");
  CHECK(i.channel_text.empty());
  CHECK(sum.unmapped_categories.empty());
}

TEST_CASE("a large import rebuilds the issue indexes it set aside, or keeps them on failure") {
  auto index_count = [](ledger::Ledger& l) {
    return l.db()
        .execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = "
                    "'issue' AND sql IS NOT NULL")
        .getInt();
  };
  std::string csv = "日期,内容\n";
  for (int i = 0; i < 25000; ++i)
    csv += "2026-11-01,第" + std::to_string(i) + "条\n";
  {
    auto l = ledger::Ledger::in_memory(test::session());
    const int before = index_count(*l);
    REQUIRE(before >= 2);
    CHECK(run(*l, csv).added == 25000);
    CHECK(index_count(*l) == before);
    CHECK(ledger::verify(*l).ok);
  }
  {
    auto l = ledger::Ledger::in_memory(test::session());
    const int before = index_count(*l);
    CHECK_THROWS_AS(run(*l, csv + "2026-13-01,坏行\n"), Error);
    CHECK(index_count(*l) == before);
    CHECK(issues::list(*l, {}).empty());
  }
}

TEST_CASE("rows read on the second thread come out in file order across many batches") {
  // Rows are read and checked in batches on a second thread; what the writer
  // sees must be exactly what a plain loop would: order, duplicates across
  // batch boundaries, bad rows, and an error of the reader after them.
  std::string csv = "日期,内容\n";
  for (int i = 1; i <= 3000; ++i) {
    if (i % 700 == 0)
      csv += "2026-02-30,坏日期" + std::to_string(i) + "\n";
    else if (i % 1000 == 1 && i > 1)
      csv += "2026-11-01,第1条\n"; // a twin of row 1, many batches later
    else
      csv += "2026-11-01,第" + std::to_string(i) + "条\n";
  }
  {
    auto l = ledger::Ledger::in_memory(test::session());
    importer::Options opt;
    opt.skip_bad = true;
    std::vector<std::int64_t> rejected;
    const auto sum = run(
        *l, csv, opt,
        [&](const std::vector<std::string>&, const intake::Record& row, const std::string& reason) {
          rejected.push_back(row.line);
          CHECK(reason.find("日期") != std::string::npos);
        });
    CHECK(sum.rows == 3000);
    CHECK(sum.rejected == 4);
    CHECK(rejected == std::vector<std::int64_t>{701, 1401, 2101, 2801});
    CHECK(sum.duplicates == 2);
    CHECK(sum.added == 3000 - 4 - 2);
    CHECK(sum.first_id == 1);
    CHECK(sum.last_id == 2994);
    // Issue ids follow the file's order.
    CHECK(l->db()
              .execAndGet("SELECT count(*) FROM issue WHERE id > 1 AND source_row <= "
                          "(SELECT source_row FROM issue j WHERE j.id = issue.id - 1)")
              .getInt() == 0);
    CHECK(l->db().execAndGet("SELECT source_row FROM issue WHERE id = 2994").getInt() == 3001);
    CHECK(ledger::verify(*l).ok);
  }
  {
    // An unterminated quote on the last line: the error names it, after
    // thousands of rows already written in the transaction, which rolls back.
    auto l = ledger::Ledger::in_memory(test::session());
    const auto events = l->event_count();
    try {
      importer::Options opt;
      opt.skip_bad = true;
      run(*l, csv + "2026-11-02,\"没有结束的引号\n", opt);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::data);
      CHECK(e.where().find("3002") != std::string::npos);
    }
    CHECK(l->event_count() == events);
    CHECK(l->db().execAndGet("SELECT count(*) FROM issue").getInt() == 0);
  }
}

TEST_CASE(
    "import payloads of every shape ever written read into their types and write back the same") {
  // An import written before XLSX files were read has no format and no sheet.
  const std::string before_xlsx =
      R"({"community":"t","duplicates":0,"encoding":"gb18030","file":"box.csv","first_id":1,)"
      R"("items":3,"items_sha256":"ab","last_id":3,"rejected":1,"rows":4,"sha256":"cd"})";
  const std::string today =
      R"({"community":"t","duplicates":2,"encoding":"utf-8","file":"box.xlsx","first_id":0,)"
      R"("format":"xlsx","items":0,"items_sha256":"ab","last_id":0,"rejected":0,"rows":2,)"
      R"("sha256":"cd","sheet":"2026年11月"})";
  const auto* k = events::find(events::kIssueImport);
  REQUIRE(k != nullptr);
  REQUIRE(static_cast<bool>(k->reread));
  for (const auto& payload : {before_xlsx, today}) {
    CAPTURE(payload);
    CHECK(ledger::canonical(k->reread(json::parse(payload))) == payload);
  }
  const auto old = events::IssueImport::from_json(json::parse(before_xlsx));
  CHECK_FALSE(old.format.has_value());
  CHECK_FALSE(old.sheet.has_value());
  CHECK(old.entity() == "community:t");

  const std::string roster =
      R"({"area_total":8960,"community":"t","file":"owners.csv","format":"csv","items":1,)"
      R"("items_sha256":"ab","owners":1,"sha256":"cd","units":1})";
  const auto* o = events::find(events::kOwnersImport);
  REQUIRE(o != nullptr);
  REQUIRE(static_cast<bool>(o->reread));
  CHECK(ledger::canonical(o->reread(json::parse(roster))) == roster);
  const std::string unit = R"({"area":8960,"owner":"张建华","row":3,"unit":"3-1-101"})";
  CHECK(ledger::canonical(events::OwnerUnit::from_json(json::parse(unit)).to_json()) == unit);
}

TEST_CASE("every import item stored in the ledger fixtures reads into its type and writes back the "
          "same") {
  std::int64_t issues = 0, units = 0;
  const std::filesystem::path dir = std::string(CONSULT_SOURCE_DIR) + "/tests/fixtures/ledgers";
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() != ".db") continue;
    // Immutable: read without writing a -shm or -wal beside the committed file.
    SQLite::Database db("file:" + f.path().string() + "?immutable=1",
                        SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    // From schema 10 an item's personal fields are sealed apart: the item as
    // written is the stored one with them unsealed; sealed, it is what
    // sealed_item_parts writes.
    const bool sealed = db.execAndGet("PRAGMA user_version").getInt() >= 10;
    ledger::Unsealer unsealer(db);
    SQLite::Statement q(db, "SELECT e.seq, e.kind, i.data FROM event_item i "
                            "JOIN event e ON e.seq = i.seq ORDER BY i.seq, i.n");
    while (q.executeStep()) {
      const auto kind = q.getColumn(1).getString();
      const auto stored = q.getColumn(2).getString();
      if (kind == "privacy.forget") continue;
      const auto data = sealed ? ledger::canonical(unsealer.unseal_text(stored, q.getColumn(0).getInt64())) : stored;
      if (sealed && kind == "issue.import") {
        ledger::Sealed personal;
        const auto it = events::IssueItem::from_json(json::parse(data));
        const auto [head, tail] = it.sealed_item_parts(personal);
        const auto ref = json::parse(stored).at("personal").get<std::string>();
        std::string again = head + std::to_string(it.id) + tail;
        again.replace(again.find(personal.ref), personal.ref.size(), ref);
        CHECK(again == stored);
      }
      CAPTURE(f.path().filename().string());
      CAPTURE(q.getColumn(0).getInt64());
      const auto j = json::parse(data);
      if (kind == "issue.import") {
        CHECK(events::IssueItem::from_json(j).item_json() == data);
        ++issues;
      } else if (kind == "owners.import") {
        CHECK(ledger::canonical(events::OwnerUnit::from_json(j).to_json()) == data);
        ++units;
      }
    }
  }
  CHECK(issues > 0);
  CHECK(units > 0);
}
