#include "consult/version.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <sqlite3.h>
#include <toml++/impl/version.h>
#include <utf8proc.h>

namespace consult {

const char* version() noexcept {
  return CONSULT_VERSION;
}

std::vector<std::pair<std::string, std::string>> library_versions() {
  return {
      {"SQLite", sqlite3_libversion()},
      {"SQLiteCpp", SQLITECPP_VERSION},
      {"fmt",
       fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
      {"toml++", fmt::format("{}.{}.{}", TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH)},
      {"nlohmann-json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR,
                                    NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)},
      {"OpenSSL libcrypto", OpenSSL_version(OPENSSL_VERSION_STRING)},
      {"utf8proc", utf8proc_version()},
  };
}

} // namespace consult
