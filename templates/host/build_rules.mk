# Rules every Makefile of the host and qemu-arm templates shares; kept once, in templates/host, and
# copied into each generated project. Include it last, after setting BUILD, OBJS, STAMP and
# BUILD_SETTINGS (the tools and flags whose change must rebuild everything).

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
