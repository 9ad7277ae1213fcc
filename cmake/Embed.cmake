# Writes OUTPUT: C++ string constants holding the RULES file and the runtime
# headers it includes, RUNTIME (gradc/gradc.h) and MATH (gradc/math.h).
file(READ ${RULES} rules)
file(READ ${RUNTIME} runtime)
file(READ ${MATH} math)
file(WRITE ${OUTPUT}
  "// Generated from templates/rules.hpp, runtime/include/gradc/gradc.h and gradc/math.h.\n"
  "const char kEmbeddedRules[] = R\"gradc_embed(${rules})gradc_embed\";\n"
  "const char kEmbeddedRuntimeHeader[] = R\"gradc_embed(${runtime})gradc_embed\";\n"
  "const char kEmbeddedMathHeader[] = R\"gradc_embed(${math})gradc_embed\";\n")
