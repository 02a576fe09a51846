// Witnesses of the chain: Ed25519 keys and signed checkpoints; a witnessed
// point checked against the ledger; the community file given its public key
// with every other byte kept; the files read as witnesses.

#include "consult/backup.hpp"
#include "consult/issues.hpp"
#include "consult/sign.hpp"
#include "consult/witness.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace consult;
using test::add_issues;
using test::kind_of;

namespace {

void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

/// The test community with the public key of `pem`.
config::Community keyed(const std::string& pem) {
  auto c = test::community();
  c.public_key = sign::public_key_of(pem);
  return c;
}

} // namespace

TEST_CASE("base64 round-trips and refuses what is not exactly base64") {
  for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"})
    CHECK(sign::unbase64(sign::base64(s)) == s);
  CHECK(sign::base64("foobar") == "Zm9vYmFy");
  CHECK(sign::base64("fo") == "Zm8=");
  CHECK_FALSE(sign::unbase64("Zm8"));  // length
  CHECK_FALSE(sign::unbase64("Zm9=")); // bits left over under the padding
  CHECK_FALSE(sign::unbase64("Z=8=")); // padding inside
  CHECK_FALSE(sign::unbase64("Zm8*")); // not the alphabet
}

TEST_CASE("a statement signed with a key verifies with its public key, and only with it") {
  const auto a = sign::generate();
  const auto b = sign::generate();
  CHECK(a.private_pem.find("-----BEGIN PRIVATE KEY-----") == 0);
  CHECK(sign::valid_public_key(a.public_key));
  CHECK(a.public_key.size() == 8 + 44);
  CHECK(sign::public_key_of(a.private_pem) == a.public_key);
  CHECK(a.public_key != b.public_key);

  const std::string message = "consult checkpoint 1\nevent: 42\n";
  const auto sig = sign::sign(a.private_pem, message);
  CHECK(sign::verify(a.public_key, message, sig));
  CHECK_FALSE(sign::verify(a.public_key, "consult checkpoint 1\nevent: 43\n", sig));
  CHECK_FALSE(sign::verify(b.public_key, message, sig)); // a wrong key
  CHECK_FALSE(sign::verify(a.public_key, message, sign::sign(b.private_pem, message)));
  CHECK_FALSE(sign::verify(a.public_key, message, "not base64"));
  CHECK_FALSE(sign::verify("ed25519:short", message, sig));
  CHECK(kind_of([] { sign::sign("not a key", "x"); }) == ErrorKind::data);
}

TEST_CASE("a private key file is mode 0600, never replaced unless asked, refused when others "
          "may read it") {
  test::TempDir dir;
  const auto path = dir.file("t.key");
  const auto a = sign::generate();
  sign::write_private_key(path, a.private_pem, false);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(sign::read_private_key(path) == a.private_pem);

  const auto b = sign::generate();
  CHECK(kind_of([&] { sign::write_private_key(path, b.private_pem, false); }) ==
        ErrorKind::cant_create);
  CHECK(sign::read_private_key(path) == a.private_pem);
  CHECK_FALSE(std::filesystem::exists(path + ".part"));
  sign::write_private_key(path, b.private_pem, true);
  CHECK(sign::read_private_key(path) == b.private_pem);

  ::chmod(path.c_str(), 0644);
  try {
    sign::read_private_key(path);
    FAIL("a key readable by others was read");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::config);
    CHECK(std::string(e.hint()).find("chmod 600") != std::string::npos);
  }
  CHECK(kind_of([&] { sign::read_private_key(dir.file("missing.key")); }) == ErrorKind::no_input);
  write(dir.file("junk.key"), "hello");
  ::chmod(dir.file("junk.key").c_str(), 0600);
  CHECK(kind_of([&] { sign::read_private_key(dir.file("junk.key")); }) == ErrorKind::data);
}

