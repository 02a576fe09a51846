// consult doctor: versions, paths, schema and environment — the first thing
// to ask for in a bug report.

#include "commands.hpp"

#include "consult/i18n.hpp"
#include "consult/ledger_info.hpp"
#include "consult/render.hpp"
#include "consult/version.hpp"

#include <clocale>
#include <cstdlib>
#include <filesystem>

extern char** environ;

namespace consult::cli {

namespace {

void doctor_options(CLI::App* cmd) {
  example(cmd, "  consult doctor\n  consult doctor --json");
}

void doctor(Context& c) {
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back("consult", version());
  for (auto& lib : library_versions())
    rows.push_back(std::move(lib));
  rows.emplace_back("CLI11", CLI11_VERSION);
  const char* locale = std::setlocale(LC_MESSAGES, nullptr);
  rows.emplace_back(_("locale"), locale ? locale : "");

  std::string config_error;
  try {
    const auto* cfg = c.config_if_any();
    rows.emplace_back(_("config"), cfg ? cfg->path : _("(none found)"));
    if (cfg) {
      std::string ids;
      for (const auto& com : cfg->communities)
        ids += (ids.empty() ? "" : ", ") + com.id;
      rows.emplace_back(_("communities"), ids);
    }
  } catch (const std::exception& e) {
    config_error = e.what();
    rows.emplace_back(_("config"), i18n::tr(N_("invalid: {}"), config_error));
  }
  const auto path = config_error.empty() ? c.ledger_path()
                                         : (c.opts.ledger.empty() ? "consult.db" : c.opts.ledger);
  rows.emplace_back(_("ledger"), std::filesystem::absolute(path).string());
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    const auto probe = ledger::probe(path);
    if (probe.opened) {
      const auto perms = std::filesystem::status(path, ec).permissions();
      rows.emplace_back(_("file mode"),
                        fmt::format("{:04o}", static_cast<unsigned>(perms) & 07777u));
    }
    if (probe.application_id)
      rows.emplace_back(_("application id"),
                        fmt::format("{:#x}{}", *probe.application_id,
                                    *probe.application_id == ledger::kApplicationId
                                        ? _(" (consult ledger)")
                                        : _(" (not a consult ledger)")));
    if (probe.schema_version)
      rows.emplace_back(_("schema version"),
                        fmt::format("{} ({} {})", *probe.schema_version, _("this consult writes"),
                                    ledger::latest_version()));
    if (probe.journal_mode) rows.emplace_back(_("journal mode"), *probe.journal_mode);
    if (!probe.error.empty())
      rows.emplace_back(_("ledger status"), probe.error);
    else if (probe.events)
      rows.emplace_back(_("events"), std::to_string(*probe.events));
    else
      rows.emplace_back(_("events"), _("(no event table)"));
  } else {
    rows.emplace_back(_("ledger status"), _("does not exist (create it with 'consult init')"));
  }
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e)
    if (std::string_view(*e).rfind("CONSULT_", 0) == 0) env.emplace_back(*e);
  std::sort(env.begin(), env.end());
  if (c.out.json) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : rows)
      j[k] = v;
    j["environment"] = env;
    c.out.json_line(j);
    return;
  }
  std::string envs;
  for (const auto& e : env)
    envs += (envs.empty() ? "" : " ") + e;
  rows.emplace_back(_("environment"), envs.empty() ? _("(no CONSULT_* variables)") : envs);
  c.out.write(render::key_values(rows));
}

} // namespace

void register_doctor(CLI::App& app, Context& ctx) {
  add_verb(app, ctx, "doctor",
           _("print versions, paths, the ledger's schema and journal mode, and the "
             "CONSULT_* environment"),
           doctor_options, NeedConfig::no, NeedLedger::no, doctor);
}

} // namespace consult::cli
