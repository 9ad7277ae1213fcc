#pragma once
struct Layer {
  float W[2][3];
  float b[2];
};
