def log = new File(basedir, 'build.log').getText('UTF-8')
def project = new File(basedir, 'target/microtvm/project').canonicalPath

assert log.contains('the device is gone') || log.contains('TransportClosedError')
assert !log.contains('within 20 s')   // it failed because the device died, not by a deadline
// no device process and no template server of this project is left
def ps = ['ps', '-eo', 'pid,args'].execute().text
assert !ps.readLines().any { it.contains(project) } : ps
return true
