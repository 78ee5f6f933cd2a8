// SPDX-License-Identifier: Apache-2.0
// Lexer and recursive-descent parser of the rule language (docs/rule-language.md has the grammar).
#include "expr/parser.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <leadsla/model/decimal.hpp>

namespace leadsla::detail {
namespace {

enum class Tok : std::uint8_t {
    end,
    name,
    int_lit,
    decimal_lit,
    string_lit,
    duration_lit,
    lparen,
    rparen,
    lbracket,
    rbracket,
    comma,
    dot,
    colon,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
};

struct Token {
    Tok kind = Tok::end;
    int begin = 0;
    int end = 0;
    std::string text;        // name, string literal (unescaped)
    std::int64_t value = 0;  // int, decimal (units), duration (seconds)
};

struct SyntaxError {
    int offset;
    std::string what;
};

[[noreturn]] void syntax(int offset, std::string what) {
    throw SyntaxError{offset, std::move(what)};
}

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

class Lexer {
public:
    explicit Lexer(std::string_view text) : text_(text) {}

    Token next() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                       text_[pos_] == '\n' || text_[pos_] == '\r')) {
            ++pos_;
        }
        Token t;
        t.begin = static_cast<int>(pos_);
        if (pos_ >= text_.size()) {
            t.end = t.begin;
            return t;
        }
        const char c = text_[pos_];
        if (is_name_start(c)) {
            while (pos_ < text_.size() && (is_name_start(text_[pos_]) || is_digit(text_[pos_]))) {
                ++pos_;
            }
            t.kind = Tok::name;
            t.text = std::string{text_.substr(static_cast<std::size_t>(t.begin),
                                              pos_ - static_cast<std::size_t>(t.begin))};
        } else if (is_digit(c)) {
            number(t);
        } else if (c == '-' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1])) {
            ++pos_;  // a negative literal: there is no arithmetic, so '-' only ever signs a number
            number(t);
            t.value = -t.value;
        } else if (c == '"') {
            string(t);
        } else {
            punctuation(t);
        }
        t.end = static_cast<int>(pos_);
        return t;
    }

