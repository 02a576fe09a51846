#pragma once
/// \file
/// The privacy family of the event catalogue: privacy.reveal, the record
/// that someone was shown residents' personal data unmasked (`--reveal`).
/// It holds who (the event's actor), when (its time), which command and
/// which records — never the personal data itself.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace consult::events {

inline constexpr std::string_view kPrivacyReveal = "privacy.reveal";

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

} // namespace consult::events
