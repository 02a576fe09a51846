#pragma once
/// \file
/// The configuration: `consult.toml` (which ledger, which communities) and
/// one TOML file per community (its council, rules, channels, categories,
/// meeting kinds and schedules). See docs/configuration.md.
///
/// Loading validates everything and throws consult::Error (ErrorKind::config)
/// pointing into the file: `path:line:column`, the key, what is wrong.

#include "consult/clock.hpp"
#include "consult/rules.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consult::config {

// Rules of procedure are the rules module's: the configuration names them.
using rules::Fraction;
using rules::Profile;
using rules::Requirement;

struct Member {
  std::string name;
  std::string role;                 ///< e.g. 主任, optional
  std::optional<clock::Date> since; ///< start of term
  std::optional<clock::Date> until; ///< end of term (inclusive)
  /// The election that seated them (elections::add_members), 0 when the
  /// file lists them: the community's JSON keeps only those of the file.
  std::int64_t election = 0;
};

/// A seat category of the council, e.g. key "women", label "妇女代表".
struct Seat {
  std::string key;
  std::string label;
  int min = 0;
  int max = 0;
  std::vector<Member> members;
};

/// The "X" of "6+X": stakeholders invited per issue.
struct StakeholderSlot {
  std::string label = "利益相关方";
  int min = 0;
  int max = 20;
};

struct Council {
  std::string name;
  std::vector<Seat> seats;
  StakeholderSlot stakeholders;
  std::vector<std::string> kinds; ///< meeting kinds [council] lists itself (Body::kinds has all)
  int seat_count() const; ///< members seated across all categories
};

/// A body of the community that meets and decides (docs/bodies.md): the
/// residents' council of `[council]` (key "council"), and the bodies of
/// `[[bodies]]` — building groups (楼组), the owners' committee (业委会) and
/// assembly (业主大会), the residents' meeting (居民会议), others a community
/// names (监督委员会). Each has its members or electorate, its quorum and
/// decision profile, the meeting kinds it holds and who signs its notices.
struct Body {
  std::string key;  ///< stable id, unique in the community; "council" for [council]
  std::string type; ///< council | building-group | owners-committee | owners-assembly |
                    ///< residents-meeting | other
  std::string name;
  std::string building;           ///< a building group's building or zone, '' if none
  std::vector<std::string> kinds; ///< meeting kinds it holds (each kind one body at most)
  std::vector<std::string> listed_kinds; ///< those of them its file lists
  std::string profile;            ///< its decision profile (quorum and threshold)
  /// Who takes part and votes: "members" (the council, a committee: named
  /// members, quorum over them), "residents" (a building group, the
  /// residents' meeting: residents or household representatives, counted
  /// against `entitled`), "owners" (the owners' assembly: the roster).
  std::string electorate;
  std::int64_t entitled = 0; ///< residents or households entitled; 0: given per meeting
  std::string signs;         ///< who signs its public notices
  std::string objections_to; ///< where residents raise objections to its notices
  std::vector<Member> members; ///< a council's members are those of its seats
  /// False for a body a community file implies without naming it (an older
  /// file: the council, and an owners' assembly or residents' meeting for
  /// kinds whose profile in [rules.defaults] is theirs).
  bool configured = true;

  bool has_members() const { return electorate == "members"; }
};

/// The body types consult knows, in the order docs/bodies.md lists them.
const std::vector<std::string>& body_types();

/// A body outside the community that issues are referred to (上报,
/// docs/issues.md): the street office or a town, the district, a named
/// department (供电所, 住建局). "street" and "district" are always known.
struct Authority {
  std::string key;   ///< stable id, unique in the community
  std::string level; ///< street | town | township | district | county | department | other
  std::string name;  ///< as the community writes it, e.g. 和平街道办事处; '' : the level's word
  bool configured = true;
};

/// The levels an authority can have, in order.
const std::vector<std::string>& authority_levels();

struct Rules {
  int notice_days = 7;
  std::string notice_policy = "warn"; ///< warn | refuse
  int agenda_max = 10;                ///< issues an automatic agenda takes at most
  std::vector<Profile> profiles;
  std::vector<std::pair<std::string, std::string>> defaults; ///< meeting kind -> profile key
  std::vector<Requirement> require_present;
};

/// A stable key with its display label, e.g. {"suggestion-box", "意见箱"}.
struct Label {
  std::string key;
  std::string label;
};

/// The key every community has for what fits none of its channels or
/// categories, and its label when the file gives none.
inline constexpr const char* kOtherKey = "other";
inline constexpr const char* kOtherLabel = "其他";

/// The label of `l`, or `key` when there is none (a key no longer configured).
inline std::string label_or_key(const Label* l, const std::string& key) {
  return l ? l->label : key;
}

/// A recurring meeting: on days of the month or on weekdays, at a time.
struct Schedule {
  std::string key; ///< stable id (default: the kind), unique in the community
  std::string kind;
  std::string title;
  std::vector<int> days_of_month; ///< 1..31
  std::vector<int> weekdays;      ///< 0 = Sunday .. 6 = Saturday
  std::string at;                 ///< HH:MM
  std::string until;              ///< HH:MM, optional
  std::string venue;
  std::string online; ///< link for online meetings, optional
  bool agenda = true; ///< build an agenda from open issues (false: e.g. reception days)
};

