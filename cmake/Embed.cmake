# Writes OUTPUT: C++ string constants holding the RULES and RUNTIME files.
file(READ ${RULES} rules)
file(READ ${RUNTIME} runtime)
file(WRITE ${OUTPUT}
  "// Generated from templates/rules.hpp and runtime/include/gradc/gradc.h.\n"
  "const char kEmbeddedRules[] = R\"gradc_embed(${rules})gradc_embed\";\n"
  "const char kEmbeddedRuntimeHeader[] = R\"gradc_embed(${runtime})gradc_embed\";\n")
