// SPDX-License-Identifier: Apache-2.0
#include "crm_input.hpp"

#include <iterator>
#include <set>

#include <fmt/format.h>

#include "io.hpp"
#include "line_input.hpp"

namespace leadsla::cli {

std::optional<CrmInput> read_crm_file(const std::string& path,
                                      const std::string& mapping_path,
                                      const CrmMapping& mapping,
                                      const Schema& schema,
                                      const Lifecycle* lifecycle,
                                      bool quiet) {
    // A page of records is one line: allow the library's size for one JSON text.
    LineInput input{path, max_document_bytes};
    if (!input.open()) {
        return std::nullopt;
    }
    CrmInput out;
    std::vector<CrmLead> read;
    std::set<std::string, std::less<>> seen;
    while (const std::optional<InputLine> next = input.next()) {
        if (next->too_long) {
            ++out.bad_records;
            if (!quiet) {
                report_line(path, next->number, input.too_long(*next));
            }
            continue;
        }
        if (blank(next->text)) {
            continue;
        }
        CrmPage page = read_crm_page(next->text, mapping, schema, lifecycle);
        for (const Error& e : page.errors) {
            ++out.bad_records;
            if (!quiet) {
                // The library located the error within the line: the line is the file's.
                Error in_file = e;
                in_file.line = static_cast<std::uint32_t>(next->number);
                in_file.column = e.line <= 1 ? e.column : 0;
                fmt::print(stderr, "{}\n", diagnostic(path, in_file));
            }
        }
        seen.merge(page.fields_seen);
        std::move(page.leads.begin(), page.leads.end(), std::back_inserter(read));
    }
    out.older_versions = static_cast<std::int64_t>(keep_latest(read));
    if (!read.empty()) {  // with no record read every field is unseen: no news
        out.unseen_fields = unseen_fields(mapping, seen);
    }
    out.leads = std::move(read);
    if (!quiet) {
        if (out.older_versions > 0) {
            fmt::print(stderr,
                       "leadsla: {}: {} older version(s) of leads listed again were dropped; "
                       "each lead is read as the CRM changed it last\n",
                       path, out.older_versions);
        }
        for (const std::string& field : out.unseen_fields) {
            fmt::print(stderr,
                       "leadsla: {}: the mapped field \"{}\" is in no record of {} (a misspelt "
                       "name reads nothing)\n",
                       mapping_path, field, path);
        }
    }
    return out;
}

}  // namespace leadsla::cli
