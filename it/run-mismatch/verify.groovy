import groovy.xml.XmlSlurper
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('The outputs of project do not match')
assert log =~ /output_0: \d+ of 10 elements differ \(expected within atol=0\.00001, rtol=0\.00001\); worst at \[0, \d\]: got [-0-9.e]+, expected [-0-9.e]+/
assert log =~ /max abs error [0-9.e-]+, RMSE [0-9.e-]+, top-1 (agrees|differs)/
def xml = new XmlSlurper().parse(new File(basedir, 'target/microtvm-reports/TEST-microtvm-project.xml'))
assert xml.@failures.text() == '1'
assert xml.testcase.find { it.@name == 'output_0 matches expected' }.failure.@message.text().contains('worst at')
// the outputs are saved even when they do not match
assert new File(basedir, 'target/microtvm/project-outputs.npz').isFile()
return true
