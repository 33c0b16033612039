/*
 * The qemu-arm platform: the hooks of mtvm_platform.h over the board's CMSDK APB UART0 and
 * SysTick, used by both firmwares: standalone_main.c (the standalone protocol) and rpc_board.c
 * (project_type=host_driven: TVM's CRT RPC server).
 *
 * UART: transmit is polled; receive is interrupt-driven into a ring buffer, and the CPU sleeps
 * (WFI) while it waits, so an idle emulator costs no host CPU. The CMSDK UART holds one received
 * byte and no FIFO: the sender (QEMU, or a real host through a real UART at a low rate) waits while
 * RXFULL is set, so nothing is lost when the ring is full; the byte then waits in the register
 * until the reader has room.
 *
 * Timer: SysTick on the core clock, widened to 64 bits by counting its wraps. QEMU 7.2 does not
 * implement DWT CYCCNT, so SysTick is the cycle-level timer here. Under QEMU's -icount shift=0
 * one tick is BOARD_NS_PER_TICK emulated instructions (one per virtual ns), not silicon cycles.
 *
 * Part of the microtvm-maven-plugin qemu-arm template.
 */
#include <stdint.h>

#include "board.h"
#include "mtvm_platform.h"

/* CMSDK APB UART registers and bits. */
#define UART_DATA (BOARD_UART0_BASE + 0x00u)
#define UART_STATE (BOARD_UART0_BASE + 0x04u)
#define UART_CTRL (BOARD_UART0_BASE + 0x08u)
#define UART_INTCLEAR (BOARD_UART0_BASE + 0x0Cu)
#define UART_BAUDDIV (BOARD_UART0_BASE + 0x10u)
#define UART_STATE_TXFULL 0x1u
#define UART_STATE_RXFULL 0x2u
#define UART_CTRL_TXEN 0x1u
#define UART_CTRL_RXEN 0x2u
#define UART_CTRL_RXINTEN 0x8u
#define UART_INT_RX 0x2u

/* CMSDK APB timer used only to wake QEMU's main loop (see uart_kick). */
#define KICK_TIMER_CTRL (BOARD_KICK_TIMER_BASE + 0x00u)
#define KICK_TIMER_VALUE (BOARD_KICK_TIMER_BASE + 0x04u)

#define RX_RING_BYTES 2048u /* a power of two */

static volatile uint8_t rx_ring[RX_RING_BYTES];
static volatile uint32_t rx_head; /* written by the ISR and by the reader's poll, with IRQs off */
static volatile uint32_t rx_tail; /* written by the reader */
static volatile uint32_t systick_wraps;

/* QEMU stops offering host bytes while RXFULL is set and does not notice on its own when the
 * guest drains the register, which cost ~1 s stalls. Starting a short timer makes QEMU's main
 * loop run again and poll the UART's backend. Harmless on real hardware. */
static void uart_kick(void) {
  BOARD_REG(KICK_TIMER_VALUE) = 2;
  BOARD_REG(KICK_TIMER_CTRL) = 1;
}

/* Moves received bytes into the ring while there is room; call with interrupts off. */
static void uart_drain(void) {
  int drained = 0;
  while ((BOARD_REG(UART_STATE) & UART_STATE_RXFULL) && rx_head - rx_tail < RX_RING_BYTES) {
    rx_ring[rx_head % RX_RING_BYTES] = (uint8_t)BOARD_REG(UART_DATA);
    rx_head = rx_head + 1;
    drained = 1;
  }
  if (drained) uart_kick();
}

void UART0_RX_Handler(void) {
  /* Clear first: a byte landing between draining and clearing would raise no new interrupt. */
  BOARD_REG(UART_INTCLEAR) = UART_INT_RX;
  uart_drain();
}

static void uart_init(void) {
  BOARD_REG(UART_CTRL) = 0;
  BOARD_REG(UART_BAUDDIV) = BOARD_SYSCLK_HZ / 115200u; /* ignored by QEMU; >= 16 on hardware */
  BOARD_REG(UART_INTCLEAR) = 0xFu;
  /* The RX interrupt is armed before the host can send anything: a byte that arrives while
   * RXINTEN is 0 raises no interrupt at all. */
  BOARD_REG(UART_CTRL) = UART_CTRL_TXEN | UART_CTRL_RXEN | UART_CTRL_RXINTEN;
  BOARD_REG(BOARD_NVIC_ISER0 + 4u * (BOARD_UART0_RX_IRQ / 32u)) = 1u << (BOARD_UART0_RX_IRQ % 32u);
  uart_kick();
}