private:
    void number(Token& t) {
        constexpr std::int64_t limit = std::int64_t{1} << 53;
        std::int64_t whole = 0;
        while (pos_ < text_.size() && is_digit(text_[pos_])) {
            whole = whole * 10 + (text_[pos_] - '0');
            if (whole > limit) {
                syntax(t.begin, "the number is too large");
            }
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '.' && pos_ + 1 < text_.size() &&
            is_digit(text_[pos_ + 1])) {
            const auto start = static_cast<std::size_t>(t.begin);
            ++pos_;
            while (pos_ < text_.size() && is_digit(text_[pos_])) {
                ++pos_;
            }
            const auto d = Decimal::parse(text_.substr(start, pos_ - start));
            if (!d) {
                syntax(t.begin, "a decimal literal has at most 4 fractional digits");
            }
            t.kind = Tok::decimal_lit;
            t.value = d->units();
            return;
        }
        if (pos_ < text_.size() && is_name_start(text_[pos_])) {
            const char unit = text_[pos_];
            const std::int64_t scale = unit == 'd'   ? 86400
                                       : unit == 'h' ? 3600
                                       : unit == 'm' ? 60
                                       : unit == 's' ? 1
                                       : unit == 'w' ? 604800
                                                     : 0;
            if (scale == 0 || (pos_ + 1 < text_.size() &&
                               (is_name_start(text_[pos_ + 1]) || is_digit(text_[pos_ + 1])))) {
                syntax(static_cast<int>(pos_),
                       "a duration is a number followed by one of w, d, h, m, s (e.g. 30d)");
            }
            // The longest a window can usefully be: the supported instants span 10,000 years.
            constexpr std::int64_t max_seconds = std::int64_t{3'660'000} * 86400;
            if (whole > max_seconds / scale) {
                syntax(t.begin, "a duration may be at most 3660000d (10,000 years)");
            }
            ++pos_;
            t.kind = Tok::duration_lit;
            t.value = whole * scale;
            return;
        }
        t.kind = Tok::int_lit;
        t.value = whole;
    }

    void string(Token& t) {
        ++pos_;
        while (true) {
            if (pos_ >= text_.size()) {
                syntax(t.begin, "unterminated string literal");
            }
            const char c = text_[pos_++];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\\')) {
                    syntax(static_cast<int>(pos_) - 1,
                           "only \\\" and \\\\ are escapes in a string literal");
                }
                t.text += text_[pos_++];
            } else {
                t.text += c;
            }
        }
        t.kind = Tok::string_lit;
    }

    void punctuation(Token& t) {
        const char c = text_[pos_];
        const char n = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
        auto two = [&](Tok kind) {
            pos_ += 2;
            t.kind = kind;
        };
        auto one = [&](Tok kind) {
            pos_ += 1;
            t.kind = kind;
        };
        switch (c) {
            case '(':
                return one(Tok::lparen);
            case ')':
                return one(Tok::rparen);
            case '[':
                return one(Tok::lbracket);
            case ']':
                return one(Tok::rbracket);
            case ',':
                return one(Tok::comma);
            case '.':
                return one(Tok::dot);
            case ':':
                return one(Tok::colon);
            case '=':
                if (n == '=') {
                    return two(Tok::eq);
                }
                syntax(t.begin, "use == to compare");
            case '!':
                if (n == '=') {
                    return two(Tok::ne);
                }
                syntax(t.begin, "use 'not' for negation");
            case '<':
                return n == '=' ? two(Tok::le) : one(Tok::lt);
            case '>':
                return n == '=' ? two(Tok::ge) : one(Tok::gt);
            default:
                syntax(t.begin, fmt::format("unexpected character '{}'", c));
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

/// A node with the fields a parser sets; `where`/`within` are filled in by parse_call.
AstNode make(AstKind kind,
             int begin,
             int end,
             std::vector<int> kids = {},
             std::string text = {},
             std::int64_t value = 0,
             CompareOp op = CompareOp::eq,
             bool negated = false) {
    AstNode n;
    n.kind = kind;
    n.begin = begin;
    n.end = end;
    n.kids = std::move(kids);
    n.text = std::move(text);
    n.value = value;
    n.op = op;
    n.negated = negated;
    return n;
}

class Parser {
public:
    explicit Parser(std::string_view text) : lexer_(text) { advance(); }

    Ast parse() {
        ast_.root = parse_or();
        if (tok_.kind != Tok::end) {
            syntax(tok_.begin, "unexpected text after the end of the expression");
        }
        return std::move(ast_);
    }

private:
    static constexpr int max_depth = 64;

    void advance() { tok_ = lexer_.next(); }
    [[nodiscard]] bool is_keyword(std::string_view word) const {
        return tok_.kind == Tok::name && tok_.text == word;
    }
    void expect(Tok kind, std::string_view what) {
        if (tok_.kind != kind) {
            syntax(tok_.begin, fmt::format("expected {}", what));
        }
        advance();
    }

    int add(AstNode node) {
        ast_.nodes.push_back(std::move(node));
        return static_cast<int>(ast_.nodes.size()) - 1;
    }
    AstNode& at(int i) { return ast_.nodes[static_cast<std::size_t>(i)]; }

    struct DepthGuard {
        explicit DepthGuard(Parser& p) : parser(p) {
            if (++parser.depth_ > max_depth) {
                syntax(parser.tok_.begin,
                       fmt::format("the expression nests deeper than {} levels", max_depth));
            }
        }
        ~DepthGuard() { --parser.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        DepthGuard(DepthGuard&&) = delete;
        DepthGuard& operator=(DepthGuard&&) = delete;
        Parser& parser;
    };

    int parse_or() {
        DepthGuard guard{*this};
        return parse_chain("or", AstKind::or_op, &Parser::parse_and);
    }

    int parse_and() { return parse_chain("and", AstKind::and_op, &Parser::parse_not); }

    /// `next (keyword next)*`: one node with every operand as a kid (or just the operand).
    int parse_chain(std::string_view keyword, AstKind kind, int (Parser::*next)()) {
        const int first = (this->*next)();
        if (!is_keyword(keyword)) {
            return first;
        }
        AstNode node = make(kind, at(first).begin, 0, {first});
        while (is_keyword(keyword)) {
            advance();
            node.kids.push_back((this->*next)());
        }
        node.end = at(node.kids.back()).end;
        return add(std::move(node));
    }

    int parse_not() {
        if (is_keyword("not")) {
            DepthGuard guard{*this};
            const int begin = tok_.begin;
            advance();
            const int kid = parse_not();
            return add(make(AstKind::not_op, begin, at(kid).end, {kid}));
        }
        return parse_comparison();
    }

    int parse_comparison() {
        const int left = parse_postfix();
        const int begin = at(left).begin;
        static constexpr std::array<std::pair<Tok, CompareOp>, 6> ops{{{Tok::eq, CompareOp::eq},
                                                                       {Tok::ne, CompareOp::ne},
                                                                       {Tok::lt, CompareOp::lt},
                                                                       {Tok::le, CompareOp::le},
                                                                       {Tok::gt, CompareOp::gt},
                                                                       {Tok::ge, CompareOp::ge}}};
        for (const auto& [tok, op] : ops) {
            if (tok_.kind == tok) {
                advance();
                const int right = parse_postfix();
                return add(make(AstKind::compare, begin, at(right).end, {left, right}, {}, 0, op));
            }
        }
        bool negated = false;
        if (is_keyword("not")) {
            advance();
            if (!is_keyword("in")) {
                syntax(tok_.begin,
                       "expected 'in' after 'not' (write 'not (...)' to negate a condition)");
            }
            negated = true;
        }
        if (is_keyword("in")) {
            advance();
            const int right = parse_postfix();
            return add(make(AstKind::in_op, begin, at(right).end, {left, right}, {}, 0,
                            CompareOp::eq, negated));
        }
        if (is_keyword("is")) {
            advance();
            bool is_not = false;
            if (is_keyword("not")) {
                is_not = true;
                advance();
            }
            if (!is_keyword("null")) {
                syntax(tok_.begin, "expected 'null' after 'is' (write 'is null' or 'is not null')");
            }
            const int end = tok_.end;
            advance();
            return add(make(AstKind::is_null, begin, end, {left}, {}, 0, CompareOp::eq, is_not));
        }
        return left;
    }

    int parse_postfix() {
        int node = parse_primary();
        while (tok_.kind == Tok::dot) {
            advance();
            if (tok_.kind != Tok::name) {
                syntax(tok_.begin, "expected a property name after '.'");
            }
            node = add(make(AstKind::member, at(node).begin, tok_.end, {node}, tok_.text));
            advance();
        }
        return node;
    }

    int literal() {
        const Token t = tok_;
        switch (t.kind) {
            case Tok::int_lit:
                advance();
                return add(make(AstKind::int_literal, t.begin, t.end, {}, {}, t.value));
            case Tok::decimal_lit:
                advance();
                return add(make(AstKind::decimal_literal, t.begin, t.end, {}, {}, t.value));
            case Tok::string_lit:
                advance();
                return add(make(AstKind::string_literal, t.begin, t.end, {}, t.text));
            case Tok::duration_lit:
                advance();
                return add(make(AstKind::duration_literal, t.begin, t.end, {}, {}, t.value));
            default:
                break;
        }
        if (t.kind == Tok::name && (t.text == "true" || t.text == "false")) {
            advance();
            return add(
                make(AstKind::bool_literal, t.begin, t.end, {}, {}, t.text == "true" ? 1 : 0));
        }
        if (t.kind == Tok::name && t.text == "null") {
            advance();
            return add(make(AstKind::null_literal, t.begin, t.end));
        }
        return -1;
    }

    int parse_primary() {
        DepthGuard guard{*this};
        if (const int lit = literal(); lit >= 0) {
            return lit;
        }
        const Token t = tok_;
        if (t.kind == Tok::lparen) {
            advance();
            const int inner = parse_or();
            at(inner).begin = std::min(at(inner).begin, t.begin);
            const int end = tok_.end;
            expect(Tok::rparen, "')'");
            at(inner).end = end;
            return inner;
        }
        if (t.kind == Tok::lbracket) {
            advance();
            AstNode list = make(AstKind::list, t.begin, 0);
            while (tok_.kind != Tok::rbracket) {
                const int item = literal();
                if (item < 0) {
                    syntax(tok_.begin, "a list holds literals only, e.g. [\"DE\", \"AT\"]");
                }
                list.kids.push_back(item);
                if (tok_.kind == Tok::comma) {
                    advance();
                } else if (tok_.kind != Tok::rbracket) {
                    syntax(tok_.begin, "expected ',' or ']' in the list");
                }
            }
            list.end = tok_.end;
            advance();
            return add(std::move(list));
        }
        if (t.kind != Tok::name) {
            syntax(t.begin, t.kind == Tok::end ? "the expression ends too early"
                                               : "expected a name, a literal or '('");
        }
        static constexpr std::array<std::string_view, 9> reserved{
            "and", "or", "not", "in", "is", "where", "within", "true", "false"};
        if (std::find(reserved.begin(), reserved.end(), t.text) != reserved.end()) {
            syntax(t.begin,
                   fmt::format("'{}' is a keyword; expected a name, a literal or '('", t.text));
        }
        advance();
        if (tok_.kind != Tok::lparen) {
            return add(make(AstKind::name, t.begin, t.end, {}, t.text));
        }
        return parse_call(t);
    }

    int parse_call(const Token& name) {
        advance();  // (
        AstNode call = make(AstKind::call, name.begin, 0, {}, name.text);
        call.kids.push_back(parse_postfix_or_expression(name.text));
        if (is_keyword("where")) {
            advance();
            call.where = parse_or();
        }
        while (tok_.kind == Tok::comma) {
            advance();
            if (!is_keyword("within")) {
                syntax(tok_.begin, "expected 'within:' (the only named argument)");
            }
            advance();
            expect(Tok::colon, "':' after 'within'");
            if (call.within >= 0) {
                syntax(tok_.begin, "'within:' is given twice");
            }
            call.within = parse_postfix();
        }
        call.end = tok_.end;
        expect(Tok::rparen, "')' or 'where' or ', within:'");
        return add(std::move(call));
    }

    /// days_since takes any expression; the aggregates take an activity (or activity.property).
    int parse_postfix_or_expression(const std::string& function) {
        if (function == "days_since") {
            return parse_or();
        }
        return parse_postfix();
    }

    Lexer lexer_;
    Token tok_;
    Ast ast_;
    int depth_ = 0;
};

}  // namespace

Error expr_error(ErrorCode code,
                 std::string_view text,
                 int offset,
                 std::string_view what,
                 const std::string& pointer) {
    // One line: newlines and tabs in the expression would break the caret's alignment.
    std::string line{text};
    for (char& c : line) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    const auto column = static_cast<std::size_t>(std::max(offset, 0));
    return Error{code, pointer,
                 fmt::format("{} at column {}\n    {}\n    {}^", what, column + 1, line,
                             std::string(column, ' '))};
}

Result<Ast> parse_expression(std::string_view text, const std::string& pointer) {
    if (text.size() > std::size_t{64} * 1024) {
        return expr_error(ErrorCode::expr_syntax, text.substr(0, 80), 0,
                          "the expression is longer than 65,536 bytes", pointer);
    }
    try {
        return Parser{text}.parse();
    } catch (const SyntaxError& e) {
        return expr_error(ErrorCode::expr_syntax, text, e.offset, e.what, pointer);
    }
}

}  // namespace leadsla::detail
