// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <leadsla/result.hpp>

namespace leadsla::cli {

/// The longest input line the commands read (the library's limit for one JSON line).
inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

/// One line of input: its text without the newline, its 1-based number, and whether it was longer
/// than the limit (then `text` is empty and `length` says how long it was).
struct InputLine {
    std::string_view text;
    std::size_t number = 0;
    std::uint64_t length = 0;
    bool too_long = false;
};

/// Reads a file or standard input line by line with the limit applied while reading: a longer
/// line is skipped as it is read, never held whole, so memory stays bounded by the limit (about
/// twice it) however large the file or its lines. The one line reader of the commands.
class LineInput {
public:
    /// `path` "-" is standard input. Check `open()` before reading.
    explicit LineInput(const std::string& path, std::size_t max_bytes = max_line_bytes);

    /// False (after printing why to stderr) when the file cannot be read.
    [[nodiscard]] bool open() const noexcept { return file_ != nullptr; }

    /// The next line, or nothing at the end of the input. The text is valid until the next call.
    [[nodiscard]] std::optional<InputLine> next();

    /// The number of the last line returned.
    [[nodiscard]] std::size_t number() const noexcept { return number_; }

    /// The error of a too-long line: `error[json.limit]: the line is 209715200 bytes; the limit
    /// is 1048576 bytes (it was skipped unread)`.
    [[nodiscard]] Error too_long(const InputLine& line) const;

private:
    /// Skips the rest of a line longer than the limit; `seen` bytes of it are behind.
    InputLine skip_long_line(std::uint64_t seen);
    /// Reads more after the bytes kept; false at the end of the input.
    bool fill();

    struct Close {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, Close> owned_;
    std::FILE* file_ = nullptr;
    std::size_t max_bytes_;
    std::vector<char> buffer_;
    std::size_t start_ = 0;   // the first byte not returned yet
    std::size_t filled_ = 0;  // bytes in the buffer
    std::size_t number_ = 0;
    bool eof_ = false;
};

/// True for a line of spaces, tabs and carriage returns only.
[[nodiscard]] inline bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace leadsla::cli
