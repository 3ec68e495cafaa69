#pragma once
// The cassettes the tests run over: samples/ and ../shared/corpus.
#include <string>
#include <vector>

namespace testing_support {

// The cassettes of samples/ and of ../shared/corpus (when present: without
// it a message says only samples/ are checked), sorted.
std::vector<std::string> sample_and_corpus_files();

} // namespace testing_support
