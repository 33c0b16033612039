/*
 * Reset and exception entry for the Cortex-M boards of the qemu-arm template: the vector table,
 * the C runtime set-up (.data copy, .bss zero, FPU access) and the fault handler.
 *
 * Every fault (MemManage, BusFault, UsageFault are not enabled, so they escalate) ends in
 * board_fault(), which tells the host instead of hanging silently.
 *
 * Part of the microtvm-maven-plugin qemu-arm template.
 */
#include <stdint.h>

#include "board.h"

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_top[];
extern void __libc_init_array(void);
extern int main(void);

void Reset_Handler(void);
void Default_Handler(void);
void HardFault_Handler(void);
void SysTick_Handler(void);
void UART0_RX_Handler(void);

void Reset_Handler(void) {
  for (uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (uint32_t* dst = __bss_start; dst < __bss_end;) *dst++ = 0;
#if defined(__ARM_FP)
  /* Full access to CP10/CP11 before the first floating-point instruction, or it faults (NOCP). */
  BOARD_REG(BOARD_SCB_CPACR) |= 0xFu << 20;
  __asm volatile("dsb\n isb" ::: "memory");
#endif
  __libc_init_array();
  main();
  for (;;) __asm volatile("wfi");
}

void Default_Handler(void) { board_fault(0xFFFFFFFFu); }

/* The exception number tells which vector was taken; the registers say why. */
void HardFault_Handler(void) {
  uint32_t ipsr;
  __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  board_fault(ipsr & 0x1FFu);
}

/* Cortex-M vector table: the initial stack pointer, then the handlers by exception number. */
__attribute__((section(".vectors"), used)) static void (*const vector_table[16 + BOARD_IRQ_COUNT])(void) = {
    (void (*)(void))(uintptr_t)__stack_top,
    Reset_Handler,
    HardFault_Handler, /* NMI */
    HardFault_Handler, /* HardFault */
    HardFault_Handler, /* MemManage */
    HardFault_Handler, /* BusFault */
    HardFault_Handler, /* UsageFault */
    0, 0, 0, 0,
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    0,
    Default_Handler, /* PendSV */
    SysTick_Handler,
    [16 + BOARD_UART0_RX_IRQ] = UART0_RX_Handler,
};
