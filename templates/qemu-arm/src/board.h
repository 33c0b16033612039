/*
 * The board of a qemu-arm project: its registers (from the generated board_config.h) and the
 * few functions the startup code calls.
 *
 * Part of the microtvm-maven-plugin qemu-arm template.
 */
#ifndef QEMU_ARM_BOARD_H_
#define QEMU_ARM_BOARD_H_

#include <stdint.h>

#include "board_config.h" /* generated: BOARD_NAME, BOARD_SYSCLK_HZ, BOARD_UART0_BASE, ... */

#define BOARD_REG(address) (*(volatile uint32_t*)(uintptr_t)(address))

/* System control space of every Cortex-M. */
#define BOARD_SCB_CPACR 0xE000ED88u
#define BOARD_SCB_CFSR 0xE000ED28u
#define BOARD_SCB_HFSR 0xE000ED2Cu
#define BOARD_SCB_ICSR 0xE000ED04u
#define BOARD_SYST_CSR 0xE000E010u
#define BOARD_SYST_RVR 0xE000E014u
#define BOARD_SYST_CVR 0xE000E018u
#define BOARD_NVIC_ISER0 0xE000E100u
#define BOARD_NVIC_ICER0 0xE000E180u
#define BOARD_NVIC_ICPR0 0xE000E280u

/* Starts SysTick and the UART (RX interrupt armed) and enables interrupts. */
void board_start(void);

/* Reports a fault to the host (board_report_fault) and stops; never returns.
 * exception: the exception number taken (3 = HardFault, ...). */
__attribute__((noreturn)) void board_fault(uint32_t exception);

/* Stops SysTick and every interrupt and sleeps for good: the host's deadline ends the session,
 * and the emulator costs no host CPU meanwhile. */
__attribute__((noreturn)) void board_stop(void);

/* Defined by each firmware: tells the host about a fault, in its protocol, with polled output
 * (interrupts are masked). cfsr: the Configurable Fault Status Register; message: a text. */
void board_report_fault(uint32_t cfsr, const char* message);

#endif /* QEMU_ARM_BOARD_H_ */