TEST_CASE("a checkpoint round-trips through its text; a tampered one or a wrong key fails") {
  const auto pair = sign::generate();
  const auto c = keyed(pair.private_pem);
  auto l = ledger::Ledger::in_memory(test::session());
  add_issues(*l, c, 3);
  const auto cp = witness::take(*l, c, pair.private_pem);
  CHECK(cp.seq == l->head()->seq);
  CHECK(cp.hash == l->head()->hash);
  CHECK(cp.at == "2026-11-21T10:00:00+08:00");
  CHECK(cp.community == "t");
  CHECK(cp.name == "测试社区");

  const auto text = cp.text();
  CHECK(text.rfind("consult checkpoint 1\ncommunity: t\nname: 测试社区\nevent: ", 0) == 0);
  const auto back = witness::parse_checkpoint(text, "cp.txt");
  REQUIRE(back);
  CHECK(back->statement() == cp.statement());
  CHECK(witness::signed_by(*back, c.public_key));

  // Mail and office software: CRLF line ends, trailing blanks, a blank line.
  std::string crlf;
  for (char ch : text)
    crlf += ch == '\n' ? std::string(" \r\n") : std::string(1, ch);
  const auto mailed = witness::parse_checkpoint("\r\n" + crlf, "cp.txt");
  REQUIRE(mailed);
  CHECK(witness::signed_by(*mailed, c.public_key));

  SUBCASE("a tampered statement fails") {
    auto edited = text;
    const auto at = edited.find("event: ") + 7;
    edited[at] = edited[at] == '9' ? '8' : static_cast<char>(edited[at] + 1);
    const auto e = witness::parse_checkpoint(edited, "cp.txt");
    REQUIRE(e);
    CHECK_FALSE(witness::signed_by(*e, c.public_key));
  }
  SUBCASE("a wrong key fails") {
    CHECK_FALSE(witness::signed_by(*back, sign::generate().public_key));
  }
  SUBCASE("a changed signature fails") {
    auto forged = *back;
    forged.signature = sign::sign(sign::generate().private_pem, forged.statement());
    CHECK_FALSE(witness::signed_by(forged, c.public_key));
  }
  SUBCASE("fields are all there, once, in order, and nothing follows the signature") {
    CHECK_FALSE(witness::parse_checkpoint("1 " + cp.hash + "\n", "list.txt"));
    auto extra = text + "note: unsigned\n";
    CHECK(kind_of([&] { witness::parse_checkpoint(extra, "cp.txt"); }) == ErrorKind::data);
    auto missing = text.substr(0, text.find("signature:"));
    CHECK(kind_of([&] { witness::parse_checkpoint(missing, "cp.txt"); }) == ErrorKind::data);
    auto swapped = text;
    swapped.replace(swapped.find("community:"), 9, "communitx");
    CHECK(kind_of([&] { witness::parse_checkpoint(swapped, "cp.txt"); }) == ErrorKind::data);
  }
}

TEST_CASE("a checkpoint needs the community's public key, and this key") {
  const auto pair = sign::generate();
  auto l = ledger::Ledger::in_memory(test::session());
  auto bare = test::community();
  CHECK(kind_of([&] { witness::take(*l, bare, pair.private_pem); }) == ErrorKind::config);
  const auto other = keyed(sign::generate().private_pem);
  CHECK(kind_of([&] { witness::take(*l, other, pair.private_pem); }) == ErrorKind::config);
}

TEST_CASE("a witnessed point: on the chain it passes; another hash or beyond the head fails") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  add_issues(*l, c, 4);
  const auto events = l->events();
  const auto& third = events.at(2);

  const auto on = witness::check_point(*l, {third.seq, third.hash, {}});
  CHECK(on.ok());
  CHECK(on.status == witness::Status::agrees);

  const auto other = witness::check_point(*l, {third.seq, events.at(3).hash, {}});
  CHECK_FALSE(other.ok());
  CHECK(other.status == witness::Status::differs);
  CHECK(other.ledger_hash == third.hash);
  CHECK(other.problem.find("event 3") != std::string::npos);

  const auto beyond = witness::check_point(*l, {l->head()->seq + 2, third.hash, {}});
  CHECK_FALSE(beyond.ok());
  CHECK(beyond.status == witness::Status::beyond_head);
  CHECK(beyond.head == l->head()->seq);
  CHECK(beyond.problem.find("deleted from its end") != std::string::npos);
}

