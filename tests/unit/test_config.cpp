#include "consult/config.hpp"
#include "consult/people.hpp"
#include "consult/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace consult;
using namespace consult::config;

namespace {

const char* kMinimal = R"(id = "t"
name = "测试社区"

[council]
name = "议事会"

[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{ name = "王一" }, { name = "李二" }]
)";

/// The error a community text raises, as "where|message".
std::string error_of(const std::string& text) {
  try {
    parse_community(text, "c.toml");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::config);
    return e.where() + "|" + e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("the shipped example community loads") {
  const auto cfg = load(std::string(CONSULT_SOURCE_DIR) + "/examples/consult.toml");
  REQUIRE(cfg.communities.size() == 1);
  const auto& c = cfg.communities[0];
  CHECK(c.id == "heping");
  CHECK(c.population > 3000);
  CHECK(c.council.seats.size() == 6);
  CHECK(c.council.seat_count() == 10);
  CHECK(c.channel("suggestion-box")->label == "意见箱");
  CHECK(c.channels.front().key == "suggestion-box"); // file order kept
  CHECK(c.category("facility-repair") != nullptr);
  CHECK(c.rules.notice_days == 7);
  REQUIRE(c.rules.profiles.size() == 1);
  CHECK(c.rules.profiles[0].quorum.str() == "2/3");
  CHECK(c.schedules.size() == 2);
  CHECK(c.schedules[0].days_of_month == std::vector<int>{6, 26});
  CHECK(c.schedules[1].weekdays == std::vector<int>{3});
  CHECK(cfg.ledger.size() > 0);
}

TEST_CASE("a minimal community gets default channels, categories and kinds") {
  const auto c = parse_community(kMinimal, "c.toml");
  CHECK(c.timezone == "Asia/Shanghai");
  CHECK(c.channel("suggestion-box"));
  CHECK(c.category("other"));
  CHECK(c.meeting_kind("council"));
  CHECK(c.council.stakeholders.max == 20);
}

TEST_CASE("every community has the key other for channels and categories, named 其他") {
  // A file without an `other` channel: other is added after its channels,
  // and left out of the file's record in the ledger (to_json), which stays
  // as before.
  const auto c = parse_community(kMinimal, "c.toml");
  REQUIRE(c.channel("other"));
  CHECK(c.channel("other")->label == "其他");
  CHECK(c.channels.back().key == "other");
  CHECK(c.channels.front().key == "suggestion-box");
  CHECK(c.implied_other_channel);
  CHECK_FALSE(c.implied_other_category); // the default categories list it
  const auto j = to_json(c);
  for (const auto& l : j.at("channels"))
    CHECK(l.at("key") != "other");
  CHECK(j.at("categories").back().at("key") == "other");
  // A file that names its own other keeps its label and its place.
  const auto own = parse_community(std::string(kMinimal) + "[channels]\nother = \"其它渠道\"\n"
                                                           "visit = \"走访\"\n",
                                   "c.toml");
  CHECK(own.channels.front().key == "other");
  CHECK(own.channel("other")->label == "其它渠道");
  CHECK_FALSE(own.implied_other_channel);
  CHECK(to_json(own).at("channels").size() == 2);
}

TEST_CASE("syntax errors point at line and column") {
  CHECK(error_of("id = \"t\"\nname = \n").rfind("c.toml:2:", 0) == 0);
}

TEST_CASE("non-ASCII text outside quotes is refused at its place, before the TOML parser") {
  // A full-width comma typed after a value: outside quotes TOML allows no
  // such character, and the TOML library Debian 12 ships cannot classify it.
  const auto comma = error_of(std::string(kMinimal) + "[rules]\nnotice_days = 7，\n");
  INFO(comma);
  CHECK(comma.rfind("c.toml:13:16|", 0) == 0);
  CHECK(comma.find("outside quotes") != std::string::npos);
  CHECK(error_of("id = \"t\"\nname ＝ \"x\"\n").rfind("c.toml:2:6|", 0) == 0);
  CHECK(error_of("id = \"t\"\xff\n").rfind("c.toml:1:9|the file is not valid UTF-8", 0) == 0);

  // In strings and comments, Chinese punctuation is text like any other.
  const auto c = parse_community(R"(id = "t" # 社区，「编号」。
name = "和平里，「社区」。\"引号\"，"
street = '单引号，。'
district = """多行，
「区」。"""
population = 1 # ，
[council]
name = """\
    议事会"""
[[council.seats]]
key = "committee"
label = '''含有"""的，文字'''
count = 1
members = [{ name = "王一" }]
)",
                                 "c.toml");
  CHECK(c.name == "和平里，「社区」。\"引号\"，");
  CHECK(c.street == "单引号，。");
  CHECK(c.district == "多行，\n「区」。");
  CHECK(c.council.name == "议事会");
  CHECK(c.council.seats.at(0).label == "含有\"\"\"的，文字");

  // Characters the TOML parser of Debian 12 cannot classify (Latin-1,
  // Greek, Cyrillic; CJK punctuation such as 「」、。; Arabic presentation
  // forms) come through unchanged in values and keys, after a line-ending
  // backslash too; the parser never sees them.
  const auto odd = parse_community(R"(id = "t"
name = "Ωμέγα「社区」、。ÄÖ"
street = """\
   「社区」"""
district = '«Café»'
[synonyms.channels]
"「转办」" = "referral"
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 1
members = [{ name = "Иван「王」" }]
)",
                                   "c.toml");
  CHECK(odd.name == "Ωμέγα「社区」、。ÄÖ");
  CHECK(odd.street == "「社区」");
  CHECK(odd.district == "«Café»");
  REQUIRE(odd.channel_synonyms.size() == 1);
  CHECK(odd.channel_synonyms[0].first == "「转办」");
  CHECK(odd.council.seats.at(0).members.at(0).name == "Иван「王」");
  CHECK(error_of("id = \"t\"\nname = \"\xee\x80\x80\"\n")
            .rfind("c.toml|private-use character U+E000", 0) == 0);

  // A quote or '#' inside a broken value starts no string or comment.
  CHECK(error_of("id = 7nam\"「\"\n").rfind("c.toml:1:11|'「' outside quotes", 0) == 0);
  const auto glued = error_of("population = 1#「注释」\n" + std::string(kMinimal));
  CHECK(glued.find("put a space") == std::string::npos); // the hint is not in what()
  CHECK(glued.rfind("c.toml:1:16|'「' in a comment that follows a value without a space", 0) == 0);
  CHECK(
      parse_community("population = 1 #「注释」\n" + std::string(kMinimal), "c.toml").population ==
      1);
}

