// Backups through SQLite's online backup API, taken while another
// connection keeps writing; restoring refuses what does not verify.

#include "consult/backup.hpp"
#include "consult/error.hpp"
#include "consult/issues.hpp"

#include "helpers.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>

using namespace consult;
using test::add_issues;
using test::kind_of;

namespace {

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("a backup taken while another process writes is one verified snapshot") {
  test::TempDir dir;
  const auto path = dir.file("live.db");
  const auto c = test::community();
  ledger::Ledger::init(path, test::session());
  {
    ledger::Ledger l(path, ledger::Access::write, test::session());
    add_issues(l, c, 300);
  }
  // A writer on its own connection adds issues, one transaction each, for
  // as long as the backups run.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    ledger::Ledger w(path, ledger::Access::write, test::session());
    while (!stop) {
      add_issues(w, c, 1);
      ++written;
    }
  });
  std::vector<ledger::Copied> copies;
  {
    ledger::Ledger l(path, ledger::Access::read, test::session());
    for (int i = 0; i < 5; ++i)
      copies.push_back(ledger::backup(l, dir.file(("copy-" + std::to_string(i) + ".db").c_str())));
  }
  stop = true;
  writer.join();
  CHECK(written > 0);
  ledger::Ledger l(path, ledger::Access::read, test::session());
  const auto total = l.event_count();
  for (std::size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    const auto file = dir.file(("copy-" + std::to_string(i) + ".db").c_str());
    // Each copy is a prefix of the live log: its head is the live event of that number.
    REQUIRE(copies[i].events <= total);
    CHECK(l.db()
              .execAndGet("SELECT hash FROM event WHERE seq = " + std::to_string(copies[i].events))
              .getString() == copies[i].head);
    ledger::Ledger copy(file, ledger::Access::read, test::session());
    CHECK(ledger::verify(copy).ok);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(std::filesystem::exists(file + ".part"));
    CHECK_FALSE(std::filesystem::exists(file + ".part-wal"));
  }
  // A backup never overwrites a file.
  CHECK(kind_of([&] { ledger::backup(l, dir.file("copy-0.db")); }) == ErrorKind::cant_create);
  CHECK(kind_of([&] { ledger::backup(l, dir.file("no/such/dir/x.db")); }) ==
        ErrorKind::cant_create);
}

TEST_CASE("restore puts back a backup that verifies, and nothing else") {
  test::TempDir dir;
  const auto path = dir.file("live.db");
  const auto c = test::community();
  ledger::Ledger::init(path, test::session());
  ledger::Copied saved;
  {
    ledger::Ledger l(path, ledger::Access::write, test::session());
    add_issues(l, c, 5);
    saved = ledger::backup(l, dir.file("good.db"));
    add_issues(l, c, 2); // after the backup
  }
  // A doctored copy: one event's actor changed behind consult's back.
  std::filesystem::copy_file(dir.file("good.db"), dir.file("bad.db"));
  {
    SQLite::Database db(dir.file("bad.db"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER event_append_only_update");
    db.exec("UPDATE event SET actor = 'mallory' WHERE seq = 3");
  }
  const auto before = bytes_of(path);
  CHECK(kind_of([&] { ledger::restore(path, dir.file("bad.db"), true, test::session()); }) ==
        ErrorKind::data);
  CHECK(kind_of([&] { ledger::restore(path, dir.file("none.db"), true, test::session()); }) ==
        ErrorKind::no_input);
  // Without --force an existing ledger is not replaced.
  CHECK(kind_of([&] { ledger::restore(path, dir.file("good.db"), false, test::session()); }) ==
        ErrorKind::usage);
  CHECK(bytes_of(path) == before);

  const auto r = ledger::restore(path, dir.file("good.db"), true, test::session());
  CHECK(r.events == saved.events);
  CHECK(r.head == saved.head);
  {
    ledger::Ledger l(path, ledger::Access::write, test::session());
    CHECK(l.event_count() == saved.events); // the two later issues are gone
    CHECK(ledger::verify(l).ok);
    add_issues(l, c, 1); // and it takes new events on its chain
    CHECK(ledger::verify(l).ok);
  }
  // Restoring where no ledger is creates it, private.
  const auto fresh = dir.file("fresh.db");
  ledger::restore(fresh, dir.file("good.db"), false, test::session());
  ledger::Ledger l(fresh, ledger::Access::read, test::session());
  CHECK(l.event_count() == saved.events);
  struct stat st {};
  REQUIRE(::stat(fresh.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}