TEST_CASE("check: the first failure names its event and file, bounded by a witness that "
          "agrees") {
  test::TempDir dir;
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  add_issues(*l, c, 4);
  const auto events = l->events();
  witness::Witness good{"good.txt", witness::Source::list, "list", {{2, events[1].hash, {}}}, {}};
  witness::Witness bad{
      "bad.txt", witness::Source::list, "list", {{4, std::string(64, 'a'), "line 1"}}, {}};
  const auto r = witness::check(*l, nullptr, {good, bad});
  REQUIRE(r.findings.size() == 2);
  CHECK_FALSE(r.ok());
  CHECK(r.first_failure() == &r.findings[1]);
  CHECK(r.agreed_before_failure() == 2);
  const auto msg = r.failure_message();
  CHECK(msg.find("the ledger was rewritten at or before event 4, which 'bad.txt' witnessed") == 0);
  CHECK(msg.find("events up to 2 agree") != std::string::npos);
  CHECK(witness::check(*l, nullptr, {good}).ok());
}

TEST_CASE("check: a checkpoint's signature is checked against the community in the config") {
  test::TempDir dir;
  const auto pair = sign::generate();
  auto l = ledger::Ledger::in_memory(test::session());
  config::Config cfg;
  cfg.communities.push_back(keyed(pair.private_pem));
  add_issues(*l, cfg.communities.front(), 2);
  const auto cp = witness::take(*l, cfg.communities.front(), pair.private_pem);
  write(dir.file("cp.txt"), cp.text());
  const auto w = witness::read(dir.file("cp.txt"));
  CHECK(w.source == witness::Source::checkpoint);
  CHECK(witness::check(*l, &cfg, {w}).ok());

  auto edited = cp.text();
  edited.replace(edited.find("测试社区"), std::string("测试社区").size(), "别的社区");
  write(dir.file("edited.txt"), edited);
  const auto r = witness::check(*l, &cfg, {witness::read(dir.file("edited.txt"))});
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].status == witness::Status::bad_signature);
  CHECK(r.failure_message().find("is not what its community signed") != std::string::npos);

  // Without the community's public key, nothing can be said: a configuration error.
  CHECK(kind_of([&] { witness::check(*l, nullptr, {w}); }) == ErrorKind::config);
}

TEST_CASE("read: backups, lists, agendas and exports are witnesses; other files are not") {
  test::TempDir dir;
  const auto c = test::community();
  const auto path = dir.file("ledger.db");
  ledger::Ledger::init(path, test::session());
  ledger::Ledger l(path, ledger::Access::write, test::session());
  add_issues(l, c, 3);
  ledger::backup(l, dir.file("backup.db"));
  const auto head = *l.head();

  const auto b = witness::read(dir.file("backup.db"), path);
  CHECK(b.source == witness::Source::backup);
  REQUIRE(b.points.size() == 1);
  CHECK(b.points[0].seq == head.seq);
  CHECK(b.points[0].hash == head.hash);
  CHECK_FALSE(std::filesystem::exists(dir.file("backup.db-shm"))); // read without a trace
  CHECK(kind_of([&] { witness::read(path, path); }) == ErrorKind::usage);

  // A backup the ledger has moved past still agrees; one of another ledger names
  // the first event that differs.
  add_issues(l, c, 1);
  CHECK(witness::check(l, nullptr, {b}).ok());
  const auto other = dir.file("other.db");
  ledger::Ledger::init(other, test::session("2026-11-22 10:00"));
  {
    ledger::Ledger o(other, ledger::Access::write, test::session("2026-11-22 10:00"));
    add_issues(o, c, 3);
    ledger::backup(o, dir.file("other-backup.db"));
  }
  const auto r = witness::check(l, nullptr, {witness::read(dir.file("other-backup.db"))});
  REQUIRE_FALSE(r.ok());
  CHECK(r.findings[0].first_difference == 1);

  write(dir.file("list.txt"), "# posted 2026-11-21\n" + std::to_string(head.seq) + " " + head.hash +
                                  "\n\n{\"seq\":1,\"hash\":\"" + l.events()[0].hash + "\"}\n");
  const auto list = witness::read(dir.file("list.txt"));
  CHECK(list.source == witness::Source::list);
  REQUIRE(list.points.size() == 2);
  CHECK(list.points[0].where == "line 2");
  CHECK(witness::check(l, nullptr, {list}).ok());

  write(dir.file("agenda.md"),
        "# 议事会\n\n_Meeting 1 …_\n\n<!-- consult-agenda: "
        "{\"hash\":\"" +
            head.hash + "\",\"meeting\":1,\"seq\":" + std::to_string(head.seq) + "} -->\n");
  const auto agenda = witness::read(dir.file("agenda.md"));
  CHECK(agenda.source == witness::Source::agenda);
  CHECK(agenda.points[0].seq == head.seq);

  write(dir.file("notes.txt"), "nothing to see\n");
  CHECK(kind_of([&] { witness::read(dir.file("notes.txt")); }) == ErrorKind::data);
  CHECK(kind_of([&] { witness::read(dir.file("missing.txt")); }) == ErrorKind::no_input);
}

