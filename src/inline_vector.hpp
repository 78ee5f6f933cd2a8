// SPDX-License-Identifier: Apache-2.0
// A vector of the few trivially copyable values one evaluation keeps for a moment (its events, a
// clock's due actions, a short history's records), stored in place up to a fixed count and on the
// heap only beyond it.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <vector>

namespace leadsla::detail {

/// The first `N` elements live inside the object; a longer sequence moves to a `std::vector`
/// once. Not copyable (it lives on one stack frame): it saves an evaluation the allocations,
/// which cost more than the work on such short sequences.
template <typename T, std::size_t N>
class InlineVector {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

public:
    // The storage is left uninitialised on purpose: the elements are written before they are
    // read, and zeroing a few KB per evaluation would cost more than the work it holds.
    InlineVector() = default;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    InlineVector(const InlineVector&) = delete;
    InlineVector& operator=(const InlineVector&) = delete;
    InlineVector(InlineVector&&) = delete;
    InlineVector& operator=(InlineVector&&) = delete;
    ~InlineVector() = default;

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    /// Whether the elements moved to the heap (more than `N` since the last `clear`).
    [[nodiscard]] bool spilled() const noexcept { return spilled_; }
    [[nodiscard]] T* data() noexcept { return spilled_ ? heap_.data() : local(); }
    [[nodiscard]] const T* data() const noexcept { return spilled_ ? heap_.data() : local(); }
    [[nodiscard]] T* begin() noexcept { return data(); }
    [[nodiscard]] T* end() noexcept { return data() + size_; }
    [[nodiscard]] const T* begin() const noexcept { return data(); }
    [[nodiscard]] const T* end() const noexcept { return data() + size_; }
    [[nodiscard]] T& operator[](std::size_t i) noexcept { return data()[i]; }
    [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return data()[i]; }

    void push_back(const T& v) {
        if (spilled_) {
            heap_.push_back(v);
        } else if (size_ < N) {
            std::construct_at(local() + size_, v);
        } else {
            heap_.reserve(2 * N);
            heap_.assign(local(), local() + N);
            heap_.push_back(v);
            spilled_ = true;
        }
        ++size_;
    }

    /// `n` elements whose values the caller writes next (those kept in place are not set).
    void resize_for_overwrite(std::size_t n) {
        clear();
        if (n > N) {
            heap_.resize(n);
            spilled_ = true;
        }
        size_ = n;
    }

    void clear() noexcept {
        heap_.clear();
        spilled_ = false;
        size_ = 0;
    }

private:
    // The byte array provides storage for the elements (their lifetimes begin implicitly, or by
    // `construct_at`).
    [[nodiscard]] T* local() noexcept { return reinterpret_cast<T*>(storage_.data()); }
    [[nodiscard]] const T* local() const noexcept {
        return reinterpret_cast<const T*>(storage_.data());
    }

    alignas(T) std::array<std::byte, N * sizeof(T)> storage_;
    std::vector<T> heap_;
    std::size_t size_ = 0;
    bool spilled_ = false;
};

}  // namespace leadsla::detail
