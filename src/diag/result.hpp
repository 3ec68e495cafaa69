#pragma once
// diag::Result<T>: a value, or the diagnostics that say why there is none.
// The one way a fallible step hands back a problem (config loading, detector
// construction, JSON-path parsing, HAR import, writes): no `std::string*
// error` out-parameters, no exceptions across module boundaries, no text
// already formatted for one stream. std::expected is C++23; this is the
// small part of it the project needs.
#include "diag/diagnostic.hpp"

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cassette::diag {

using Diagnostics = std::vector<Diagnostic>;

// An error diagnostic: `file:line:col: error: message [rule]` once printed.
Diagnostic error(std::string file, Mark where, std::string rule, std::string message);

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Diagnostic d) : m_v(std::in_place_index<1>, Diagnostics{std::move(d)}) {}
    // At least one diagnostic (an empty list would be a failure with no reason).
    Result(Diagnostics ds) : m_v(std::in_place_index<1>, std::move(ds)) {
        assert(!std::get<1>(m_v).empty());
    }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    // Why there is no value (empty when ok()).
    const Diagnostics& errors() const {
        static const Diagnostics none;
        return ok() ? none : std::get<1>(m_v);
    }
    // The first of them (only when !ok()).
    const Diagnostic& error() const { return std::get<1>(m_v).front(); }

private:
    std::variant<T, Diagnostics> m_v;
};

// The first error's message, "" when `r` holds a value (for test messages).
template <class R>
std::string message_of(const R& r) {
    return r.ok() ? std::string() : r.error().message;
}

// A step that gives nothing back but may fail.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Diagnostic d) : m_errors{std::move(d)} {}
    Result(Diagnostics ds) : m_errors(std::move(ds)) {}

    bool ok() const { return m_errors.empty(); }
    explicit operator bool() const { return ok(); }
    const Diagnostics& errors() const { return m_errors; }
    const Diagnostic& error() const { return m_errors.front(); }

private:
    Diagnostics m_errors;
};

} // namespace cassette::diag
