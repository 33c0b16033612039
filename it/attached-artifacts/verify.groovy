import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def installed = new File(localRepositoryPath, 'io/microtvm/it/attached-artifacts/1.0')
def file = { String classifier, String extension -> new File(installed, "attached-artifacts-1.0-${classifier}.${extension}") }
def target = new File(basedir, 'target/microtvm')

assert !log.contains('[ERROR]')
assert log.count('BUILD SUCCESS') == 2

// install put every attached file into the repository, classified by its execution
assert file('board-firmware', 'elf').bytes == new File(target, 'board/build/firmware.elf').bytes
assert file('board-firmware', 'bin').bytes == new File(target, 'board/build/firmware.bin').bytes
assert new JsonSlurper().parse(file('board-footprint', 'json')).flash_bytes > 0
def report = new JsonSlurper().parse(file('board-report', 'json'))
assert report == new JsonSlurper().parse(new File(basedir, 'target/microtvm-reports/microtvm-io.microtvm.it.attached-artifacts.board.json'))
assert file('host-firmware', 'elf').bytes == new File(target, 'host/build/main').bytes
assert !file('host-footprint', 'json').exists()   // the host template reports no footprint
assert log.contains('Attached firmware.elf as io.microtvm.it:attached-artifacts:elf:board-firmware:1.0')

// the from-repo project has no build: what ran there came from the repository
assert !new File(target, 'from-repo/build/firmware.elf').exists()
assert new File(target, 'from-repo/build/emulator/firmware.elf').bytes == file('board-firmware', 'elf').bytes
assert log.contains('Resolved firmwareArtifact io.microtvm.it:attached-artifacts:1.0:board-firmware (elf) to '
        + file('board-firmware', 'elf').canonicalPath)
assert log.count('output_0: all 1 elements match') == 2
return true