TEST_CASE("files that trip the TOML parser's own checks are syntax errors, in every build") {
  CHECK(error_of(std::string(kMinimal) + "[.\n") ==
        "c.toml|TOML syntax error the parser cannot say where");
  CHECK(error_of(std::string(kMinimal) + "[rules]\nrequire_present = [{ seat = [\"women\", }\n") ==
        "c.toml|TOML syntax error the parser cannot say where");
}

TEST_CASE("wrong types name the key and the types") {
  const auto e = error_of("population = \"many\"\n" + std::string(kMinimal));
  CHECK(e.find("c.toml:1:14|") == 0);
  CHECK(e.find("key 'population': expected an integer, found a string") != std::string::npos);
}

TEST_CASE("unknown keys are errors with their position") {
  const auto e = error_of("colour = \"red\"\n" + std::string(kMinimal));
  CHECK(e.find("c.toml:1:1|") == 0);
  CHECK(e.find("key 'colour': unknown key") != std::string::npos);
  const auto nested = error_of(std::string(kMinimal) + "[rules]\nnotice_dayz = 7\n");
  CHECK(nested.find("c.toml:13:1|key 'rules.notice_dayz': unknown key") == 0);
}

TEST_CASE("missing required keys are named") {
  CHECK(error_of("id = \"t\"\n").find("key 'name': required key is missing") != std::string::npos);
  CHECK(error_of("id = \"t\"\nname = \"x\"\n").find("key 'council'") != std::string::npos);
}

