# Builds build/firmware.elf and build/firmware.bin for project_type=host_driven: the model plus
# TVM's CRT microTVM RPC server, cross-compiled for an emulated Cortex-M board (see README.md).
# Part of the microtvm-maven-plugin qemu-arm template; copied into generated projects as their
# Makefile. project.mk (generated) holds the model, CRT and board settings.
#
#   make                                        incremental build
#   make TOOLCHAIN_PREFIX=/opt/gcc/bin/arm-none-eabi- EXTRA_CFLAGS="-O2" VERBOSE=1

include project.mk

BUILD := build
OBJ := $(BUILD)/obj
CC := $(TOOLCHAIN_PREFIX)gcc
CXX := $(TOOLCHAIN_PREFIX)g++
OBJCOPY := $(TOOLCHAIN_PREFIX)objcopy

# src/rpc_config first: its crt_config.h is the CRT configuration of this firmware.
ALL_CPPFLAGS := -Isrc/rpc_config -Isrc -I$(CRT_DIR)/include -DRPC_WORKSPACE_SIZE_BYTES=$(WORKSPACE_SIZE_BYTES)
COMMON_FLAGS := $(CPU_FLAGS) -Os -g -Wall -ffunction-sections -fdata-sections
ALL_CFLAGS := -std=gnu11 $(COMMON_FLAGS) $(EXTRA_CFLAGS)
# The CRT's C++ (RPC server, framing) uses neither exceptions nor RTTI; without them no unwinder is linked.
ALL_CXXFLAGS := -std=c++11 $(COMMON_FLAGS) -fno-exceptions -fno-rtti -fno-threadsafe-statics $(EXTRA_CFLAGS)
# newlib in full, not nano: the CRT's log messages print 64-bit integers (%lld), which nano's printf
# cannot. C++ support from the nano library: it needs only operator new/delete, and the full
# libstdc++ would drag in the exception unwinder.
ALL_LDFLAGS := $(CPU_FLAGS) $(EXTRA_CFLAGS) -nostartfiles -Wl,--gc-sections -Lld -Tld/board.ld \
	-Wl,-Map=$(BUILD)/firmware.map
LDLIBS := -lstdc++_nano -lm

CRT_SRCS := $(sort $(foreach lib,$(CRT_LIBRARIES),$(wildcard $(CRT_DIR)/src/runtime/crt/$(lib)/*.c $(CRT_DIR)/src/runtime/crt/$(lib)/*.cc)))
SRCS := src/startup.c src/board.c src/syscalls.c src/rpc_board.c src/rpc_memory.c $(CRT_SRCS) $(MODEL_SRCS)
OBJS := $(patsubst %,$(OBJ)/%.o,$(SRCS))
STAMP := $(BUILD)/flags.stamp

all: $(BUILD)/firmware.bin

$(BUILD)/firmware.bin: $(BUILD)/firmware.elf
	$(say) OBJCOPY $@
	$(Q)$(OBJCOPY) -O binary $< $@

# rpc_server.cc is C++: link with the C++ driver.
$(BUILD)/firmware.elf: $(OBJS) $(STAMP) ld/board.ld ld/sections.ld
	$(say) LD $@
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

# TVM's generated code and CRT are not held to -Wall; the template's own sources also build with -Wextra.
$(OBJ)/model/%.o $(OBJ)/$(CRT_DIR)/%.o: ALL_CFLAGS += -w
# The CRT logs with PRId64 and friends. newlib's <inttypes.h> defines them only when newlib's own
# <stdint.h> has set __int64_t_defined, but this toolchain's <stdint.h> is GCC's, which does not set it.
$(OBJ)/$(CRT_DIR)/%.o: ALL_CPPFLAGS += -D__int64_t_defined=1
$(OBJ)/$(CRT_DIR)/%.o: ALL_CXXFLAGS += -w
$(OBJ)/src/%.o: ALL_CFLAGS += -Wextra

# What the flags stamp holds; the shared rules (quiet output, the stamp, clean, dependency files,
# compiling).
C_COMPILER = $(CC)
CXX_COMPILER = $(CXX)
BUILD_SETTINGS := $(CC) | $(CXX) | $(ALL_CPPFLAGS) | $(ALL_CFLAGS) | $(ALL_CXXFLAGS) | $(ALL_LDFLAGS) | $(LDLIBS)
include build_rules.mk
