// gradc user-facing markers. Header-only, freestanding: no includes, no allocation.
//
//   GRADC_GRAD                  gradient w.r.t. every floating-point parameter
//   GRADC_GRAD_WRT(w, b)        gradient w.r.t. the named parameters only
//   GRADC_MAX_TRIPS(n)          first statement of a while/do loop's body: it
//                               runs at most n iterations (the reverse sweep
//                               keeps storage for n; a longer run makes f_grad
//                               return NaN and write no gradient)
//
// Under Clang (which is what gradc parses with) the markers become annotate
// attributes the tool looks for; under any other compiler they vanish, so the
// annotated source still compiles everywhere.
#ifndef GRADC_GRADC_H
#define GRADC_GRADC_H

#if defined(__clang__)
#define GRADC_GRAD __attribute__((annotate("gradc.grad")))
#define GRADC_GRAD_WRT(...) __attribute__((annotate("gradc.grad:" #__VA_ARGS__)))
// Marks a derivative rule: a pullback for the listed callee names (std:: and
// global spellings alike), e.g. GRADC_RULE("exp,expf").
#define GRADC_RULE(names) __attribute__((annotate("gradc.rule:" names)))
// A helper whose result is a constant to the gradient (an argmax, a clamp's
// bounds, a normalizing constant chosen at run time): gradc evaluates it but
// sends no adjoint through it.
#define GRADC_NONDIFF __attribute__((annotate("gradc.nondiff")))
// Marks a user's pullback for the function f, used instead of differentiating
// f's body (DESIGN.md section 3): void f_pb(P..., R d_ret, P* d_p...).
#define GRADC_PULLBACK_OF(f) __attribute__((annotate("gradc.pullback_of:" #f)))
#else
#define GRADC_GRAD
#define GRADC_GRAD_WRT(...)
#define GRADC_RULE(names)
#define GRADC_NONDIFF
#define GRADC_PULLBACK_OF(f)
#endif

// A declaration, not an attribute: statements take no annotate attribute, and
// static_assert costs nothing and compiles everywhere.
#define GRADC_MAX_TRIPS(n) static_assert((n) > 0, "gradc.max_trips")

#endif  // GRADC_GRADC_H
