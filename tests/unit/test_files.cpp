// The one way consult writes a file: never over the ledger (by any name) or
// an input, never onto anything but a regular file, never through a planted
// symbolic link; atomic, with every write checked and nothing left behind.

#include "consult/error.hpp"
#include "consult/files.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace consult;
using test::kind_of;

namespace fs = std::filesystem;

namespace {

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

/// The names in `dir`, sorted: what a failed write must leave as it was.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// Whether the message of the consult::Error `fn` throws contains `text`.
bool says(const std::string& text, const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return std::string(e.what()).find(text) != std::string::npos;
  }
  return false;
}

/// Files may grow to `bytes` for the life of this value: a write beyond
/// fails with EFBIG (SIGXFSZ ignored), as it would on a full disk.
struct FileSizeLimit {
  rlimit old{};
  void (*old_handler)(int) = SIG_DFL;
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &old);
    old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit r = old;
    r.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &r);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, old_handler);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
};

const files::Options kPublic{{}, files::kPublic};

} // namespace

TEST_CASE("a file is written whole, replaces the old one and leaves no temporary file") {
  test::TempDir dir;
  const auto out = dir.file("minutes.md");
  files::write_file(out, "第一版\n", kPublic);
  CHECK(bytes_of(out) == "第一版\n");
  files::write_file(out, "第二版\n", kPublic);
  CHECK(bytes_of(out) == "第二版\n");
  CHECK(names_in(dir.path) == std::vector<std::string>{"minutes.md"});
  files::write_file(out, "", kPublic); // an empty file is a file too
  CHECK(fs::file_size(out) == 0);
}

TEST_CASE("the ledger is refused by any name: itself, ./, a hard link, a symbolic link, its -wal") {
  test::TempDir dir;
  const auto ledger = dir.file("consult.db");
  put(ledger, "SQLite format 3");
  fs::create_hard_link(ledger, dir.path / "hard.db");
  fs::create_symlink("consult.db", dir.path / "soft.db");
  fs::create_directory(dir.path / "sub");
  const files::Options options{files::ledger_files(ledger), files::kPublic};
  const auto before = names_in(dir.path);
  for (const auto& target :
       {ledger, (dir.path / "." / "consult.db").string(), (dir.path / "sub/../consult.db").string(),
        dir.file("hard.db"), dir.file("soft.db"), dir.file("consult.db-wal"),
        dir.file("consult.db-journal")}) {
    CAPTURE(target);
    CHECK(kind_of([&] { files::write_file(target, "not a ledger", options); }) ==
          ErrorKind::cant_create);
    CHECK(says("it is the ledger", [&] { files::write_file(target, "x", options); }));
    CHECK(kind_of([&] { files::Writer w(target, options); }) == ErrorKind::cant_create);
  }
  CHECK(bytes_of(ledger) == "SQLite format 3");
  CHECK(names_in(dir.path) == before);
  CHECK(fs::is_empty(dir.path / "sub"));
  // Another name beside it is fine.
  files::write_file(dir.file("consult.md"), "ok", options);
  CHECK(bytes_of(dir.file("consult.md")) == "ok");
}

TEST_CASE("a ledger named through a symbolic link: the -wal beside its real file is refused") {
  test::TempDir dir;
  fs::create_directory(dir.path / "real");
  const auto ledger = dir.file("real/consult.db");
  put(ledger, "SQLite format 3");
  fs::create_symlink("real/consult.db", dir.path / "link.db");
  const files::Options options{files::ledger_files(dir.file("link.db")), files::kPublic};
  for (const auto& target : {dir.file("real/consult.db-wal"), dir.file("real/consult.db-shm"),
                             dir.file("link.db-wal")}) {
    CAPTURE(target);
    CHECK(says("it is the ledger", [&] { files::write_file(target, "x", options); }));
  }
}

TEST_CASE("a file the command reads is refused, by identity") {
  test::TempDir dir;
  const auto input = dir.file("box.csv");
  put(input, "提交日期,反映内容\n");
  const files::Options options{{{input, files::Role::input}}, files::kPublic};
  CHECK(kind_of([&] { files::write_file(input, "rejects", options); }) == ErrorKind::cant_create);
  CHECK(says("which this command reads", [&] { files::write_file(input, "rejects", options); }));
  fs::create_hard_link(input, dir.path / "same.csv");
  CHECK(kind_of([&] { files::write_file(dir.file("same.csv"), "x", options); }) ==
        ErrorKind::cant_create);
  CHECK(bytes_of(input) == "提交日期,反映内容\n");
  CHECK(files::same_file(input, dir.file("same.csv")));
  CHECK_FALSE(files::same_file(input, dir.file("missing.csv")));
}