TEST_CASE("the public key goes in as one line before the first table, every other byte kept") {
  const std::string toml = "# a community\nid = \"t\"\nname = \"测试社区\"  # its name\n"
                           "population = 10\n\n# the council\n[council]\nname = \"议事会\"\n"
                           "[[council.seats]]\nkey = \"a\"\nlabel = \"居委会代表\"\ncount = 1\n";
  const auto key = sign::generate().public_key;
  const auto out = witness::with_public_key(toml, "t.toml", key, false);
  CHECK(out == "# a community\nid = \"t\"\nname = \"测试社区\"  # its name\npopulation = 10\n" +
                   witness::public_key_line(key) +
                   "\n\n# the council\n[council]\nname = \"议事会\"\n"
                   "[[council.seats]]\nkey = \"a\"\nlabel = \"居委会代表\"\ncount = 1\n");
  CHECK(config::parse_community(out, "t.toml").public_key == key);

  // There is one now: replaced only when asked, in place.
  const auto next = sign::generate().public_key;
  CHECK(kind_of([&] { witness::with_public_key(out, "t.toml", next, false); }) ==
        ErrorKind::cant_create);
  const auto replaced = witness::with_public_key(out, "t.toml", next, true);
  CHECK(replaced.size() == out.size());
  CHECK(config::parse_community(replaced, "t.toml").public_key == next);

  // A multi-line string or array at the top level is not mistaken for a table.
  const std::string tricky = "id = \"t\"\nname = '''\n[not a table]\n'''\n[council]\n"
                             "name = \"议事会\"\n[[council.seats]]\nkey = \"a\"\nlabel = \"x\"\n"
                             "count = 1\n";
  const auto placed = witness::with_public_key(tricky, "t.toml", key, false);
  CHECK(placed.find("'''\n" + witness::public_key_line(key) + "\n[council]") != std::string::npos);

  // A key that is not an Ed25519 public key is a configuration error.
  CHECK(kind_of([] {
          config::parse_community("id = \"t\"\nname = \"x\"\npublic_key = \"ed25519:abc\"\n"
                                  "[council]\nname = \"c\"\n[[council.seats]]\nkey = \"a\"\n"
                                  "label = \"x\"\ncount = 1\n",
                                  "t.toml");
        }) == ErrorKind::config);
}

TEST_CASE("key init writes the private key and the community file, and refuses to redo it") {
  test::TempDir dir;
  const std::string toml = "id = \"t\"\nname = \"测试社区\"\n[council]\nname = \"议事会\"\n"
                           "[[council.seats]]\nkey = \"a\"\nlabel = \"x\"\ncount = 1\n";
  write(dir.file("t.toml"), toml);
  ::chmod(dir.file("t.toml").c_str(), 0640);
  auto c = config::load_community(dir.file("t.toml"));
  CHECK(witness::default_key_path(c) == dir.file("t.key"));
  const auto r = witness::init_key(c, witness::default_key_path(c), false, true);
  CHECK(r.config_path == dir.file("t.toml"));
  const auto loaded = config::load_community(dir.file("t.toml"));
  CHECK(loaded.public_key == r.public_key);
  CHECK(sign::public_key_of(sign::read_private_key(r.key_path)) == r.public_key);
  struct stat st {};
  ::stat(dir.file("t.toml").c_str(), &st);
  CHECK((st.st_mode & 0777) == 0640); // the community file keeps its mode

  CHECK(kind_of([&] { witness::init_key(loaded, r.key_path, false, true); }) ==
        ErrorKind::cant_create);
  // A key file in the way is refused before the community file is touched.
  CHECK(kind_of([&] { witness::init_key(c, r.key_path, false, false); }) == ErrorKind::cant_create);
  const auto again = witness::init_key(loaded, r.key_path, true, true);
  CHECK(again.replaced);
  CHECK(config::load_community(dir.file("t.toml")).public_key == again.public_key);
}
