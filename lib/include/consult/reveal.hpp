#pragma once
/// \file
/// Reveals of personal data, recorded. Every command that shows residents'
/// personal data unmasked (`--reveal`) first records that it did — who (the
/// session's actor), when, which command, which records — as a
/// privacy.reveal event; nothing personal goes into the record. If the
/// record cannot be written (a read-only ledger), nothing is revealed.
/// `consult log --reveals` lists them (个人信息保护法 arts. 51, 54: access
/// controls and audits of processing).

#include "consult/ledger.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace consult::reveal {

/// One recorded reveal.
struct Reveal {
  std::int64_t seq = 0;
  std::string at, actor;
  std::string login; ///< the operating system's account that ran consult
  std::string command;
  std::string community;
  nlohmann::json records; ///< {"issues": [12]}, {"meetings": [3]}, …
};

/// Records a reveal by `ledger`'s session actor, run by the operating
/// system's account `login` (a write of its own). `records` maps a kind of
/// record to numbers: {"issues": [12, 14]}.
Reveal record(ledger::Ledger& ledger, const std::string& command, const std::string& community,
              const nlohmann::json& records, const std::string& login);

/// Every recorded reveal, oldest first.
std::vector<Reveal> list(ledger::Ledger& ledger);

/// A reveal as JSON (the keys of Reveal).
nlohmann::json to_json(const Reveal& r);

} // namespace consult::reveal
