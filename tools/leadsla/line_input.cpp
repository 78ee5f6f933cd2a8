// SPDX-License-Identifier: Apache-2.0
#include "line_input.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace leadsla::cli {
namespace {

constexpr std::size_t block = std::size_t{1} << 16;  // read at a time, at least

}  // namespace

LineInput::LineInput(const std::string& path, std::size_t max_bytes)
    : max_bytes_(max_bytes), buffer_(max_bytes + block) {
    if (path == "-") {
        file_ = stdin;
        return;
    }
    owned_.reset(std::fopen(path.c_str(), "rb"));
    if (owned_ == nullptr) {
        fmt::print(stderr, "leadsla: cannot read {}: {}\n", path,
                   std::generic_category().message(errno));
        return;
    }
    file_ = owned_.get();
}

bool LineInput::fill() {
    const std::size_t kept = filled_ - start_;
    std::memmove(buffer_.data(), buffer_.data() + start_, kept);
    start_ = 0;
    filled_ = kept;
    const std::size_t got =
        std::fread(buffer_.data() + filled_, 1, buffer_.size() - filled_, file_);
    filled_ += got;
    eof_ = got == 0;
    return !eof_;
}

InputLine LineInput::skip_long_line(std::uint64_t seen) {
    InputLine line;
    line.number = ++number_;
    line.too_long = true;
    line.length = seen;
    start_ = filled_ = 0;
    for (;;) {
        const std::size_t got = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        if (got == 0) {
            eof_ = true;
            return line;
        }
        if (const void* nl = std::memchr(buffer_.data(), '\n', got)) {
            const auto at = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.data());
            line.length += at;
            start_ = at + 1;
            filled_ = got;
            return line;
        }
        line.length += got;
    }
}

std::optional<InputLine> LineInput::next() {
    if (file_ == nullptr) {
        return std::nullopt;
    }
    for (;;) {
        const char* begin = buffer_.data() + start_;
        const auto available = filled_ - start_;
        const void* nl = std::memchr(begin, '\n', available);
        const std::size_t length =
            nl == nullptr ? available
                          : static_cast<std::size_t>(static_cast<const char*>(nl) - begin);
        if (length > max_bytes_) {
            if (nl != nullptr) {
                start_ += length + 1;
                InputLine line;
                line.number = ++number_;
                line.too_long = true;
                line.length = length;
                return line;
            }
            return skip_long_line(length);
        }
        if (nl != nullptr || (eof_ && available > 0)) {
            start_ += nl != nullptr ? length + 1 : length;
            InputLine line;
            line.number = ++number_;
            line.text = std::string_view{begin, length};
            line.length = length;
            return line;
        }
        if (eof_ || !fill()) {
            if (filled_ == start_) {
                return std::nullopt;
            }
        }
    }
}

Error LineInput::too_long(const InputLine& line) const {
    return Error{ErrorCode::json_limit, "",
                 fmt::format("the line is {} bytes; the limit is {} bytes (it was skipped unread)",
                             line.length, max_bytes_)};
}

}  // namespace leadsla::cli
