import groovy.xml.XmlSlurper
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('The outputs of project do not match')
assert log =~ /output_0: \d+ of 10 elements differ \(expected within atol=0\.00001, rtol=0\.00001\); worst at \[0, \d\]: got [-0-9.e]+, expected [-0-9.e]+/
assert log =~ /max abs error [0-9.e-]+, RMSE [0-9.e-]+, top-1 (agrees|differs)/
def xml = new XmlSlurper().parse(new File(basedir, 'target/microtvm-reports/TEST-io.microtvm.it.run-mismatch.default.xml'))
assert xml.@failures.text() == '1'
assert xml.testcase.find { it.@name == 'conv_small on host: output_0 matches expected' }.failure.@message.text().contains('worst at')
// the JSON says failed, with the worst element and the error per element for the page's plot
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/microtvm-reports/microtvm-io.microtvm.it.run-mismatch.default.json'))
assert json.status == 'failed' && json.error == null
assert json.checks[0].worstIndex.size() == 2 && json.checks[0].containsKey('cosineSimilarity')
assert json.checks[0].absErrorPerElement.size() == 10
// the outputs are saved even when they do not match
assert new File(basedir, 'target/microtvm/project-outputs.npz').isFile()
// the page and the CSV say so too, written before the build failed
def page = new XmlSlurper(false, false, true).parse(new File(basedir, 'target/microtvm-reports/index.html'))
assert page.'**'.find { it.name() == 'tbody' }.tr.size() == 1
assert page.'**'.find { it.name() == 'tbody' }.tr[0].td[3].text() == 'failed'
assert page.'**'.find { it.name() == 'li' && it.text().contains('worst at') } != null
def csv = new File(basedir, 'target/microtvm-reports/microtvm-runs.csv').getText('UTF-8').split('\r\n')
assert csv.length == 2 && csv[1].contains(',failed,')
assert log.contains('microTVM results (1 run: 0 passed, 1 failed, 0 errors, 0 skipped):')
return true