struct Community {
  std::string id;
  std::string name;
  std::string street;
  std::string district;
  std::string timezone = clock::kDefaultZone;
  int population = 0;
  Council council;
  Rules rules;
  /// The channels and categories of the file, then `other` (其他) if the
  /// file has none: what an import or a report cannot place goes there,
  /// with its text kept, whatever the file lists (docs/import.md).
  std::vector<Label> channels;
  std::vector<Label> categories;
  std::vector<Label> meeting_kinds;
  /// True when `other` was added to channels / categories, not in the file:
  /// to_json() leaves it out, so the file's record in the ledger is as before.
  bool implied_other_channel = false, implied_other_category = false;
  /// Other words for channels and categories, as registers write them:
  /// value -> key (e.g. "12345热线" -> "referral").
  std::vector<std::pair<std::string, std::string>> channel_synonyms;
  std::vector<std::pair<std::string, std::string>> category_synonyms;
  std::vector<Schedule> schedules;
  /// The bodies that meet and decide, the council first (Body).
  std::vector<Body> bodies;
  /// Bodies (单位) this community deals with by name — the property
  /// company, the street office, a school: named in public documents,
  /// never masked. Every other name consult records that is not a member
  /// of the council or a guest is a resident's, and personal data.
  std::vector<std::string> organisations;
  /// The authorities issues are referred to, as `[[authorities]]` lists
  /// them; "street" and "district" are known without (Community::authority).
  std::vector<Authority> authorities;
  /// The public half of the community's signing key, "ed25519:BASE64"
  /// (`consult key init`), '' if it has none. Checkpoints are checked
  /// against it. Not part of to_json: the ledger never holds it, so whoever
  /// rewrites the ledger cannot change it there.
  std::string public_key;
  std::string source; ///< the file it was loaded from

  const Label* channel(const std::string& key) const;
  const Label* category(const std::string& key) const;
  const Label* meeting_kind(const std::string& key) const;
  const Seat* seat(const std::string& key) const;
  const Body* body(const std::string& key) const;
  /// The body that holds meetings of `kind`; nullptr for an informal kind
  /// (a bench meeting, a reception day: participants, no quorum).
  const Body* body_of_kind(const std::string& kind) const;
  const Body& council_body() const; ///< always bodies.front()
  /// The authority `key`: a configured one, else "street" (named as the
  /// community's `street`) or "district" (its `district`); nullopt for any
  /// other key.
  std::optional<Authority> authority(const std::string& key) const;
  /// Every authority an issue can be referred to: street and district
  /// (unless configured under those keys) and the configured ones.
  std::vector<Authority> all_authorities() const;
};

struct Config {
  std::string path;   ///< the config file, empty if none was found
  std::string ledger; ///< ledger path from the file (resolved), may be empty
  std::string timezone = clock::kDefaultZone;
  std::vector<Community> communities;
  /// [privacy] retain_years: how long residents' personal data is kept
  /// after an issue is closed, rejected or merged (`consult forget
  /// --expired`); unset: kept until erased by hand.
  std::optional<int> retain_years;

  const Community* find(const std::string& id) const;
};

/// (Re)derives the bodies a community implies from its council and rules
/// (Community::bodies): the council of `[council]` first, holding its own
/// kind `council`; each kind with a default profile in [rules.defaults]
/// that no body lists goes to an owners' assembly (civil-code-278) or a
/// residents' meeting (residents-meeting), implied when none is configured,
/// else to the council. Loading calls it; call it again after changing a
/// community in code.
void imply_bodies(Community& c);

/// Loads and validates a config file and the community files it names
/// (paths relative to the config file's directory).
Config load(const std::string& path);

/// Loads and validates one community file.
Community load_community(const std::string& path);

/// Parses and validates a community from TOML text; `name` is used in messages.
Community parse_community(const std::string& toml_text, const std::string& name);

/// Parses and validates a config from TOML text, loading community files
/// relative to `base_dir`.
Config parse_config(const std::string& toml_text, const std::string& name,
                    const std::string& base_dir);

/// The community as canonical JSON, stored in the ledger so that a ledger
/// file describes its communities without their TOML.
nlohmann::json to_json(const Community& c);

/// A mapping file for `consult import --map`: extra header names, value
/// translations for channels and categories, and what to do with values
/// and columns that fit nothing. See docs/import.md.
struct ImportMap {
  std::vector<std::pair<std::string, std::string>> columns;    ///< header -> field
  std::vector<std::pair<std::string, std::string>> channels;   ///< value -> channel key
  std::vector<std::pair<std::string, std::string>> categories; ///< value -> category key
  bool reject_unknown_channel = false;
  bool reject_unknown_category = false;
  bool reject_unknown_columns = false;
  std::string source;
};

/// The fields an import column can fill.
const std::vector<std::string>& import_fields();

/// Loads and validates a mapping file against `community` (its keys).
ImportMap load_import_map(const std::string& path, const Community& community);

/// Rule profile names built into consult (see docs/meetings.md).
using rules::builtin_profiles;

/// The profile `key` as `community` defines it, or the built-in one of that
/// name; nullopt if neither exists.
std::optional<Profile> find_profile(const Community& community, const std::string& key);

/// The default profile of a meeting kind ([rules.defaults]); nullopt if the
/// kind has none (an informal meeting without quorum).
std::optional<Profile> kind_profile(const Community& community, const std::string& kind);

/// The requirements of `community`'s `rules.require_present` that the people
/// present do not meet, labelled as its council names the seats;
/// `present_by_seat` gives how many of each seat category came.
std::vector<rules::Shortfall>
composition_shortfalls(const Community& community,
                       const std::vector<std::pair<std::string, int>>& present_by_seat);

/// Parses "2/3", "1/2" or a decimal such as 0.5 into a fraction in 0..1.
std::optional<Fraction> parse_fraction(const std::string& text);

/// A community as one line of `community list --json`: its ids and names,
/// the council's name and its size (to_json() gives all of it).
nlohmann::json summary_json(const Community& c);

} // namespace consult::config
