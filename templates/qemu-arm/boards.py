"""The emulated boards the qemu-arm template supports, with the facts the firmware needs.

Memory maps, UART and timer addresses and clocks are those of QEMU 7.2's models of Arm's MPS2/MPS3
FPGA images (read from QEMU's own memory tree, see the plugin's notes). On mps2: "CODE" is the 4 MiB
SSRAM at 0 that QEMU loads the image into, "RAM" the 4 MiB SSRAM at 0x20000000. mps3-an547 boots
in the Secure state: CODE is the 512 KiB ITCM at its Secure alias 0x10000000 (where the vector table
must be), RAM the 512 KiB DTCM at 0x30000000, UART0 at its Secure alias, and the main-loop kick uses
the SSE-300's S32K timer (a CMSDK timer at 32 kHz). A real board running the same FPGA image has the
same map.
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
    Board("mps3-an547", "Cortex-M55", ("-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"),
          "single and double precision, with MVE (Helium)",
          0x10000000, 512 * 1024, 0x30000000, 512 * 1024, 0x59303000, 33, 96, 0x5802F000, 32_000_000),
))

DEFAULT_BOARD = "mps2-an386"

# Under -icount shift=0 QEMU advances virtual time by 1 ns per instruction.
ICOUNT_SHIFT = 0


def _size(n):
    return f"{n // _MIB} MiB" if n % _MIB == 0 else f"{n // 1024} KiB"


def describe():
    return "; ".join(f"{b.name}: {b.core}, FPU {b.fpu}, {_size(b.code_bytes)} code + {_size(b.ram_bytes)} RAM"
                     for b in BOARDS.values())


def timer_name(board, icount):
    if icount:
        per_tick = f"{1e9 / board.sysclk_hz:g}"
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
