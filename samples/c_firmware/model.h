/* A 4-8-3 float MLP classifier, written in C: tanh hidden layer, softmax
 * cross-entropy on an int label. gradc generates net_loss_grad (model.grad.h,
 * C99) from model.c; handwritten.h has the same gradient by hand. */
#ifndef C_FIRMWARE_MODEL_H
#define C_FIRMWARE_MODEL_H

#define NET_IN 4
#define NET_HID 8
enum { NET_CLASSES = 3 };

struct net {
  float W1[NET_HID][NET_IN];
  float b1[NET_HID];
  float W2[NET_CLASSES][NET_HID];
  float b2[NET_CLASSES];
};

/* The parameters as one flat array of floats (the struct has no padding). */
#define NET_PARAMS ((int)(sizeof(struct net) / sizeof(float)))

#ifdef __cplusplus
extern "C" {
#endif

/* -log softmax(z)[label], z the logits of x: the loss of one example. */
float net_loss(const struct net* n, const float* x, int label);
/* The class with the largest logit. */
int net_predict(const struct net* n, const float* x);

#ifdef __cplusplus
}
#endif

#endif
