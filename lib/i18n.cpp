#include "consult/i18n.hpp"

#include <clocale>
#include <cstdlib>
#include <libintl.h>
#include <string>

namespace consult::i18n {

namespace {
constexpr const char* kDomain = "consult";
}

namespace {
/// The first of LC_ALL, LC_MESSAGES, LANG that is set.
std::string locale_asked() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return {};
}
} // namespace

void init(const std::string& localedir) {
  if (!std::setlocale(LC_ALL, "")) {
    // The locale asked for is not installed on this machine (a container, a
    // minimal system: only C.UTF-8). Its messages can still be had: UTF-8
    // for the characters, and LANGUAGE, which gettext honours outside "C",
    // for the catalogue.
    std::setlocale(LC_ALL, "C.UTF-8");
    const auto asked = locale_asked();
    const char* language = std::getenv("LANGUAGE");
    if ((!language || !*language) && asked.size() >= 2 && asked.compare(0, 2, "zh") == 0)
      ::setenv("LANGUAGE", "zh_CN", 1);
  }
  // Numbers in data files and in output are always written the C way.
  std::setlocale(LC_NUMERIC, "C");
  bindtextdomain(kDomain, localedir.empty() ? CONSULT_LOCALEDIR : localedir.c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
}

std::string key_label(const std::string& key) {
  // TRANSLATORS: the keys consult stores, as people read them.
  static const std::pair<const char*, const char*> kWords[] = {
      {"collected", N_("collected")},
      {"accepted", N_("accepted")},
      {"consulting", N_("consulting")},
      {"decided", N_("decided")},
      {"implementing", N_("implementing")},
      {"resolved", N_("resolved")},
      {"closed", N_("closed")},
      {"rejected", N_("rejected")},
      {"merged", N_("merged")},
      {"escalated", N_("escalated")},
      {"planned", N_("planned")},
      {"cancelled", N_("cancelled")},
      {"open", N_("open")},
      {"approved", N_("approved")},
      {"urgent", N_("urgent")},
      {"high", N_("high")},
      {"normal", N_("normal")},
      {"low", N_("low")},
      {"show-of-hands", N_("show of hands")},
      {"roll-call", N_("roll call")},
      {"secret", N_("secret ballot")},
      {"written", N_("written ballot")},
      {"next-round", N_("next round")},
      {"site-inspection", N_("site inspection")},
      {"withdrawn", N_("withdrawn")},
      {"invited", N_("invited")},
      {"present", N_("present")},
      {"absent", N_("absent")},
      {"excused", N_("excused")},
      {"proxy", N_("by proxy")},
  };
  for (const auto& [k, word] : kWords)
    if (key == k) return translate(word);
  return key;
}

const char* translate(const char* msgid) noexcept {
  return dgettext(kDomain, msgid);
}

} // namespace consult::i18n