TEST_CASE("impossible counts are refused") {
  auto seat = [](const std::string& counts) {
    return error_of(R"(id = "t"
name = "x"
[council]
name = "c"
[[council.seats]]
key = "a"
label = "A"
)" + counts);
  };
  CHECK(seat("min = 3\nmax = 2\n").find("min (3) is greater than max (2)") != std::string::npos);
  CHECK(seat("count = -1\n").find("must not be negative") != std::string::npos);
  CHECK(seat("count = 1\nmembers = [{name=\"a\"},{name=\"b\"}]\n")
            .find("2 members for at most 1 seats") != std::string::npos);
  CHECK(seat("count = 2\nmin = 1\n").find("either count or min and max") != std::string::npos);
  CHECK(seat("min = 1\n").find("key 'council.seats[0].max': required key is missing") !=
        std::string::npos);
}

TEST_CASE("duplicate ids are refused") {
  const auto dup_seat = error_of(std::string(kMinimal) + R"(
[[council.seats]]
key = "committee"
label = "again"
count = 1
)");
  CHECK(dup_seat.find("duplicate seat category 'committee'") != std::string::npos);
  const auto two_seats = error_of(std::string(kMinimal) + R"(
[[council.seats]]
key = "women"
label = "妇女代表"
count = 1
members = [{ name = "王一" }]
)");
  CHECK(two_seats.find("'王一' holds more than one seat") != std::string::npos);
}

TEST_CASE("fractions must lie between 0 and 1") {
  auto profile = [](const std::string& quorum) {
    return error_of(std::string(kMinimal) + "[rules.profiles.p]\nquorum = " + quorum +
                    "\nthreshold = \"1/2\"\n");
  };
  CHECK(profile("\"2/3\"") == "no error");
  CHECK(profile("0.5") == "no error");
  CHECK(profile("1.5").find("must be a fraction between 0 and 1") != std::string::npos);
  CHECK(profile("\"4/3\"").find("must be a fraction between 0 and 1") != std::string::npos);
  CHECK(profile("-0.5").find("must be a fraction between 0 and 1") != std::string::npos);
  CHECK(profile("\"1/0\"").find("must be a fraction") != std::string::npos);
}

TEST_CASE("parse_fraction is exact") {
  CHECK(parse_fraction("2/3")->str() == "2/3");
  CHECK(parse_fraction("4/6")->str() == "2/3");
  CHECK(parse_fraction("0.5")->str() == "1/2");
  CHECK(parse_fraction("0.6667")->str() == "6667/10000");
  CHECK(parse_fraction("1")->str() == "1/1");
  CHECK_FALSE(parse_fraction("abc"));
  CHECK_FALSE(parse_fraction("1.01"));
}

TEST_CASE("rule references are checked") {
  CHECK(error_of(std::string(kMinimal) + "[rules.defaults]\ncouncil = \"nope\"\n")
            .find("unknown rule profile 'nope'") != std::string::npos);
  CHECK(error_of(std::string(kMinimal) + "[rules.defaults]\nparty = \"two-thirds\"\n")
            .find("unknown meeting kind 'party'") != std::string::npos);
  CHECK(error_of(std::string(kMinimal) + "[rules.defaults]\ncouncil = \"two-thirds\"\n") ==
        "no error");
  CHECK(error_of(std::string(kMinimal) + "[rules]\nrequire_present = [{ seat = \"women\" }]\n")
            .find("unknown seat category 'women'") != std::string::npos);
  CHECK(error_of(std::string(kMinimal) + "[rules.profiles.two-thirds]\nquorum = 1\nthreshold = 1\n")
            .find("built-in profile") != std::string::npos);
  CHECK(error_of(std::string(kMinimal) + "[rules]\nnotice_policy = \"maybe\"\n")
            .find("not one of: warn, refuse") != std::string::npos);
}

