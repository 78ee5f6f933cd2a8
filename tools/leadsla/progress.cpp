// SPDX-License-Identifier: Apache-2.0
#include "progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace leadsla::cli {

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), enabled_(total > 0 && isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
    if (enabled_ && shown_percent_ <= 100) {
        fmt::print(stderr, "\r{:<60}\r", "");  // leave the terminal line clean
    }
}

void Progress::tick() {
    ++done_;
    if (!enabled_) {
        return;
    }
    const std::size_t percent = done_ * 100 / total_;
    if (percent != shown_percent_) {
        shown_percent_ = percent;
        draw();
    }
}

void Progress::draw() const {
    constexpr std::size_t width = 30;
    const std::size_t filled = done_ * width / total_;
    fmt::print(stderr, "\r{} [{:#<{}}{:<{}}] {:3}% {}/{}", label_, "", filled, "", width - filled,
               shown_percent_, done_, total_);
    std::fflush(stderr);
}

}  // namespace leadsla::cli
