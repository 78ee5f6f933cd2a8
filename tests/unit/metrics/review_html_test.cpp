// SPDX-License-Identifier: Apache-2.0
// The dashboard page: escaping, empty data, determinism. Its figures against review_json, in a
// real browser, are tests/browser/dashboard_test.py.
#include <leadsla/metrics/review_format.hpp>

#include <support/review_fixture.hpp>

using leadsla::Review;
using leadsla::Stage;
using leadsla::test::at;
using leadsla::test::company_scorecard;

namespace {

constexpr const char* hostile = "<script>alert(1)</script>";

/// How many times `needle` occurs in `text`.
std::size_t occurrences(const std::string& text, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t i = text.find(needle); i != std::string::npos;
         i = text.find(needle, i + needle.size())) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("names from the input are escaped: a source, an owner and a lead id that are HTML",
          "[metrics][html]") {
    auto card = company_scorecard(at("2026-12-31T17:00:00Z"));
    leadsla::test::HistoryGenerator history(7);
    for (leadsla::test::LeadInput& in : history.make(60)) {
        in.lead.attributes["source"] = leadsla::AttributeValue{std::string{hostile}};
        in.lead.owner = leadsla::OwnerId{"\"><img src=x onerror=alert(2)>"};
        card.add(in.lead, in.activities, in.changes);
    }
    const Review r = card.review();
    REQUIRE(!r.keys("leads", "", leadsla::Dimension::source).empty());
    leadsla::ReviewHtmlOptions options;
    options.by = {leadsla::Dimension::source, leadsla::Dimension::owner};
    options.explanations.emplace(hostile, "explained <b>here</b> & there");
    const std::string html = leadsla::review_html(r, options);
    CHECK(occurrences(html, "<script") == 1);  // the page's own
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<b>here") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
    CHECK(html.find("explained &lt;b&gt;here&lt;/b&gt; &amp; there") != std::string::npos);
    // The lead's anchor keeps letters and digits only.
    CHECK(html.find("id=\"lead-.3cscript.3ealert.281.29.3c.2fscript.3e\"") != std::string::npos);
}

TEST_CASE("an empty review shows no data, never a division by zero", "[metrics][html]") {
    const auto card = company_scorecard(at("2026-12-31T17:00:00Z"));
    const std::string html = leadsla::review_html(card.review());
    CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
    CHECK(html.ends_with("</html>\n"));
    CHECK(occurrences(html, "no data") >= 8);  // charts, funnel, tables, targets
    for (const std::string_view bad : {"nan", "inf", "NaN", "Infinity"}) {
        INFO(bad);
        CHECK(html.find(fmt::format(">{}", bad)) == std::string::npos);
        CHECK(html.find(fmt::format("\"{}", bad)) == std::string::npos);
    }
    CHECK(html.find("<svg") == std::string::npos);  // no chart without data
}

TEST_CASE("a team without leads in the window and a period without data render as no data",
          "[metrics][html]") {
    auto card = company_scorecard(at("2026-12-31T17:00:00Z"));
    leadsla::Lead l;
    l.id = leadsla::LeadId{"L1"};
    l.created_at = at("2026-03-02T09:00:00Z");
    card.add(l, {},
             std::vector{leadsla::StageChange{at("2026-03-03T09:00:00Z"), Stage::lead, Stage::mql,
                                              "", ""}});
    const std::string html = leadsla::review_html(card.review());
    // One MQL in March: the trend has a point there and gaps (not zeros) in the other months
    // of the acceptance rate, which has no decided MQL at all.
    CHECK(html.find("id=\"trend-mql-svg-t\"") != std::string::npos);
    CHECK(html.find("<figure id=\"trend-acceptance\"><figcaption>Acceptance rate of MQLs by "
                    "sales</figcaption><p class=\"nodata\">no data</p>") != std::string::npos);
}

TEST_CASE("the same leads give the same bytes, however they were partitioned", "[metrics][html]") {
    leadsla::test::HistoryGenerator history(11);
    const std::vector<leadsla::test::LeadInput> leads = history.make(300);
    auto whole = company_scorecard(at("2026-12-31T17:00:00Z"));
    auto even = company_scorecard(at("2026-12-31T17:00:00Z"));
    auto odd = company_scorecard(at("2026-12-31T17:00:00Z"));
    for (std::size_t i = 0; i < leads.size(); ++i) {
        whole.add(leads[i].lead, leads[i].activities, leads[i].changes);
        (i % 2 == 0 ? even : odd).add(leads[i].lead, leads[i].activities, leads[i].changes);
    }
    const auto merged = merge(std::move(odd), even).value();
    const std::string a = leadsla::review_html(whole.review());
    CHECK(a == leadsla::review_html(merged.review()));
    CHECK(a == leadsla::review_html(whole.review()));
    CHECK(a.find("<svg") != std::string::npos);
}