TEST_CASE("schedules need a known kind and valid days and times") {
  auto sched = [](const std::string& body) {
    return error_of(std::string(kMinimal) + "[[schedules]]\n" + body);
  };
  CHECK(sched("kind = \"council\"\nat = \"19:30\"\nweekdays = [\"wed\"]\n") == "no error");
  CHECK(sched("kind = \"party\"\nat = \"19:30\"\nweekdays = [\"wed\"]\n")
            .find("unknown meeting kind") != std::string::npos);
  CHECK(sched("kind = \"council\"\nat = \"25:00\"\nweekdays = [\"wed\"]\n").find("HH:MM") !=
        std::string::npos);
  CHECK(sched("kind = \"council\"\nat = \"09:00\"\ndays_of_month = [32]\n").find("1 to 31") !=
        std::string::npos);
  CHECK(sched("kind = \"council\"\nat = \"09:00\"\n").find("either days_of_month or weekdays") !=
        std::string::npos);
  // Two schedules of one kind need their own keys.
  const std::string wed =
      "[[schedules]]\nkind = \"council\"\nat = \"19:30\"\nweekdays = [\"wed\"]\n";
  const std::string fri =
      "[[schedules]]\nkind = \"council\"\nat = \"19:30\"\nweekdays = [\"fri\"]\n";
  CHECK(error_of(std::string(kMinimal) + wed + fri).find("two schedules are called 'council'") !=
        std::string::npos);
  CHECK(error_of(std::string(kMinimal) + wed + fri + "key = \"friday\"\n") == "no error");
  CHECK(sched("kind = \"council\"\nat = \"19:30\"\nweekdays = [\"wed\"]\nagenda = \"no\"\n")
            .find("agenda") != std::string::npos);
}

TEST_CASE("an unknown default profile names the known ones") {
  const auto error = error_of(std::string(kMinimal) +
                              "[rules.profiles.council-vote]\nquorum = \"2/3\"\n"
                              "threshold = \"1/2\"\n[rules.defaults]\ncouncil = \"nope\"\n");
  CHECK(error.find("unknown rule profile 'nope'") != std::string::npos);
  try {
    parse_community(std::string(kMinimal) + "[rules.profiles.council-vote]\nquorum = \"2/3\"\n"
                                            "threshold = \"1/2\"\n[rules.defaults]\n"
                                            "council = \"nope\"\n",
                    "c.toml");
  } catch (const Error& e) {
    CHECK(std::string(e.hint()).find("residents-meeting") != std::string::npos);
    CHECK(std::string(e.hint()).find("council-vote") != std::string::npos);
  }
}

TEST_CASE("profiles: the community's, the built-in ones, and each kind's default") {
  const auto c =
      parse_community(std::string(kMinimal) + "[rules.profiles.council-vote]\nquorum = \"2/3\"\n"
                                              "threshold = \"1/2\"\n[rules.defaults]\n"
                                              "council = \"council-vote\"\n"
                                              "residents-meeting = \"residents-meeting\"\n",
                      "c.toml");
  CHECK(kind_profile(c, "council")->quorum.str() == "2/3");
  CHECK_FALSE(kind_profile(c, "bench"));
  const auto residents = kind_profile(c, "residents-meeting");
  REQUIRE(residents);
  CHECK(residents->quorum.str() == "1/2");
  CHECK_FALSE(residents->quorum_inclusive); // 过半数: more than half
  const auto village = find_profile(c, "village-representatives");
  REQUIRE(village);
  CHECK(village->quorum.str() == "2/3");
  CHECK(village->quorum_inclusive); // 三分之二以上: at least
  for (const auto& name : builtin_profiles())
    CHECK(find_profile(c, name).has_value());
  CHECK_FALSE(find_profile(c, "nope"));
}

TEST_CASE("time zones and ids are validated") {
  CHECK(error_of("timezone = \"Mars/Base\"\n" + std::string(kMinimal)).find("unknown time zone") !=
        std::string::npos);
  CHECK(error_of("id = \"Bad Id\"\nname = \"x\"\n").find("community ids must be") !=
        std::string::npos);
}

