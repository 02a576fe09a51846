#pragma once
/// \file
/// The issue family of the event catalogue: issue.add, issue.import, the
/// steps of "three up, three down" (issue.accept … issue.answer),
/// issue.comment, issue.priority and issue.feedback — their permanent names
/// and payload types. The writers (lib/issues.cpp, lib/importer.cpp) and the
/// projector (lib/projection_issue.cpp) both go through these types.

#include "consult/event.hpp"
#include "consult/model.hpp"

#include <SQLiteCpp/Database.h>
#include "consult/sealing.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace consult::events {

inline constexpr std::string_view kIssueAdd = "issue.add";
inline constexpr std::string_view kIssueImport = "issue.import";
inline constexpr std::string_view kIssueComment = "issue.comment";
inline constexpr std::string_view kIssuePriority = "issue.priority";
inline constexpr std::string_view kIssueFeedback = "issue.feedback";

/// The permanent name of the event that records `action` on an issue
/// ("issue.accept", …). Written out one by one: a command's word may change,
/// these names never do.
std::string_view transition_kind(model::IssueAction action) noexcept;

/// "issue:42".
std::string issue_entity(std::int64_t id);

/// An issue as an import item (an issue.import event's item) or an issue.add
/// payload describes it.
struct IssueItem {
  std::int64_t id = 0;
  std::string community, title, body, channel, category, place, raised_by, phone;
  std::string raised_on;                    ///< YYYY-MM-DD
  std::int64_t row = 0;                     ///< its line in the imported file (items only)
  std::string channel_text, category_text;  ///< the original value when it mapped to no key
  std::map<std::string, std::string> extra; ///< other columns of the row: header -> value
  std::string time;                         ///< HH:MM if the file gave one
  std::vector<std::string> stakeholders;
  std::string priority = "normal"; ///< issue.add only: items are always "normal"

  /// Reads an item's data or an issue.add payload.
  static IssueItem from_json(const nlohmann::json& p);

  /// The issue.add payload.
  nlohmann::json add_json() const;

  /// The item's data as the import stores it: byte for byte what
  /// canonical() gives for the same object, written without building one.
  /// `priority` is not part of an item.
  std::string item_json() const;

  /// item_json() in two parts either side of the id's digits, for writing
  /// the rest before the id is known: data = head + id + tail.
  std::pair<std::string, std::string> item_json_parts() const;

  /// The item as an import stores it from schema 10: its personal fields
  /// (title, body, place, raised_by, phone, extra, stakeholders) sealed into
  /// `out`, and the rest in two parts either side of the id's digits, byte
  /// for byte what canonical(ledger::split(…)) gives for item_json().
  std::pair<std::string, std::string> sealed_item_parts(ledger::Sealed& out) const;
};

/// issue.import: a suggestion-box file read into issues; the issues are the
/// event's items (IssueItem).
struct IssueImport {
  std::string community;
  std::string file;   ///< the file's name, without its directory
  std::string sha256; ///< of the file's bytes
  /// csv | xlsx, and the sheet read ('' for CSV). Imports written before
  /// XLSX files were read lack both keys; a writer of today sets them.
  std::optional<std::string> format, sheet;
  std::string encoding;        ///< the file's text encoding, e.g. utf-8
  std::int64_t rows = 0;       ///< data rows read
  std::int64_t duplicates = 0; ///< rows imported before, or twice in the file
  std::int64_t rejected = 0;   ///< bad rows skipped (--skip-bad)
  std::int64_t items = 0;      ///< the items attached (one per new issue)
  std::string items_sha256;
  std::int64_t first_id = 0, last_id = 0; ///< the new issues' ids, 0 when none

  std::string entity() const; ///< "community:ID"
  nlohmann::json to_json() const;
  static IssueImport from_json(const nlohmann::json& p);
};

/// issue.accept … issue.answer: an issue moves from one status to another.
/// The optional fields are present in the payload only when set.
struct IssueTransition {
  std::int64_t id = 0;
  std::string from, to;                 ///< status keys
  std::optional<std::string> reason;    ///< why (reject, escalate, withdrawn at a meeting)
  std::optional<int> round;             ///< the consultation round it opens
  std::optional<std::string> level;     ///< escalate: the authority's key (street, district, …)
  /// escalate (since schema 13): the authority's level and name as the
  /// community file gave them then (config::Authority).
  std::optional<std::string> to_level, to_name;
  std::optional<std::string> answer;    ///< answer: what the higher body said
  /// answer, resolve (since schema 13): the authority that answered, when it
  /// is not the one referred to (the street passed it on to 住建局): its key
  /// and name.
  std::optional<std::string> by, by_name;
  std::optional<std::int64_t> into;     ///< merge: the twin that stays open
  std::optional<std::int64_t> count;    ///< merge: residents who raised this one
  std::optional<std::int64_t> meeting;  ///< the meeting that moved it
  std::optional<std::int64_t> vote;     ///< the vote that moved it
  std::optional<std::int64_t> decision; ///< the decision that moved it
  std::optional<std::int64_t> action;   ///< the action item that moved it

  nlohmann::json to_json() const;
  static IssueTransition from_json(const nlohmann::json& p);
};

/// issue.comment: an opinion recorded in a consultation round.
struct IssueComment {
  std::int64_t id = 0;      ///< the issue
  std::int64_t comment = 0; ///< the opinion's own id
  int round = 0;
  std::string author, body;

  nlohmann::json to_json() const;
  static IssueComment from_json(const nlohmann::json& p);
};

/// issue.priority: how urgent the issue is, from and to.
struct IssuePriority {
  std::int64_t id = 0;
  std::string from, to;

  nlohmann::json to_json() const;
  static IssuePriority from_json(const nlohmann::json& p);
};

/// issue.feedback: residents rate a resolved issue.
struct IssueFeedback {
  std::int64_t id = 0;       ///< the issue
  std::int64_t feedback = 0; ///< the rating's own id
  int satisfaction = 0;      ///< 1..5
  std::string comment;

  nlohmann::json to_json() const;
  static IssueFeedback from_json(const nlohmann::json& p);
};

/// Turns the items of an issue.import event into issue rows, one at a time.
/// The projector uses it when it replays the event; an import uses it as it
/// reads rows, so the tables are the same either way.
class ImportProjector {
public:
  ImportProjector(SQLite::Database& db, std::int64_t seq, std::string at);
  ~ImportProjector();
  ImportProjector(const ImportProjector&) = delete;
  ImportProjector& operator=(const ImportProjector&) = delete;
  /// Inserts the issue an item describes.
  void add(const IssueItem& item);
  /// Writes the month tallies of the issues added (report_month), counted in
  /// memory so that an import of many rows updates each tally once.
  void finish();

  /// The issue-row writer, shared with the projection of issue.add.
  struct Statements;

private:
  std::unique_ptr<Statements> q_;
  std::int64_t seq_;
  std::string at_;
  /// (community, month, figure, key) -> issues
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::int64_t> tallies_;
};

} // namespace consult::events
