#pragma once
// The table of contents of the `consult` binary: one registration function
// per command group, called by main in this order.

#include "app.hpp"

namespace consult::cli {

void register_init(CLI::App& app, Context& ctx);
void register_community(CLI::App& app, Context& ctx);
void register_issue(CLI::App& app, Context& ctx);
void register_import(CLI::App& app, Context& ctx);
void register_meeting(CLI::App& app, Context& ctx);
void register_owners(CLI::App& app, Context& ctx);
void register_vote(CLI::App& app, Context& ctx);
void register_decision(CLI::App& app, Context& ctx);
void register_action(CLI::App& app, Context& ctx);
void register_minutes(CLI::App& app, Context& ctx);
void register_notice(CLI::App& app, Context& ctx);
void register_fund(CLI::App& app, Context& ctx);
void register_election(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_backup(CLI::App& app, Context& ctx);
void register_witness(CLI::App& app, Context& ctx); // key, checkpoint
void register_agenda(CLI::App& app, Context& ctx);
void register_log(CLI::App& app, Context& ctx); // log, verify
void register_forget(CLI::App& app, Context& ctx);
void register_doctor(CLI::App& app, Context& ctx);

/// `consult __man DIR`: writes consult(1) and consult-GROUP(1) (manpage.cpp).
int write_manual(CLI::App& app, const std::string& dir);

/// `consult __complete WORD...`: the candidates for the last word (complete.cpp).
int run_complete(CLI::App& app, Context& ctx, const std::vector<std::string>& words);

} // namespace consult::cli