TEST_CASE("duplicate community ids across files are refused") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "consult-config-test";
  fs::create_directories(dir);
  std::ofstream(dir / "a.toml") << kMinimal;
  std::ofstream(dir / "b.toml") << kMinimal;
  try {
    parse_config("communities = [\"a.toml\", \"b.toml\"]\n", "consult.toml", dir.string());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::config);
    CHECK(std::string(e.what()).find("duplicate community id 't'") != std::string::npos);
    CHECK(e.where() == "consult.toml:1:26");
  }
  try {
    parse_config("communities = [\"missing.toml\"]\n", "consult.toml", dir.string());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("does not exist") != std::string::npos);
  }
  const auto cfg =
      parse_config("ledger = \"x.db\"\ncommunities = [\"a.toml\"]\n", "consult.toml", dir.string());
  CHECK(cfg.ledger == (dir / "x.db").string());
  fs::remove_all(dir);
}

TEST_CASE("to_json is stable") {
  const auto c = parse_community(kMinimal, "c.toml");
  CHECK(to_json(c).dump() == to_json(parse_community(kMinimal, "other.toml")).dump());
  CHECK(to_json(c)["council"]["seats"][0]["members"][1]["name"] == "李二");
}

TEST_CASE("synonyms map words to existing keys") {
  const auto c = parse_community(
      std::string(kMinimal) + "[synonyms.channels]\n\"12345热线\" = \"referral\"\n", "c.toml");
  REQUIRE(c.channel_synonyms.size() == 1);
  CHECK(c.channel_synonyms[0].second == "referral");
  CHECK(error_of(std::string(kMinimal) + "[synonyms.categories]\n\"路灯\" = \"lights\"\n")
            .find("'lights' is not a key here") != std::string::npos);
  CHECK(error_of(std::string(kMinimal) + "[synonyms]\nweather = {}\n")
            .find("key 'synonyms.weather': unknown key") != std::string::npos);
}

TEST_CASE("bodies: the council of [council], the bodies a file names, and those an older file "
          "implies") {
  // An older file: the council holds its own kind and the kinds with a
  // council profile; the owners' vote profile and the residents' meeting
  // profile imply their bodies; every other kind is informal.
  const auto old = parse_community(std::string(kMinimal) + R"(
[rules.defaults]
council = "majority-present"
joint = "majority-present"
owners-assembly = "civil-code-278"
residents-meeting = "residents-meeting"
)",
                                   "c.toml");
  REQUIRE(old.bodies.size() == 3);
  CHECK(old.council_body().key == "council");
  CHECK(old.body_of_kind("council") == &old.council_body());
  CHECK(old.body_of_kind("joint") == &old.council_body());
  REQUIRE(old.body_of_kind("owners-assembly") != nullptr);
  CHECK(old.body_of_kind("owners-assembly")->electorate == "owners");
  CHECK(old.body_of_kind("owners-assembly")->name == "业主大会"); // the kind's label
  CHECK(old.body_of_kind("owners-assembly")->signs == "测试社区业主大会");
  CHECK_FALSE(old.body_of_kind("owners-assembly")->configured);
  CHECK(old.body_of_kind("residents-meeting")->electorate == "residents");
  CHECK(old.body_of_kind("bench") == nullptr);
  CHECK(old.body_of_kind("reception-day") == nullptr);
  // Its JSON in the ledger is what it was: no bodies key.
  CHECK_FALSE(to_json(old).contains("bodies"));

  const auto c = parse_community(std::string(kMinimal) + R"(
[meeting_kinds]
council = "议事会"
bench = "板凳会"
building-group = "楼组会议"
owners-assembly = "业主大会"
[[bodies]]
key = "building-7"
type = "building-group"
name = "7号楼楼组"
building = "7号楼"
kinds = ["building-group"]
entitled = 24
members = [{ name = "赵德明", role = "楼组长" }]
[[bodies]]
key = "yzdh"
type = "owners-assembly"
name = "和平里小区业主大会"
kinds = ["owners-assembly"]
objections_to = "业主委员会"
[rules.defaults]
owners-assembly = "civil-code-278"
)",
                                 "c.toml");
  REQUIRE(c.bodies.size() == 3);
  const auto* b = c.body("building-7");
  REQUIRE(b);
  CHECK(b->electorate == "residents");
  CHECK(b->profile == "majority-present");
  CHECK(b->entitled == 24);
  CHECK(b->signs == "7号楼楼组"); // as the file names it
  CHECK(c.body_of_kind("building-group") == b);
  // The configured assembly holds the kind; no implied one is added.
  CHECK(c.body_of_kind("owners-assembly") == c.body("yzdh"));
  CHECK(c.body("yzdh")->signs == "和平里小区业主大会");
  CHECK(c.body("yzdh")->objections_to == "业主委员会");
  CHECK(c.body_of_kind("bench") == nullptr);
  CHECK(to_json(c).at("bodies").size() == 2);
}

