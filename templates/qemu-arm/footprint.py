"""The footprint of a linked firmware image, read from its ELF section headers.

text = code and read-only data (everything allocated in CODE but the initial values of .data),
data = initialised variables (stored in CODE, copied to RAM at reset), bss = zeroed variables
(tensor buffers, the model's workspace). flash = text + data; RAM = data + bss + the heap and
stack the linker script reserves.
"""

import struct

_SHF_ALLOC = 0x2
_SHT_NOBITS = 8


def read_sections(path):
    """{name: (address, size, is_nobits)} of the allocated sections of a 32-bit little-endian ELF."""
    with open(path, "rb") as f:
        image = f.read()
    if image[:4] != b"\x7fELF" or image[4] != 1 or image[5] != 1:
        raise ValueError(f"{path} is not a 32-bit little-endian ELF file")
    shoff, = struct.unpack_from("<I", image, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", image, 0x2E)

    def header(index):
        return struct.unpack_from("<IIIIIIIIII", image, shoff + index * shentsize)

    names_offset = header(shstrndx)[4]
    sections = {}
    for index in range(shnum):
        name_index, kind, flags, address, offset, size = header(index)[:6]
        if not flags & _SHF_ALLOC:
            continue
        end = image.index(b"\0", names_offset + name_index)
        name = image[names_offset + name_index:end].decode("ascii", errors="replace")
        sections[name] = (address, size, kind == _SHT_NOBITS)
    return sections


def footprint(elf_path, board, stack_bytes, heap_bytes, workspace_arena_bytes):
    sections = read_sections(elf_path)
    data = sections.get(".data", (0, 0, False))[1]
    bss = sections.get(".bss", (0, 0, True))[1]
    text = sum(size for name, (_, size, nobits) in sections.items()
               if not nobits and name != ".data")
    return {
        "board": board.name,
        "text_bytes": text,
        "data_bytes": data,
        "bss_bytes": bss,
        "heap_bytes": heap_bytes,
        "stack_bytes": stack_bytes,
        "workspace_arena_bytes": workspace_arena_bytes,
        "flash_bytes": text + data,
        "flash_capacity_bytes": board.code_bytes,
        "ram_bytes": data + bss + heap_bytes + stack_bytes,
        "ram_capacity_bytes": board.ram_bytes,
    }
