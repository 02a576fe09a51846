#include "consult/hash.hpp"

// OpenSSL's SHA-256 block functions, not its EVP interface: EVP looks the
// algorithm up in its provider tables on first use, which costs about a
// millisecond per process (most of what a `consult issue add` spends on the
// CPU), while these need no set-up. They use the CPU's SHA extensions where it
// has them: 800 MB/s here against libsodium's 250 MB/s, which matters to an
// import, where every row is hashed twice and the file once. OpenSSL 3 marks
// them deprecated in favour of EVP but keeps them, unchanged, in every 3.x.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <array>

namespace consult::hash {

namespace {
std::string to_hex(const std::array<unsigned char, SHA256_DIGEST_LENGTH>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
}
} // namespace

std::string sha256_hex(std::string_view data) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256_Final(digest.data(), &ctx);
  return to_hex(digest);
}

struct Sha256::State {
  SHA256_CTX s;
};

Sha256::Sha256() : state_(new State) {
  SHA256_Init(&state_->s);
}
Sha256::~Sha256() {
  delete state_;
}

void Sha256::update(std::string_view data) {
  SHA256_Update(&state_->s, data.data(), data.size());
}

std::string Sha256::hex() {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256_Final(digest.data(), &state_->s);
  return to_hex(digest);
}

} // namespace consult::hash
