// consult key init: the community's signing key; consult checkpoint: a signed
// statement of the ledger's head for the street office to keep. Both are
// witnesses' business (consult/witness.hpp); `consult verify --witness`
// checks the ledger against them (log.cpp).

#include "commands.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/witness.hpp"

#include <memory>

namespace consult::cli {

namespace {

struct KeyInitOptions {
  std::string community, key;
  bool force = false, print = false;
};

void key_init_options(CLI::App* cmd, KeyInitOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--key", o.key,
                  _("the private key's file, mode 0600 (default: ID.key beside the community's "
                    "file); keep it off the machine that holds the ledger"))
      ->type_name("FILE");
  cmd->add_flag("--force", o.force,
                _("replace an existing key file and public key (checkpoints signed with the old "
                  "key no longer verify against the new one)"));
  cmd->add_flag("--print", o.print,
                _("print the public_key line for you to add to the community file, instead of "
                  "adding it"));
  example(cmd, "  consult key init --community heping --key /media/usb/heping.key\n"
               "  consult key init --print");
}

void key_init(Context& c, const KeyInitOptions& o) {
  const auto& com = c.community(o.community);
  const auto path = o.key.empty() ? witness::default_key_path(com) : o.key;
  const auto r = witness::init_key(com, path, o.force, !o.print);
  if (c.out.json) {
    c.out.json_line({{"community", com.id},
                     {"key_file", r.key_path},
                     {"public_key", r.public_key},
                     {"line", r.line},
                     {"config", r.config_path.empty() ? nlohmann::json(nullptr)
                                                      : nlohmann::json(r.config_path)},
                     {"replaced", r.replaced}});
    return;
  }
  c.out.say(i18n::tr(N_("made the key pair of community {}: the private key is in '{}' (mode "
                        "0600; keep it off this machine, or at least out of reach of whoever "
                        "can write the ledger)"),
                     com.id, r.key_path));
  if (r.config_path.empty()) {
    c.out.say(i18n::tr(N_("add this line to '{}', before its first [table]:"), com.source));
    c.out.write(r.line + "\n");
  } else {
    c.out.say(i18n::tr(N_("public key added to '{}': {}"), r.config_path, r.line));
  }
}

struct CheckpointOptions {
  std::string community, key, out;
};

void checkpoint_options(CLI::App* cmd, CheckpointOptions& o) {
  cmd->add_option("--community", o.community, _("community id (optional if there is one)"))
      ->type_name("ID");
  cmd->add_option("--key", o.key,
                  _("the private key's file (default: ID.key beside the community's file)"))
      ->type_name("FILE");
  cmd->add_option("--out", o.out, _("the file to write (default: standard output)"))
      ->type_name("FILE");
  example(cmd, "  consult checkpoint --community heping --out checkpoint-2026-11-21.txt\n"
               "  consult checkpoint --key /media/usb/heping.key | mail -s 台账检查点 "
               "jiedao@example.org");
}

void take_checkpoint(Context& c, const CheckpointOptions& o) {
  const auto& com = c.community(o.community);
  const auto pem =
      witness::signing_key(com, o.key.empty() ? witness::default_key_path(com) : o.key);
  const auto cp = witness::take(c.ledger(), com, pem);
  if (o.out.empty() || o.out == "-") {
    if (c.out.json)
      c.out.json_line(cp.to_json());
    else
      c.out.write(cp.text());
    return;
  }
  write_document(c, o.out, cp.text(), Audience::is_public);
  if (c.out.json) {
    auto j = cp.to_json();
    j["file"] = o.out;
    c.out.json_line(j);
    return;
  }
  c.out.say(i18n::tr(N_("checkpoint of community {} at ledger event {} (sha256 {}) written to "
                        "'{}'; file it where the ledger's holder cannot reach"),
                     com.id, cp.seq, cp.hash, o.out));
}

} // namespace

void register_witness(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand(
      "key", _("the community's signing key, with which checkpoints are signed"));
  group->require_subcommand(1);
  example(group, "  consult key init --community heping --key /media/usb/heping.key");
  add_verb(*group, ctx, "init",
           _("make the community's Ed25519 key pair: the private key to a file of its own, the "
             "public key into the community file"),
           key_init_options, NeedConfig::yes, NeedLedger::no, key_init);

  add_verb(app, ctx, "checkpoint",
           _("write a signed statement of the ledger's last event and hash, for the street "
             "office to keep: a witness that the ledger is not rewritten later"),
           checkpoint_options, NeedConfig::yes, NeedLedger::read, take_checkpoint);
}

} // namespace consult::cli
