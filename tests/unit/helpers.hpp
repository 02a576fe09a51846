#pragma once
// Shared fixtures for the unit tests: a fixed clock, a small community.

#include "consult/config.hpp"
#include "consult/error.hpp"
#include "consult/issues.hpp"
#include "consult/ledger.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace consult::test {

inline ledger::Session session(const char* now = "2026-11-21 10:00") {
  ledger::Session s;
  s.actor = "tester";
  s.clock = clock::Clock(*clock::parse_instant(now, clock::kDefaultZone));
  return s;
}

inline config::Community community() {
  return config::parse_community(R"(id = "t"
name = "测试社区"
[channels]
suggestion-box = "意见箱"
wechat-group = "微信群"
[categories]
parking = "停车"
facility-repair = "设施维修"
other = "其他"
[council]
name = "议事会"
[council.stakeholders]
max = 2
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{ name = "王一" }, { name = "李二" }]
)",
                                 "t.toml");
}

/// Runs `sql` on a ledger's file as a careful forger with the sqlite3 shell
/// would: the append-only triggers dropped first and put back afterwards
/// exactly as consult made them, so that only what the SQL changed differs.
inline void forge(SQLite::Database& db, const std::string& sql) {
  for (const auto& o : ledger::expected_schema())
    if (o.type == "trigger") db.exec("DROP TRIGGER IF EXISTS \"" + o.name + "\"");
  db.exec(sql);
  for (const auto& o : ledger::expected_schema())
    if (o.type == "trigger") db.exec(o.sql);
}

/// Adds `n` issues to community `c` (the same title each time).
inline void add_issues(ledger::Ledger& l, const config::Community& c, int n) {
  for (int i = 0; i < n; ++i) {
    issues::NewIssue issue;
    issue.title = "楼道灯不亮";
    issues::add(l, c, issue);
  }
}

/// The kind of consult::Error `fn` throws; ErrorKind::internal if it throws
/// none (no test expects that kind).
inline ErrorKind kind_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;
}

/// A scratch directory removed at the end of the scope.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/consult-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const char* name) const { return (path / name).string(); }
};

} // namespace consult::test
