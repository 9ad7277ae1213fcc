#pragma once
float fit_loss(const float p[3], const float* t, const float* y, int n);