static void uart_put(uint8_t byte) {
  while (BOARD_REG(UART_STATE) & UART_STATE_TXFULL) {
  }
  BOARD_REG(UART_DATA) = byte;
}

int32_t mtvm_platform_read(uint8_t* buffer, uint32_t max_bytes) {
  if (max_bytes == 0) return 0;
  for (;;) {
    __asm volatile("cpsid i" ::: "memory");
    uart_drain(); /* picks up a byte the ISR left because the ring was full */
    if (rx_head != rx_tail) break;
    /* WFI wakes on a pending interrupt even with PRIMASK set, so no byte slips in between the
     * check and the sleep; the ISR runs once interrupts are enabled again. */
    __asm volatile("wfi\n cpsie i" ::: "memory");
  }
  uint32_t count = 0;
  while (count < max_bytes && rx_tail != rx_head) {
    buffer[count++] = rx_ring[rx_tail % RX_RING_BYTES];
    rx_tail = rx_tail + 1;
  }
  uart_drain();
  __asm volatile("cpsie i" ::: "memory");
  return (int32_t)count;
}

int32_t mtvm_platform_write(const uint8_t* data, uint32_t size) {
  for (uint32_t i = 0; i < size; ++i) uart_put(data[i]);
  return 0;
}

void SysTick_Handler(void) { systick_wraps = systick_wraps + 1; }

static void systick_init(void) {
  BOARD_REG(BOARD_SYST_RVR) = 0xFFFFFFu;
  BOARD_REG(BOARD_SYST_CVR) = 0;
  BOARD_REG(BOARD_SYST_CSR) = 0x7u; /* core clock, wrap interrupt, enable */
  /* QEMU reads CVR as 0 until the first reload; wait for it so the first reading is right. */
  while (BOARD_REG(BOARD_SYST_CVR) == 0) {
  }
}

uint64_t mtvm_platform_ticks(void) {
  /* Re-read when a wrap was counted in between, so wraps and the counter belong together. */
  uint32_t wraps, value;
  do {
    wraps = systick_wraps;
    value = BOARD_REG(BOARD_SYST_CVR);
    if (BOARD_REG(BOARD_SYST_CSR) & (1u << 16)) { /* wrapped, interrupt not yet taken */
      __asm volatile("cpsie i\n nop" ::: "memory");
      continue;
    }
  } while (wraps != systick_wraps);
  return ((uint64_t)wraps << 24) + (0xFFFFFFu - value);
}

uint32_t mtvm_platform_ticks_per_second(void) { return BOARD_SYSCLK_HZ; }

const char* mtvm_platform_timer_name(void) { return BOARD_TIMER_NAME; }

/* Reports a fault through the firmware's protocol (board_report_fault), written with polled UART
 * output so it works with interrupts masked, then stops. */
void board_fault(uint32_t exception) {
  __asm volatile("cpsid i" ::: "memory");
  uint32_t cfsr = BOARD_REG(BOARD_SCB_CFSR);
  uint32_t hfsr = BOARD_REG(BOARD_SCB_HFSR);
  static const char hex[] = "0123456789abcdef";
  char message[] = "fault: exception 00, CFSR 0x00000000, HFSR 0x00000000";
  message[17] = (char)('0' + (exception / 10u) % 10u);
  message[18] = (char)('0' + exception % 10u);
  for (int i = 0; i < 8; ++i) {
    message[28 + i] = hex[(cfsr >> (28 - 4 * i)) & 0xFu];
    message[45 + i] = hex[(hfsr >> (28 - 4 * i)) & 0xFu];
  }
  board_report_fault(cfsr, message);
  board_stop();
}

void board_stop(void) {
  __asm volatile("cpsid i" ::: "memory");
  /* Nothing may stay pending, or WFI would return at once and the emulator would spin a host core
   * until it is stopped. */
  BOARD_REG(BOARD_SYST_CSR) = 0;
  BOARD_REG(BOARD_SCB_ICSR) = 1u << 25; /* PENDSTCLR */
  for (uint32_t i = 0; i < (BOARD_IRQ_COUNT + 31u) / 32u; ++i) {
    BOARD_REG(BOARD_NVIC_ICER0 + 4u * i) = 0xFFFFFFFFu;
    BOARD_REG(BOARD_NVIC_ICPR0 + 4u * i) = 0xFFFFFFFFu;
  }
  for (;;) __asm volatile("wfi");
}

void board_start(void) {
  systick_init();
  uart_init();
  __asm volatile("cpsie i" ::: "memory");
}