TEST_CASE("only regular files: not a FIFO, a device, a directory or a symbolic link") {
  test::TempDir dir;
  const auto fifo = dir.file("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  fs::create_directory(dir.path / "folder");
  const auto victim = dir.file("victim.txt");
  put(victim, "must not change");
  fs::create_symlink(victim, dir.path / "planted.md");        // a planted link to a file
  fs::create_symlink("nowhere.md", dir.path / "dangling.md"); // and to nothing
  fs::create_symlink("pipe", dir.path / "to-pipe");
  fs::create_symlink("folder", dir.path / "to-folder");
  const auto before = names_in(dir.path);
  for (const auto& target : {fifo, dir.file("folder"), dir.file("folder/"), dir.file("planted.md"),
                             dir.file("dangling.md"), dir.file("to-pipe"), dir.file("to-folder"),
                             std::string("/dev/null")}) {
    CAPTURE(target);
    CHECK(kind_of([&] { files::write_file(target, "x", kPublic); }) == ErrorKind::cant_create);
  }
  CHECK(says("not a regular file", [&] { files::write_file(fifo, "x", kPublic); }));
  CHECK(says("it is a directory", [&] { files::write_file(dir.file("folder"), "x", kPublic); }));
  CHECK(says("symbolic link", [&] { files::write_file(dir.file("planted.md"), "x", kPublic); }));
  CHECK(bytes_of(victim) == "must not change");
  CHECK_FALSE(fs::exists(dir.path / "nowhere.md"));
  CHECK(fs::is_fifo(fifo));
  CHECK(fs::is_symlink(dir.path / "planted.md"));
  CHECK(names_in(dir.path) == before);
  CHECK(fs::is_empty(dir.path / "folder"));
}

TEST_CASE("a link planted at the old predictable temporary name is not followed") {
  test::TempDir dir;
  const auto victim = dir.file("victim.txt");
  put(victim, "must not change");
  fs::create_symlink(victim, dir.path / "out.md.part");
  files::write_file(dir.file("out.md"), "the export", kPublic);
  CHECK(bytes_of(dir.file("out.md")) == "the export");
  CHECK(bytes_of(victim) == "must not change");
  CHECK(names_in(dir.path) == std::vector<std::string>{"out.md", "out.md.part", "victim.txt"});
}

TEST_CASE("a missing directory is 73 and creates nothing") {
  test::TempDir dir;
  CHECK(kind_of([&] { files::write_file(dir.file("no/such/dir/x.md"), "x", kPublic); }) ==
        ErrorKind::cant_create);
  put(dir.file("blocker"), "a file");
  CHECK(kind_of([&] { files::write_file(dir.file("blocker/x.md"), "x", kPublic); }) ==
        ErrorKind::cant_create);
  CHECK(names_in(dir.path) == std::vector<std::string>{"blocker"});
}

TEST_CASE("a failed write (a full disk) is 74: the old file whole, no temporary file") {
  test::TempDir dir;
  const auto out = dir.file("report.html");
  put(out, "the old report");
  const std::string big(64 * 1024, 'x');
  {
    FileSizeLimit limit(4096);
    CHECK(kind_of([&] { files::write_file(out, big, kPublic); }) == ErrorKind::io);
    CHECK(says("report.html", [&] { files::write_file(out, big, kPublic); }));
    CHECK(says(std::strerror(EFBIG), [&] { files::write_file(out, big, kPublic); }));
    try {
      files::write_file(out, big, kPublic);
    } catch (const Error& e) {
      CHECK(std::string(e.hint()).find("check free disk space") != std::string::npos);
    }
  }
  CHECK(bytes_of(out) == "the old report");
  CHECK(names_in(dir.path) == std::vector<std::string>{"report.html"});
}

TEST_CASE("the streaming writer reports the write that fails, and is spent after it") {
  test::TempDir dir;
  const auto out = dir.file("rejects.csv");
  {
    FileSizeLimit limit(8192);
    files::Writer w(out, kPublic);
    const std::string row(1000, 'r');
    int written = 0;
    const auto kind = kind_of([&] {
      for (; written < 100; ++written)
        w.write(row);
    });
    CHECK(kind == ErrorKind::io);
    CHECK(written == 8); // 8,000 bytes fit; the ninth row does not, whole
    CHECK(kind_of([&] { w.write("more"); }) == ErrorKind::io);
    CHECK(kind_of([&] { w.commit(); }) == ErrorKind::io);
  }
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::is_empty(dir.path));
}

