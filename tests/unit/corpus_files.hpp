#pragma once
// The cassettes the tests run over: samples/ and ../shared/corpus.
#include <string>
#include <vector>

namespace testing_support {

// The cassettes of samples/ and of ../shared/corpus (when present: without
// it a message says only samples/ are checked), sorted.
std::vector<std::string> sample_and_corpus_files();

// Whether ../shared/corpus is there: checks of how much a test saw (so that
// it means something) hold only with it.
bool shared_corpus_present();

} // namespace testing_support
