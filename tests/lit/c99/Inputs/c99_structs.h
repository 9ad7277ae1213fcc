/* The C tests' structs: a struct the gradient reads must be visible to the
   generated header, so it lives in a header the source includes. */
#ifndef C99_STRUCTS_H
#define C99_STRUCTS_H

#define IN 3
#define HID 4
enum { OUT = 2 };

struct net {
  float W1[HID][IN];
  float b1[HID];
  float W2[OUT][HID];
  float b2[OUT];
};

struct cell {
  float w[2][3];
  float gain;
};

#endif
