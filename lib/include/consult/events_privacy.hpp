#pragma once
/// \file
/// The privacy family of the event catalogue: privacy.reveal, the record
/// that someone was shown residents' personal data unmasked (`--reveal`).
/// It holds who (the event's actor), when (its time), which command and
/// which records — never the personal data itself.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

namespace consult::events {

inline constexpr std::string_view kPrivacyReveal = "privacy.reveal";
inline constexpr std::string_view kPrivacyForget = "privacy.forget";

/// privacy.reveal.
struct PrivacyReveal {
  std::string command;   ///< e.g. "issue show", "log --payload"
  std::string community; ///< the community whose records were shown, '' for the whole ledger
  /// The operating system's account that ran consult: the actor is whoever
  /// --as or CONSULT_ACTOR names, which anyone can type; the login is not.
  std::string login;
  /// Which records: {"issues": [12, 14]}, {"meetings": [3]}, {"events": [1, 200]}
  /// (a first and last event) — numbers only.
  nlohmann::json records = nlohmann::json::object();

  std::string entity() const { return "privacy"; }
  nlohmann::json to_json() const;
  static PrivacyReveal from_json(const nlohmann::json& p);
};

/// privacy.forget: residents' personal data erased (`consult forget`). Its
/// items are the sealed values it erased, each {"ref", "shown_sha256"}: the
/// reference and the SHA-256 of what was left in its place. Nothing
/// personal: no name, only how many residents and which issues.
struct PrivacyForget {
  std::string reason;      ///< why, as given (--reason)
  std::string login;       ///< the operating system's account that ran consult
  std::int64_t residents = 0;      ///< residents named with --resident (not their names)
  std::vector<std::int64_t> issues; ///< issues given with --issue or found expired
  std::optional<int> retain_years;  ///< --expired: the retention period applied
  std::int64_t values = 0;          ///< sealed values erased (= items)
  std::int64_t items = 0;
  std::string items_sha256;
  std::string entity() const { return "privacy"; }
  nlohmann::json to_json() const;
  static PrivacyForget from_json(const nlohmann::json& p);
};

} // namespace consult::events
