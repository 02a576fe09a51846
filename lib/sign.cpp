#include "consult/sign.hpp"

#include "consult/error.hpp"
#include "consult/files.hpp"
#include "consult/i18n.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace consult::sign {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;

struct FreeKey {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct FreeBio {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct FreeMd {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct FreeCtx {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using Key = std::unique_ptr<EVP_PKEY, FreeKey>;
using Bio = std::unique_ptr<BIO, FreeBio>;
using Md = std::unique_ptr<EVP_MD_CTX, FreeMd>;

[[noreturn]] void not_a_key() {
  throw Error(ErrorKind::data, _("the private key is not an Ed25519 key in PEM form"), {},
              _("make the community's key with 'consult key init'"));
}

Key private_key(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw Error(ErrorKind::internal, "out of memory reading a key");
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) not_a_key();
  return key;
}

std::string public_text(EVP_PKEY* key) {
  std::array<unsigned char, kKeyBytes> raw{};
  std::size_t len = raw.size();
  if (EVP_PKEY_get_raw_public_key(key, raw.data(), &len) != 1 || len != kKeyBytes)
    throw Error(ErrorKind::internal, "cannot read the public half of an Ed25519 key");
  return std::string(kPublicKeyPrefix) +
         base64(std::string_view(reinterpret_cast<const char*>(raw.data()), len));
}

/// The raw 32 bytes of a public key's text form.
std::optional<std::string> public_bytes(std::string_view text) {
  if (text.substr(0, kPublicKeyPrefix.size()) != kPublicKeyPrefix) return std::nullopt;
  auto raw = unbase64(text.substr(kPublicKeyPrefix.size()));
  if (!raw || raw->size() != kKeyBytes) return std::nullopt;
  return raw;
}

} // namespace

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) v |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    unsigned v = 0;
    int pad = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      unsigned d = 0;
      if (c == '=') {
        // Padding only at the very end, one or two characters.
        if (i + 4 != text.size() || j < 2) return std::nullopt;
        ++pad;
      } else {
        if (pad) return std::nullopt;
        const char* at = std::strchr(kAlphabet, c);
        if (c == '\0' || !at) return std::nullopt;
        d = static_cast<unsigned>(at - kAlphabet);
      }
      v = v << 6 | d;
    }
    out += static_cast<char>(v >> 16 & 0xff);
    if (pad < 2) out += static_cast<char>(v >> 8 & 0xff);
    if (pad < 1) out += static_cast<char>(v & 0xff);
    // The bits padding leaves over must be zero, so that one text has one meaning.
    if ((pad == 1 && (v & 0xff) != 0) || (pad == 2 && (v & 0xffff) != 0)) return std::nullopt;
  }
  return out;
}

KeyPair generate() {
  std::unique_ptr<EVP_PKEY_CTX, FreeCtx> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
    throw Error(ErrorKind::internal, "OpenSSL could not make an Ed25519 key");
  Key key(raw);
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw Error(ErrorKind::internal, "OpenSSL could not write an Ed25519 key");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  KeyPair out;
  out.private_pem.assign(data, static_cast<std::size_t>(len));
  out.public_key = public_text(key.get());
  return out;
}

std::string public_key_of(const std::string& private_pem) {
  return public_text(private_key(private_pem).get());
}

bool valid_public_key(std::string_view text) {
  return public_bytes(text).has_value();
}

std::string sign(const std::string& private_pem, std::string_view message) {
  const auto key = private_key(private_pem);
  Md md(EVP_MD_CTX_new());
  std::array<unsigned char, kSignatureBytes> sig{};
  std::size_t len = sig.size();
  if (!md || EVP_DigestSignInit(md.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(md.get(), sig.data(), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
    throw Error(ErrorKind::internal, "OpenSSL could not sign with an Ed25519 key");
  return base64(std::string_view(reinterpret_cast<const char*>(sig.data()), len));
}

bool verify(std::string_view public_key, std::string_view message, std::string_view signature) {
  const auto raw = public_bytes(public_key);
  const auto sig = unbase64(signature);
  if (!raw || !sig || sig->size() != kSignatureBytes) return false;
  Key key(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw->data()), raw->size()));
  Md md(EVP_MD_CTX_new());
  if (!key || !md || EVP_DigestVerifyInit(md.get(), nullptr, nullptr, nullptr, key.get()) != 1)
    return false;
  return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig->data()),
                          sig->size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

void write_private_key(const std::string& path, const std::string& private_pem, bool replace) {
  if (!replace && ::access(path.c_str(), F_OK) == 0)
    throw Error(ErrorKind::cant_create, i18n::tr(N_("key file '{}' already exists"), path), {},
                _("a key is never replaced by accident: add --force to make a new one (every "
                  "checkpoint signed with the old key then fails to verify), or choose another "
                  "file with --key"));
  files::write_file(path, private_pem, {{}, files::kPrivate, replace});
}

std::string read_private_key(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      throw Error(ErrorKind::no_input, i18n::tr(N_("key file '{}' does not exist"), path), "--key",
                  _("make the community's key with 'consult key init', or give its file with "
                    "--key"));
    throw Error(ErrorKind::no_input,
                i18n::tr(N_("cannot read key file '{}': {}"), path, std::strerror(errno)), "--key");
  }
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw Error(ErrorKind::data, i18n::tr(N_("key file '{}' is not a regular file"), path),
                "--key");
  if ((st.st_mode & 077) != 0)
    throw Error(ErrorKind::config,
                i18n::tr(N_("key file '{}' may be read by others (mode {:04o}): the community's "
                            "signature is only worth what its key's secrecy is"),
                         path, st.st_mode & 07777),
                "--key",
                i18n::tr(N_("run 'chmod 600 {}' (and make a new key with 'consult key "
                            "init --force' if others may have read it)"),
                         path));
  std::string pem;
  char buf[4096];
  for (;;) {
    const auto n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw Error(ErrorKind::io,
                  i18n::tr(N_("cannot read key file '{}': {}"), path, std::strerror(errno)),
                  "--key");
    if (n == 0) break;
    pem.append(buf, static_cast<std::size_t>(n));
    if (pem.size() > std::size_t{64} * 1024) break; // a key is a few hundred bytes
  }
  try {
    private_key(pem);
  } catch (const Error&) {
    throw Error(ErrorKind::data,
                i18n::tr(N_("key file '{}' is not an Ed25519 private key in PEM form"), path),
                "--key", _("give the file 'consult key init' wrote"));
  }
  return pem;
}

} // namespace consult::sign
