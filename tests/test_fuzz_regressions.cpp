// Regression tests for what the fuzzers found, in every build (no clang or
// libFuzzer needed):
// - the fuzz targets' own checks, run on every file of their corpora
//   (tests/fuzz/corpus/<target>/, seeds and past findings alike); a broken
//   invariant aborts the test;
// - one named case per finding, stating the bug in plain terms.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

// The C++ fuzz targets are compiled into this test under distinct names. The
// C ABI target is left out: it links the shared library, and the tests link
// the static C++ core.
#define LLVMFuzzerTestOneInput fuzz_import_one_input
#include "fuzz/fuzz_import.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_text_one_input
#include "fuzz/fuzz_text.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_policy_one_input
#include "fuzz/fuzz_policy.cpp"
#undef LLVMFuzzerTestOneInput

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "atip/matching/policy.hpp"
#include "atip/text.hpp"

using namespace atip;
namespace fs = std::filesystem;

namespace {

using OneInput = int (*)(const std::uint8_t*, std::size_t);

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Runs `one_input` on every file of the target's corpus; returns how many.
std::size_t replay_corpus(const std::string& target, OneInput one_input) {
  const fs::path folder = fs::path(ATIP_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / target;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    INFO("corpus file " << entry.path().string());
    const std::string bytes = read_bytes(entry.path());
    one_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++files;
  }
  return files;
}

}  // namespace

TEST_CASE("fuzz regressions: the import corpus keeps its invariants", "[fuzz]") {
  CHECK(replay_corpus("import", fuzz_import_one_input) > 0);
}

TEST_CASE("fuzz regressions: the text corpus keeps its invariants", "[fuzz]") {
  CHECK(replay_corpus("text", fuzz_text_one_input) > 0);
}

TEST_CASE("fuzz regressions: the policy corpus keeps its invariants", "[fuzz]") {
  CHECK(replay_corpus("policy", fuzz_policy_one_input) > 0);
}

// Found by fuzz_text: canonical_language_tag, language_display_name and
// region_display_name quoted their input in the message as is, so a tag
// holding an encoded surrogate (ED A0 80) made a message that was not valid
// UTF-8, which a C caller or Python could not decode. Every atip::Error now
// replaces such bytes with U+FFFD.
TEST_CASE("fuzz regressions: messages quoting invalid UTF-8 stay valid", "[fuzz]") {
  const std::string surrogate = "\xED\xA0\x80 surrogate";
  const auto message_of = [](auto call) {
    try {
      call();
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string();
  };

  const std::string tag_message = message_of([&] { text::canonical_language_tag(surrogate); });
  const std::string name_message = message_of([&] { text::language_display_name(surrogate, "en"); });
  const std::string region_message = message_of([&] { text::region_display_name(surrogate, "en"); });

  for (const std::string& message : {tag_message, name_message, region_message}) {
    INFO(message);
    CHECK_FALSE(message.empty());
    CHECK(text::is_valid_utf8(message));
    CHECK(message.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD where the bad bytes were
  }
}

TEST_CASE("fuzz regressions: Error replaces invalid bytes and NUL", "[fuzz]") {
  const Error error(ErrorKind::invalid_argument, std::string("a\0b\xC0\xAF" "c\xF4\x90\x80\x80", 10));

  const std::string message = error.what();

  CHECK(message == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(error.kind() == ErrorKind::invalid_argument);
}
