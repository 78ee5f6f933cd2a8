// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>

namespace leadsla::cli {

/// A progress bar on stderr for long runs, drawn only when stderr is a terminal (never in logs,
/// pipes or CI) and redrawn only when the whole percentage changes.
class Progress {
public:
    Progress(std::string label, std::size_t total);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void tick();

private:
    void draw() const;

    std::string label_;
    std::size_t total_;
    std::size_t done_ = 0;
    std::size_t shown_percent_ = 101;
    bool enabled_;
};

}  // namespace leadsla::cli
