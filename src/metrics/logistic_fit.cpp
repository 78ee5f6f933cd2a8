// SPDX-License-Identifier: Apache-2.0
// The outcome fit's ridge logistic regression: Newton's method with step halving over pattern
// tallies (docs/outcome-fit.md#the-fit).
#include "metrics/logistic_fit.hpp"

#include <cmath>

namespace leadsla::detail {
namespace {

/// Newton steps: the penalised problem is strictly concave, so a handful reach the optimum to
/// the last bit; a fixed count keeps the work, and the bytes, the same on every run.
constexpr int newton_steps = 30;
constexpr int halvings = 30;
/// Added to the Hessian's diagonal so that a direction no lead informs cannot make it singular.
constexpr double jitter = 1e-9;

/// log(1 + e^z) without overflow.
double softplus(double z) {
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

/// The parameters: [intercept, the weights of the used features in feature order].
struct Problem {
    const PatternTallies& tallies;
    std::vector<std::size_t> features;  ///< the used features' indices
    double ridge;

    [[nodiscard]] double linear(const std::string& pattern,
                                const std::vector<double>& theta) const {
        double z = theta[0];
        for (std::size_t k = 0; k < features.size(); ++k) {
            if (pattern[features[k]] == '1') {
                z += theta[k + 1];
            }
        }
        return z;
    }

    /// The penalised log-likelihood.
    [[nodiscard]] double objective(const std::vector<double>& theta) const {
        double sum = 0;
        for (const auto& [pattern, t] : tallies) {
            const double z = linear(pattern, theta);
            sum +=
                static_cast<double>(t.converted) * z - static_cast<double>(t.leads) * softplus(z);
        }
        for (std::size_t k = 1; k < theta.size(); ++k) {
            sum -= ridge / 2 * theta[k] * theta[k];
        }
        return sum;
    }
};

/// Solves `h x = g` for a symmetric positive definite `h` (row-major, n x n) by Cholesky.
std::vector<double> solve(std::vector<double> h, std::vector<double> g, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        double d = h[j * n + j];
        for (std::size_t k = 0; k < j; ++k) {
            d -= h[j * n + k] * h[j * n + k];
        }
        const double pivot = std::sqrt(d > jitter ? d : jitter);
        h[j * n + j] = pivot;
        for (std::size_t i = j + 1; i < n; ++i) {
            double s = h[i * n + j];
            for (std::size_t k = 0; k < j; ++k) {
                s -= h[i * n + k] * h[j * n + k];
            }
            h[i * n + j] = s / pivot;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {  // L y = g
        for (std::size_t k = 0; k < i; ++k) {
            g[i] -= h[i * n + k] * g[k];
        }
        g[i] /= h[i * n + i];
    }
    for (std::size_t i = n; i-- > 0;) {  // L^T x = y
        for (std::size_t k = i + 1; k < n; ++k) {
            g[i] -= h[k * n + i] * g[k];
        }
        g[i] /= h[i * n + i];
    }
    return g;
}

}  // namespace

LogisticModel fit_logistic(const PatternTallies& tallies,
                           const std::vector<bool>& use,
                           double ridge) {
    Problem problem{tallies, {}, ridge};
    for (std::size_t i = 0; i < use.size(); ++i) {
        if (use[i]) {
            problem.features.push_back(i);
        }
    }
    const std::size_t n = problem.features.size() + 1;
    OutcomeTally all;
    for (const auto& entry : tallies) {
        all += entry.second;
    }
    std::vector<double> theta(n, 0.0);
    // Start from the base rate, smoothed by a half: the intercept alone is then near its optimum.
    theta[0] = std::log((static_cast<double>(all.converted) + 0.5) /
                        (static_cast<double>(all.leads - all.converted) + 0.5));
    double current = problem.objective(theta);
    for (int step = 0; step < newton_steps; ++step) {
        std::vector<double> gradient(n, 0.0);
        std::vector<double> hessian(n * n, 0.0);
        std::vector<std::size_t> on;
        for (const auto& [pattern, t] : tallies) {
            const double p = sigmoid(problem.linear(pattern, theta));
            const auto leads = static_cast<double>(t.leads);
            const double residual = static_cast<double>(t.converted) - leads * p;
            const double curvature = leads * p * (1 - p);
            on.assign(1, 0);
            for (std::size_t k = 0; k < problem.features.size(); ++k) {
                if (pattern[problem.features[k]] == '1') {
                    on.push_back(k + 1);
                }
            }
            for (const std::size_t a : on) {
                gradient[a] += residual;
                for (const std::size_t b : on) {
                    hessian[a * n + b] += curvature;
                }
            }
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (k > 0) {
                gradient[k] -= ridge * theta[k];
                hessian[k * n + k] += ridge;
            }
            hessian[k * n + k] += jitter;
        }
        const std::vector<double> direction = solve(std::move(hessian), std::move(gradient), n);
        // Step halving: never accept a step that lowers the objective.
        double scale = 1;
        for (int h = 0; h < halvings; ++h, scale /= 2) {
            std::vector<double> next = theta;
            for (std::size_t k = 0; k < n; ++k) {
                next[k] += scale * direction[k];
            }
            const double value = problem.objective(next);
            if (value >= current) {
                theta = std::move(next);
                current = value;
                break;
            }
        }
    }
    LogisticModel model;
    model.intercept = theta[0];
    model.weights.assign(use.size(), 0.0);
    for (std::size_t k = 0; k < problem.features.size(); ++k) {
        model.weights[problem.features[k]] = theta[k + 1];
    }
    return model;
}

}  // namespace leadsla::detail
