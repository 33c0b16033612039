"""The emulated boards the qemu-arm template supports, with the facts the firmware needs.

Memory maps, UART and timer addresses and clocks are those of QEMU 7.2's models of Arm's MPS2
FPGA images (read from QEMU's own memory tree, see the plugin's notes). "CODE" is the 4 MiB
SSRAM at 0 that QEMU loads the image into, "RAM" the 4 MiB SSRAM at 0x20000000; a real MPS2 board
running the same FPGA image has the same map.
"""

import collections

Board = collections.namedtuple("Board", (
    "name", "core", "cpu_flags", "fpu",
    "code_origin", "code_bytes", "ram_origin", "ram_bytes",
    "uart0_base", "uart0_rx_irq", "irq_count", "kick_timer_base", "sysclk_hz",
))

_MIB = 1024 * 1024

BOARDS = collections.OrderedDict((board.name, board) for board in (
    Board("mps2-an385", "Cortex-M3", ("-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"), "none",
          0x00000000, 4 * _MIB, 0x20000000, 4 * _MIB, 0x40004000, 0, 32, 0x40000000, 25_000_000),
    Board("mps2-an386", "Cortex-M4F", ("-mcpu=cortex-m4", "-mthumb", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"),
          "single precision (FPv4-SP)",
          0x00000000, 4 * _MIB, 0x20000000, 4 * _MIB, 0x40004000, 0, 32, 0x40000000, 25_000_000),
    Board("mps2-an500", "Cortex-M7", ("-mcpu=cortex-m7", "-mthumb", "-mfpu=fpv5-d16", "-mfloat-abi=hard"),
          "double precision (FPv5-D16)",
          0x00000000, 4 * _MIB, 0x20000000, 4 * _MIB, 0x40004000, 0, 32, 0x40000000, 25_000_000),
))

DEFAULT_BOARD = "mps2-an386"

# Under -icount shift=0 QEMU advances virtual time by 1 ns per instruction.
ICOUNT_SHIFT = 0


def describe():
    return "; ".join(f"{b.name}: {b.core}, FPU {b.fpu}, {b.code_bytes // _MIB} MiB code + {b.ram_bytes // _MIB} MiB RAM"
                     for b in BOARDS.values())


def timer_name(board, icount):
    if icount:
        per_tick = 1_000_000_000 // board.sysclk_hz
        return (f"SysTick at {board.sysclk_hz // 1_000_000} MHz under QEMU -icount shift={ICOUNT_SHIFT}: "
                f"counts emulated instructions ({per_tick} per tick), not silicon cycles")
    return (f"SysTick at {board.sysclk_hz // 1_000_000} MHz under QEMU without -icount: "
            "follows host time, varies run to run")


def render_board_config_h(board, icount, header_comment, c_string):
    return "\n".join([
        f"/* {header_comment} */",
        "#ifndef QEMU_ARM_BOARD_CONFIG_H_",
        "#define QEMU_ARM_BOARD_CONFIG_H_",
        "",
        f"#define BOARD_NAME {c_string(board.name)}",
        f"#define BOARD_SYSCLK_HZ {board.sysclk_hz}u",
        f"#define BOARD_UART0_BASE 0x{board.uart0_base:08X}u",
        f"#define BOARD_UART0_RX_IRQ {board.uart0_rx_irq}",
        f"#define BOARD_IRQ_COUNT {board.irq_count}",
        f"#define BOARD_KICK_TIMER_BASE 0x{board.kick_timer_base:08X}u",
        f"#define BOARD_TIMER_NAME {c_string(timer_name(board, icount))}",
        "",
        "#endif /* QEMU_ARM_BOARD_CONFIG_H_ */",
        "",
    ])


def render_board_ld(board, stack_bytes, heap_bytes, header_comment):
    return "\n".join([
        f"/* {header_comment} */",
        f"/* {board.name} ({board.core}) as QEMU 7.2 models it. */",
        "MEMORY",
        "{",
        f"  CODE (rx) : ORIGIN = 0x{board.code_origin:08X}, LENGTH = {board.code_bytes}",
        f"  RAM (rwx) : ORIGIN = 0x{board.ram_origin:08X}, LENGTH = {board.ram_bytes}",
        "}",
        f"STACK_BYTES = {stack_bytes};",
        f"HEAP_BYTES = {heap_bytes};",
        "INCLUDE sections.ld",
        "",
    ])
