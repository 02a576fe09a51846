#pragma once
/// \file
/// Issues raised by residents: recording them by hand, listing and showing
/// them, and taking them through their life cycle. Every change goes through
/// Ledger::write and Ledger::append.

#include "consult/config.hpp"
#include "consult/events_issue.hpp"
#include "consult/ledger.hpp"
#include "consult/people.hpp"
#include "consult/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace consult::issues {

/// Makes the ledger's copy of `community` match its configuration, appending a
/// `community.sync` event if it is missing or changed. Call inside a write.
/// Returns true if an event was appended.
bool sync_community(ledger::Ledger& ledger, const config::Community& community);

/// A community as the ledger knows it.
struct CommunityRecord {
  std::string id;
  std::string name;
  std::string street;
  std::string district;
  std::int64_t issues = 0;
  std::int64_t open_issues = 0;
};

/// Communities recorded in the ledger, by id.
std::vector<CommunityRecord> recorded_communities(ledger::Ledger& ledger);

struct NewIssue {
  std::string title;
  std::string body;
  std::string channel;  ///< empty: the community's first channel
  std::string category; ///< empty: "other" if configured, else the first category
  std::string place;
  std::string raised_by;
  std::string phone;
  std::optional<clock::Date> raised_on; ///< default: today in the community's zone
  std::string priority;                 ///< urgent | high | normal (default) | low
  std::vector<std::string> stakeholders;
};

/// Validates `issue` against `community` and records it in one transaction.
/// Throws Error(data) naming the allowed keys for an unknown channel or
/// category. Returns the new issue's id.
std::int64_t add(ledger::Ledger& ledger, const config::Community& community, const NewIssue& issue);

/// Validates without writing (throws as add() would); returns the normalised issue.
NewIssue validate(const config::Community& community, NewIssue issue, clock::Date today);

struct Filter {
  std::string community;
  std::vector<model::IssueStatus> statuses;
  std::string category;
  std::string channel;
  std::optional<clock::Date> from; ///< raised on or after
  std::optional<clock::Date> to;   ///< raised on or before
  std::string text;                ///< substring of title, body or place
  /// Whether title, details and place are matched as stored; otherwise as
  /// shown unrevealed (shown_text, personal::mask_place), so that a search
  /// cannot find a phone, a name or a door number.
  bool reveal = false;
  bool open_only = false;
  std::int64_t limit = 0; ///< 0: all
};

/// Issues matching `filter`, newest first (by raised_on, then id).
std::vector<model::Issue> list(ledger::Ledger& ledger, const Filter& filter);

/// Calls `fn` for each issue matching `filter` without holding them all.
void each(ledger::Ledger& ledger, const Filter& filter,
          const std::function<void(const model::Issue&)>& fn);

/// The issue, or nullopt.
std::optional<model::Issue> find(ledger::Ledger& ledger, std::int64_t id);

/// The issue; throws Error(data) "issue N does not exist".
model::Issue get(ledger::Ledger& ledger, std::int64_t id);

struct Change {
  model::IssueAction action = model::IssueAction::accept;
  std::string reason{};               ///< reject, escalate (required); others optional
  std::optional<std::int64_t> into{}; ///< merge target
  std::string level{};                ///< escalate: an authority's key (street, district, …)
  /// answer (required), or resolve/close of an escalated issue (optional):
  /// what the street or district answered.
  std::string answer{};
  /// answer: the authority that answered when it is not the one referred to
  /// ('' : that one).
  std::string by{};
  /// The issue's community, whose authorities `level` and `by` name; without
  /// it only street and district are known.
  const config::Community* community = nullptr;
};

/// Applies a life-cycle step in one transaction. An illegal step throws
/// Error(data) naming the steps allowed now, and changes nothing.
model::Issue change(ledger::Ledger& ledger, std::int64_t id, const Change& change);

/// Moves `issue` (as it stands now) one step of "three up, three down": the
/// one writer of the issue.accept … issue.answer events, whichever command
/// or module takes the step. `step` holds what the step records besides the
/// issue and its statuses (a reason, the round it opens, the meeting or vote
/// that moved it, …). Call inside a write. Throws Error(data) "cannot …
/// issue N: it is …" naming the steps allowed now when the life cycle does
/// not allow it, having written nothing. Returns the status reached.
model::IssueStatus transition(ledger::Ledger& ledger, const model::Issue& issue,
                              model::IssueAction action, events::IssueTransition step = {});

/// Residents' rating of how an issue was solved.
struct Feedback {
  std::int64_t id = 0;
  std::int64_t issue = 0;
  int satisfaction = 0; ///< 1 (very dissatisfied) .. 5 (very satisfied)
  std::string comment;
  std::string at;
  std::int64_t seq = 0;
};

/// Records residents' rating of a resolved issue (several may rate it); the
/// issue can be closed once it has one.
Feedback feedback(ledger::Ledger& ledger, std::int64_t id, int satisfaction,
                  const std::string& comment);

