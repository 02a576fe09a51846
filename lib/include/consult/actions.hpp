#pragma once
/// \file
/// Action items: how an approved decision is carried out, by whom and by
/// when, tracked until done. The first action to start moves its issue to
/// implementing; when all of an issue's actions are done it is resolved.
/// See docs/voting.md.

#include "consult/config.hpp"
#include "consult/ledger.hpp"
#include "consult/people.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consult::actions {

struct Progress {
  std::int64_t id = 0;
  int percent = 0;
  std::string note;
  std::string at;
};

struct Action {
  std::int64_t id = 0;
  std::int64_t decision = 0;
  std::int64_t issue = 0;
  std::string community;
  std::string owner; ///< the party responsible
  std::string what;
  std::string due; ///< YYYY-MM-DD
  int percent = 0;
  std::string status; ///< open | started | done
  std::string done_on;
  std::string created_at;
  std::string updated_at;
  std::vector<Progress> progress;
};

/// Adds an action to an approved decision whose issue is decided or being
/// carried out.
Action add(ledger::Ledger& ledger, const config::Community& community, std::int64_t decision,
           const std::string& owner, const std::string& what, clock::Date due);

/// Reports progress (0..99; 100 is done()). The first progress above 0 of
/// any of the issue's actions moves a decided issue to implementing.
Action progress(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
                int percent, const std::string& note);

/// Marks an action done; when all actions of its issue are done, the issue
/// is resolved (through implementing if it had not started).
Action done(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
            const std::string& note);

std::optional<Action> find(ledger::Ledger& ledger, std::int64_t id);
Action get(ledger::Ledger& ledger, std::int64_t id);

struct Filter {
  std::string community; ///< '' : all
  std::optional<std::int64_t> issue;
  std::optional<std::int64_t> decision;
  bool pending = false;   ///< not done
  std::string due_before; ///< YYYY-MM-DD: due strictly before (overdue)
};
/// Actions by due date, then id (without progress lines).
std::vector<Action> list(ledger::Ledger& ledger, const Filter& filter);

/// Actions not done whose due date is before today in their community's
/// zone; `community` '' for all communities.
std::vector<Action> overdue(ledger::Ledger& ledger, const std::string& community);

nlohmann::json to_json(const Action& a);

/// Action `a` as staff see it unless `reveal`: its owner named if a member,
/// guest or body of the community, else masked as a resident; what is to be
/// done and its progress notes with the owner, the residents of its issue
/// (issues::residents) and any phone, ID-card number or door masked.
Action shown(ledger::Ledger& ledger, const people::Directory& who, const Action& a,
             bool reveal);

/// Actions a command line may name next (shell completion): not done,
/// newest first, at most 100, as (id, what), the text masked as shown() does.
std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger);

} // namespace consult::actions
