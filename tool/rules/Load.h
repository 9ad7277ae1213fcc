// Loading the derivative rules of a translation unit: the built-in ones
// (templates/rules.hpp, parsed with the user's code) and the user's
// GRADC_PULLBACK_OF pullbacks, each checked against the function it
// differentiates (DESIGN.md §3).
#pragma once

#include "Diagnostics.h"
#include "lower/Lower.h"
#include "parse/Parse.h"
#include "rules/Rules.h"

#include <optional>

namespace gradc {

// The registry, or nullopt after diagnostics (a malformed rule, a pullback
// whose signature does not fit its function).
std::optional<RuleRegistry> loadRules(const ParsedUnit& unit, LowerEnv& env);

}  // namespace gradc
