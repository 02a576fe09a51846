#include "consult/i18n.hpp"

#include <libintl.h>
#include <string>

namespace consult::i18n {

std::string default_localedir() {
  return CONSULT_LOCALEDIR;
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
      {"other", N_("other")},
  };
  for (const auto& [k, word] : kWords)
    if (key == k) return translate(word);
  return key;
}

const char* translate(const char* msgid) noexcept {
  return dgettext(kTextDomain, msgid);
}

} // namespace consult::i18n