/// Ratings of an issue, oldest first.
std::vector<Feedback> feedbacks(ledger::Ledger& ledger, std::int64_t id);

/// A referral to the street or district, and what came back.
struct Escalation {
  int n = 0;
  std::string level; ///< the authority's key: street, district, or one the community names
  std::string to_level; ///< its level: street, town, district, department …
  std::string to_name;  ///< its name then ('' : referrals before schema 13, or none given)
  std::string answered_by, answered_by_name; ///< another authority that answered ('' : it)
  std::string reason;
  std::optional<std::int64_t> meeting; ///< the meeting that referred it
  std::string at;
  std::string answer; ///< '' : no answer yet
  std::string answered_at;
};

/// An issue's referrals, oldest first.
std::vector<Escalation> escalations(ledger::Ledger& ledger, std::int64_t id);

/// The authority as people read it: its name, else its level in words
/// (街道, 区 …), else its key.
std::string authority_words(const std::string& key, const std::string& level,
                            const std::string& name);
/// The authority `key` of `community` (street and district when null);
/// throws Error(usage) on `option` naming the keys there are.
config::Authority authority_of(const config::Community* community, const std::string& key,
                               const char* option);
/// The word for a level of authority (street → 街道).
std::string level_words(const std::string& level);

/// Sets how urgent an open issue is (urgent, high, normal, low).
model::Issue set_priority(ledger::Ledger& ledger, std::int64_t id, const std::string& priority);

/// Records an opinion on an issue (current round). Returns the comment.
model::Comment comment(ledger::Ledger& ledger, std::int64_t id, const std::string& author,
                       const std::string& body);

/// Opinions recorded on an issue, oldest first.
std::vector<model::Comment> comments(ledger::Ledger& ledger, std::int64_t id);

/// Every event about the issue (including merges of twins into it), oldest first.
std::vector<ledger::Event> history(ledger::Ledger& ledger, std::int64_t id);

/// What a person typed into `field`, trimmed (and made one line unless
/// `multiline`); Error(data) naming the field if it is not UTF-8 or longer
/// than `max_bytes`, with `too_long_hint` (marked N_(), translated here;
/// default "shorten it") as the hint.
std::string clean_field(const std::string& value, const char* field, std::size_t max_bytes,
                        bool multiline = false, const char* too_long_hint = nullptr);

/// Limits on what a person may type, enforced with clear errors.
inline constexpr std::size_t kMaxTitleBytes = 500;
inline constexpr std::size_t kMaxBodyBytes = 20000;
inline constexpr std::size_t kMaxFieldBytes = 500;

/// The residents issue `id` records (residents() without a directory: every
/// stakeholder); none if there is no such issue.
std::vector<std::string> residents(ledger::Ledger& ledger, std::int64_t id);

/// Issues a command line may name next (shell completion): not closed or
/// merged, newest first, at most 200, as (id, title). Like every
/// description completion gives, the title is shown as staff see it
/// unrevealed (shown_text).
std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger);

/// The columns an import kept with `issue` beyond its fields, as (header,
/// value) sorted by header as stored, each value masked by what its column holds
/// (personal::mask_column: a phone as 138****1234, an ID number hidden, free
/// text as "***") unless `reveal`. Classified when shown, from the header and
/// the value, so that issues imported before columns were classified are
/// masked too.
std::vector<std::pair<std::string, std::string>> extra_columns(const model::Issue& issue,
                                                               bool reveal);

/// An issue as JSON, the one shape of `issue list --json`, `issue show
/// --json` and a step's result. Residents' names, phones and the extra
/// columns are masked unless `reveal`; `full` adds the details, stakeholders
/// and extra columns (extra_columns()). Names are shown as `who` records
/// them (members and organisations named) when given.
nlohmann::json to_json(const model::Issue& issue, bool reveal, bool full,
                       const people::Directory* who = nullptr);

/// A referral to the street or district as JSON.
nlohmann::json to_json(const Escalation& escalation);

/// A residents' rating as JSON.
nlohmann::json to_json(const Feedback& feedback);

/// The residents issue `i` records: whoever raised it, and its stakeholders
/// that `who` does not know as members, guests or bodies (all of them
/// without a directory). Their names are masked in any text typed about the
/// issue — its own, and a meeting's, vote's, decision's or action's on it.
std::vector<std::string> residents(const model::Issue& i, const people::Directory* who = nullptr);

/// Text typed about issue `i` (its title, its details) as staff see it:
/// the residents it records (whoever raised it, its stakeholders) and any
/// phone, ID-card number or door masked unless `reveal`
/// (personal::mask_in_text).
std::string shown_text(const model::Issue& i, const std::string& text, bool reveal,
                       const people::Directory* who = nullptr);

/// An opinion given in consultation as JSON: its author named if a member
/// or an organisation of the community (`who`), else masked unless `reveal`.
nlohmann::json to_json(const model::Comment& comment, const people::Directory& who, bool reveal);

} // namespace consult::issues
