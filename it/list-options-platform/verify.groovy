def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains("Listing platform 'qemu-arm' as -Dmicrotvm.platform says; the POM's <platform>host applies to the"
        + " other goals, where a POM value wins over a -D property")
assert log.contains("Options of platform 'qemu-arm' (bundled with the plugin)")
assert log.contains('board (str, optional)')
assert log.contains("Unknown platform 'qemu_arm'. Did you mean 'qemu-arm'?")
assert log.contains('-Dmicrotvm.platform=qemu-arm is overridden by the POM\'s <platform>host</platform> (in Maven a POM'
        + ' value wins over a -D property); using host.')
assert new File(basedir, 'target/microtvm/project/microtvm-project.json').text.contains('"platform" : "host"')
return true
