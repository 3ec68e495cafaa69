#include "version.hpp"
#include <iostream>
int main() { std::cout << "cassette " << CASSETTE_VERSION << "\n"; return 0; }
