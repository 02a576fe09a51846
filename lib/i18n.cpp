#include "consult/i18n.hpp"

#include <clocale>
#include <libintl.h>

namespace consult::i18n {

namespace {
constexpr const char* kDomain = "consult";
}

void init(const std::string& localedir) {
  std::setlocale(LC_ALL, "");
  // Numbers in data files and in output are always written the C way.
  std::setlocale(LC_NUMERIC, "C");
  bindtextdomain(kDomain, localedir.empty() ? CONSULT_LOCALEDIR : localedir.c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
}

const char* translate(const char* msgid) noexcept {
  return dgettext(kDomain, msgid);
}

} // namespace consult::i18n
