# Builds build/main for project_type=host_driven: the model plus TVM's CRT microTVM RPC server
# (see README.md). Part of the microtvm-maven-plugin host template; copied into generated
# projects as their Makefile.
#
#   make                      incremental build with the settings in project.mk
#   make HOST_CC=clang HOST_CFLAGS="-O0 -g" VERBOSE=1

include project.mk

BUILD := build
OBJ := $(BUILD)/obj

# src/rpc_config first: its crt_config.h is the CRT configuration of this firmware.
ALL_CPPFLAGS := -Isrc/rpc_config -Isrc -I$(CRT_DIR)/include -DRPC_WORKSPACE_SIZE_BYTES=$(WORKSPACE_SIZE_BYTES)
ALL_CFLAGS := -std=gnu11 -Wall $(HOST_CFLAGS)
ALL_CXXFLAGS := -std=c++11 -Wall $(HOST_CFLAGS)
LDLIBS := -lm

CRT_SRCS := $(sort $(foreach lib,$(CRT_LIBRARIES),$(wildcard $(CRT_DIR)/src/runtime/crt/$(lib)/*.c $(CRT_DIR)/src/runtime/crt/$(lib)/*.cc)))
SRCS := src/rpc_main.c src/rpc_platform.c src/rpc_memory.c $(CRT_SRCS) $(MODEL_SRCS)
OBJS := $(patsubst %,$(OBJ)/%.o,$(SRCS))
STAMP := $(BUILD)/flags.stamp

all: $(BUILD)/main

# rpc_server.cc is C++: link with the C++ driver for libstdc++.
$(BUILD)/main: $(OBJS) $(STAMP)
	$(say) LD $@
	$(Q)$(HOST_CXX) -o $@ $(OBJS) $(LDLIBS)

# TVM's generated code and CRT are not held to -Wall's unused-variable and the like.
$(OBJ)/model/%.o $(OBJ)/$(CRT_DIR)/%.o: ALL_CFLAGS += -w
$(OBJ)/$(CRT_DIR)/%.o: ALL_CXXFLAGS += -w
$(OBJ)/src/%.o: ALL_CFLAGS += -Wextra

# What the flags stamp holds; the shared rules (quiet output, the stamp, clean, dependency files,
# compiling).
C_COMPILER = $(HOST_CC)
CXX_COMPILER = $(HOST_CXX)
BUILD_SETTINGS := $(HOST_CC) | $(HOST_CXX) | $(ALL_CPPFLAGS) | $(ALL_CFLAGS) | $(ALL_CXXFLAGS) | $(LDLIBS)
include build_rules.mk
