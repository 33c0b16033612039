# Rules every Makefile of the host and qemu-arm templates shares; kept once, in templates/host, and
# copied into each generated project. Include it last, after setting BUILD, OBJ, OBJS, STAMP,
# BUILD_SETTINGS (the tools and flags whose change must rebuild everything), C_COMPILER and, where
# there are C++ sources, CXX_COMPILER (the host's compilers or the cross compilers).

# One line per step; VERBOSE=1 shows the commands instead.
ifeq ($(VERBOSE),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-7s %s\n'
endif

# The stamp holds BUILD_SETTINGS. Its recipe always runs but rewrites the file only on a change, so
# make sees it as newer than the objects exactly when the settings changed. The settings reach the
# shell through the environment, so no quoting can mangle them.
export MICROTVM_BUILD_SETTINGS := $(BUILD_SETTINGS)
$(STAMP): FORCE
	@mkdir -p $(@D)
	@if [ "$$(cat $@ 2>/dev/null)" != "$$MICROTVM_BUILD_SETTINGS" ]; then \
	  printf '%s\n' "$$MICROTVM_BUILD_SETTINGS" > $@; fi

.PHONY: all clean FORCE
FORCE:

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d)

# Compiling. Standalone builds name an object after its source without the suffix (src/a.o);
# host-driven builds keep it (src/a.c.o, src/b.cc.o), since TVM's CRT has C and C++ sources.
define compile_c
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(C_COMPILER) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
endef

$(OBJ)/%.o: %.c $(STAMP)
	$(compile_c)

$(OBJ)/%.c.o: %.c $(STAMP)
	$(compile_c)

$(OBJ)/%.cc.o: %.cc $(STAMP)
	@mkdir -p $(@D)
	$(say) CXX $<
	$(Q)$(CXX_COMPILER) $(ALL_CPPFLAGS) $(ALL_CXXFLAGS) -MMD -MP -c -o $@ $<
