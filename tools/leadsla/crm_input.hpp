// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <leadsla/io/crm.hpp>

namespace leadsla::cli {

/// The leads of a CRM export read whole.
struct CrmInput {
    /// each id once, in the version the CRM changed last, with the history its record carries
    std::vector<CrmLead> leads;
    std::int64_t bad_records = 0;            ///< records (or lines) refused, each printed to stderr
    std::int64_t older_versions = 0;         ///< versions of a lead id dropped for a later one
    std::vector<std::string> unseen_fields;  ///< mapped fields no record had (`unseen_fields`)
};

/// Reads `path` (one record, one JSON array or one API page per line — `jq -c` output, or the
/// responses of a paging loop), keeps the latest version of each lead (`keep_latest`), prints
/// each refused record as `FILE:LINE:COLUMN: error[...] /pointer: ...` and each mapped field no
/// record had, unless `quiet`. nullopt when the file cannot be read.
[[nodiscard]] std::optional<CrmInput> read_crm_file(const std::string& path,
                                                    const std::string& mapping_path,
                                                    const CrmMapping& mapping,
                                                    const Schema& schema,
                                                    const Lifecycle* lifecycle,
                                                    bool quiet);

}  // namespace leadsla::cli