TEST_CASE("a writer not committed leaves nothing; finish makes it durable but not yet visible") {
  test::TempDir dir;
  const auto out = dir.file("rejects.csv");
  {
    files::Writer w(out, kPublic);
    w.write("a,b\r\n");
    CHECK(names_in(dir.path).size() == 1); // the temporary file, hidden
    CHECK(names_in(dir.path).front().rfind(".rejects.csv.", 0) == 0);
    CHECK_FALSE(fs::exists(out));
  }
  CHECK(fs::is_empty(dir.path));
  {
    files::Writer w(out, kPublic);
    w.write("a,b\r\n");
    w.finish();
    CHECK_FALSE(fs::exists(out));
    w.discard();
  }
  CHECK(fs::is_empty(dir.path));
  files::Writer w(out, kPublic);
  w.write("a,b\r\n");
  w.finish();
  w.commit();
  CHECK(bytes_of(out) == "a,b\r\n");
  CHECK(names_in(dir.path) == std::vector<std::string>{"rejects.csv"});
}

TEST_CASE("a file that is never overwritten: refused if it exists, or if it appears meanwhile") {
  test::TempDir dir;
  const files::Options once{{}, files::kPrivate, false};
  put(dir.file("taken.db"), "someone's");
  CHECK(kind_of([&] { files::write_file(dir.file("taken.db"), "x", once); }) ==
        ErrorKind::cant_create);
  files::Writer w(dir.file("new.db"), once);
  w.write("the backup");
  put(dir.file("new.db"), "arrived first");
  CHECK(kind_of([&] { w.commit(); }) == ErrorKind::cant_create);
  CHECK(bytes_of(dir.file("new.db")) == "arrived first");
  CHECK(names_in(dir.path) == std::vector<std::string>{"new.db", "taken.db"});
}

TEST_CASE("files get their mode exactly, whatever the umask") {
  // Personal data 0600 even under umask 000; a public document 0644 even
  // under umask 077; directories made for the public 0755, for staff 0700.
  for (const mode_t mask : {mode_t{000}, mode_t{022}, mode_t{077}}) {
    CAPTURE(mask);
    test::TempDir dir;
    const auto old = ::umask(mask);
    files::write_file(dir.file("rejects.csv"), "x", {{}, files::kPrivate});
    files::write_file(dir.file("notice.md"), "x", kPublic);
    files::check_directory(dir.file("agenda/2026"));
    files::check_directory(dir.file("staff"), 0700);
    ::umask(old);
    const auto perms = [&](const char* name) {
      return fs::status(dir.file(name)).permissions() & fs::perms::all;
    };
    using p = fs::perms;
    CHECK(perms("rejects.csv") == (p::owner_read | p::owner_write));
    CHECK(perms("notice.md") == (p::owner_read | p::owner_write | p::group_read | p::others_read));
    const auto public_dir = p::owner_all | p::group_read | p::group_exec | p::others_read |
                            p::others_exec;
    CHECK(perms("agenda") == public_dir);
    CHECK(perms("agenda/2026") == public_dir);
    CHECK(perms("staff") == p::owner_all);
  }
}

TEST_CASE("write_if_changed leaves a file with the same bytes untouched") {
  test::TempDir dir;
  const auto out = dir.file("index.md");
  CHECK(files::write_if_changed(out, "周一\n", kPublic));
  struct stat first {};
  REQUIRE(::stat(out.c_str(), &first) == 0);
  CHECK_FALSE(files::write_if_changed(out, "周一\n", kPublic));
  struct stat second {};
  REQUIRE(::stat(out.c_str(), &second) == 0);
  CHECK(first.st_ino == second.st_ino);
  CHECK(files::write_if_changed(out, "周二\n", kPublic));
  CHECK(bytes_of(out) == "周二\n");
  CHECK(names_in(dir.path) == std::vector<std::string>{"index.md"});
  // The same bytes in the ledger do not make it a file to leave alone: refused.
  const files::Options options{files::ledger_files(out), files::kPublic};
  CHECK(kind_of([&] { files::write_if_changed(out, "周二\n", options); }) ==
        ErrorKind::cant_create);
}

TEST_CASE("check_directory creates a missing directory and refuses one it cannot write") {
  test::TempDir dir;
  files::check_directory(dir.file("board/2026"));
  CHECK(fs::is_directory(dir.path / "board/2026"));
  CHECK(fs::is_empty(dir.path / "board/2026")); // the probe is gone
  put(dir.file("blocker"), "a file");
  CHECK(kind_of([&] { files::check_directory(dir.file("blocker")); }) == ErrorKind::cant_create);
  CHECK(kind_of([&] { files::check_directory(dir.file("blocker/sub")); }) ==
        ErrorKind::cant_create);
  CHECK(
      says("cannot write in directory", [&] { files::check_directory(dir.file("blocker/sub")); }));
  CHECK(bytes_of(dir.file("blocker")) == "a file");
}
