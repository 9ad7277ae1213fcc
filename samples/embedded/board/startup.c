/* Reset and fault handlers for the Cortex-M4F of QEMU's mps2-an386, with the
   linker script mps2_an386.ld. Linked with -nostartfiles: this file replaces
   crt0, so it prepares the C and C++ runtime itself before main(). Written in
   the common subset of C99 and C++: a C-only firmware compiles it as C, a
   C++-only one as C++ (gradc_add_qemu_firmware picks). */
#include <stdint.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif
extern uint32_t __data_load__, __data_start__, __data_end__, __bss_start__, __bss_end__;
extern uint32_t __stack_top__;
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);
void initialise_monitor_handles(void); /* newlib's rdimon: semihosting stdin/stdout/stderr */
int main(void);
void _fini(void);
__attribute__((noreturn)) void Reset_Handler(void);
__attribute__((noreturn)) void Fault_Handler(void);
#ifdef __cplusplus
}
#endif

/* System control block: coprocessor access control register. */
#define CPACR (*(volatile uint32_t*)0xE000ED88u)

void Reset_Handler(void) {
  /* Full access to CP10/CP11 (the FPU) before any floating-point instruction:
     with the hard-float ABI even a memcpy or a constructor may use s0..s31. */
  CPACR = CPACR | (0xFu << 20);
  __asm volatile("dsb\n\tisb" ::: "memory");

  for (uint32_t *src = &__data_load__, *dst = &__data_start__; dst < &__data_end__;) *dst++ = *src++;
  for (uint32_t* dst = &__bss_start__; dst < &__bss_end__;) *dst++ = 0;
  for (void (**ctor)(void) = __init_array_start; ctor < __init_array_end; ++ctor) (*ctor)();

  initialise_monitor_handles();
  exit(main());
}

/* newlib's exit() runs __libc_fini_array, which calls _fini (crti/crtn would
   provide it; -nostartfiles leaves them out). */
void _fini(void) {}

/* Any fault or unexpected interrupt ends the run with a distinct exit code
   rather than hanging the emulator. */
void Fault_Handler(void) { _Exit(70); }

/* Cortex-M vector table: initial stack pointer, then the 15 system exceptions.
   No device interrupts are enabled. */
__attribute__((section(".isr_vector"), used)) void (*const kVectors[16])(void) = {
    (void (*)(void))(uintptr_t)&__stack_top__,
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    0, 0, 0, 0,
    Fault_Handler, /* SVCall */
    Fault_Handler, /* DebugMonitor */
    0,
    Fault_Handler, /* PendSV */
    Fault_Handler, /* SysTick */
};