TEST_CASE("bodies: every mistake named with its place and key") {
  const std::string head = std::string(kMinimal) + R"(
[meeting_kinds]
council = "议事会"
building-group = "楼组会议"
)";
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "village"
name = "x"
)")
            .find("'village' is not a type of body") != std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "council"
type = "other"
name = "x"
members = [{ name = "甲" }]
)")
            .find("'council' is the residents' council of [council]") != std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "building-group"
name = "x"
kinds = ["buildinggroup"]
)")
            .find("unknown meeting kind 'buildinggroup'") != std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "building-group"
name = "x"
kinds = ["council"]
)")
            .find("meetings of kind 'council' are already held by body 'council'") !=
        std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "owners-committee"
name = "x"
)")
            .find("a body whose electorate is its members needs members") != std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "owners-committee"
name = "x"
members = [{ name = "甲" }]
entitled = 5
)")
            .find("only a body of residents counts those entitled") != std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "building-group"
name = "x"
entitled = 0
)")
            .find("must be at least 1") != std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "building-group"
name = "x"
profile = "majority-of-everyone"
)")
            .find("unknown rule profile 'majority-of-everyone'") != std::string::npos);
  CHECK(error_of(head + R"(
[[bodies]]
key = "b"
type = "building-group"
name = "x"
colour = "red"
)")
            .find("bodies[0].colour': unknown key") != std::string::npos);
}

TEST_CASE("authorities: street and district known without a list, named departments listed") {
  std::string with_street = kMinimal;
  with_street.insert(with_street.find("[council]"), "street = \"和平街道\"\n");
  const auto plain = parse_community(with_street, "c.toml");
  REQUIRE(plain.authority("street"));
  CHECK(plain.authority("street")->name == "和平街道");
  CHECK(plain.authority("district"));
  CHECK_FALSE(plain.authority("power"));
  CHECK(plain.all_authorities().size() == 2);
  CHECK_FALSE(to_json(plain).contains("authorities")); // an older file's JSON is unchanged

  const auto named = parse_community(std::string(kMinimal) + R"(
[[authorities]]
key = "town"
level = "town"
name = "和平镇人民政府"

[[authorities]]
key = "power"
level = "department"
name = "和平供电所"
)",
                                     "c.toml");
  REQUIRE(named.authority("power"));
  CHECK(named.authority("power")->level == "department");
  CHECK(named.authority("power")->name == "和平供电所");
  CHECK(named.authority("town")->level == "town");
  CHECK(named.all_authorities().size() == 4); // street, district, town, power
  CHECK(to_json(named)["authorities"].size() == 2);
  CHECK(people::Directory(named).kind_of("和平供电所", people::Field::resident) == people::Kind::body);

  CHECK(error_of(std::string(kMinimal) + R"(
[[authorities]]
key = "power"
level = "bureau"
name = "x"
)")
            .find("'bureau' is not a level of authority") != std::string::npos);
  CHECK(error_of(std::string(kMinimal) + R"(
[[authorities]]
key = "power"
level = "department"
name = "x"

[[authorities]]
key = "power"
level = "department"
name = "y"
)")
            .find("two authorities are called 'power'") != std::string::npos);
  CHECK(error_of(std::string(kMinimal) + R"(
[[authorities]]
key = "power"
level = "department"
name = "  "
)")
            .find("an authority's name is empty") != std::string::npos);
}
