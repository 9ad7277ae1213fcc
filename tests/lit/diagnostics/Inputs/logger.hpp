// A logging function the user's code calls for its effects: gradc does not
// see into it (declared here, defined elsewhere).
#pragma once
void log_value(const char* what, double v);
