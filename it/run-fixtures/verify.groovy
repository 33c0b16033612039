import groovy.xml.XmlSlurper
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')
def expectedOutputs = [sine: 1, mlp_int8: 1, two_io: 2, conv_small: 1]

expectedOutputs.each { name, count ->
    def xml = new XmlSlurper().parse(new File(reports, "TEST-io.microtvm.it.run-fixtures.${name}.xml"))
    assert xml.@failures.text() == '0'
    assert xml.@errors.text() == '0'
    assert xml.@tests.text() == "${3 + count + 1}".toString()   // 3 runs + one check per output + the runs compared
    assert xml.testcase.find { it.@name.text().endsWith(' the same in all 3 runs') } != null : name
    def json = new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.run-fixtures.${name}.json"))
    assert json.passed == true
    assert json.checks.size() == count
    assert json.checks.every { it.passed }
    assert json.timing.runs == 3
    // inputs up once, outputs down once: the runs are compared by the firmware's digest of its outputs
    assert json.repeatChecks.size() == 1 : name
    assert json.repeatChecks[0].method == 'deviceDigest' && json.repeatChecks[0].passed : name
    assert json.repeatChecks[0].comparedRuns == [2, 3] && json.repeatChecks[0].firstDigest ==~ /0x[0-9a-f]{8}/ : name
    assert json.timing.deviceSeconds.median > 0
    assert new File(basedir, "target/microtvm/${name}-outputs.npz").isFile()
}
// integer outputs are compared exactly
assert log.contains('output_0: all 4 elements match exactly')                 // mlp_int8, int8[1, 4]
assert log.contains('output_1: all 4 elements match exactly')                 // two_io y_int, int32[1, 4]
assert !log.contains('[ERROR]')
// readable times: the unit that fits, three significant digits (a host run takes micro- to milliseconds)
assert log =~ /device time \(clock_gettime\(CLOCK_MONOTONIC\)\) median [0-9.]+ \S+ \(min [0-9.]+ \S+, max [0-9.]+ \S+\); host round trip median/
assert !log.contains('0.000/0.000')

// the page of every run: a table row each, a time-per-repeat chart each (PNG files beside the page)
def page = new XmlSlurper(false, false, true).parse(new File(reports, 'index.html'))   // polyglot HTML5: XML too
def rows = page.'**'.find { it.name() == 'tbody' }.tr
assert rows.size() == 4
expectedOutputs.each { name, count ->
    def row = rows.find { it.td[0].text().endsWith(name) }
    assert row != null : name
    assert row.td[1].text() ==~ /${name}\.tar|[0-9a-f]{12}./   // the model file's name, else the id the device reported
    assert row.td[3].text() == 'passed'
    assert row.td[4].text() =~ /^[0-9.]+ \S+ \([0-9.]+ \S+ . [0-9.]+ \S+\)$/   // device median (min - max)
}
def timingCharts = page.'**'.findAll { it.name() == 'img' && it.@src.text().endsWith('-timing.png') }*.@src*.text()
assert timingCharts.size() == 4
timingCharts.each { src ->
    def png = new File(reports, src)
    assert png.isFile() : src
    assert png.bytes[0..3] == [0x89, 0x50, 0x4e, 0x47] as byte[] : src   // \x89PNG
    assert javax.imageio.ImageIO.read(png).width > 100 : src
}
// one CSV row per run, under the header
def csv = new File(reports, 'microtvm-runs.csv').getText('UTF-8').split('\r\n')
assert csv[0].startsWith('timestamp,suite,module,execution,model,model_sha256,platform,board,protocol,status,runs,')
assert csv.length == 5
def header = csv[0].split(',') as List
csv[1..4].each { line ->
    def cells = line.split(',', -1) as List
    assert cells.size() == header.size() : line
    assert cells[header.indexOf('status')] == 'passed'
    assert cells[header.indexOf('runs')] == '3'
    assert cells[header.indexOf('device_counts')] == 'seconds'
    assert (cells[header.indexOf('device_median_seconds')] as double) > 0
}
// and the summary table in the log, one line per run
assert log.contains('microTVM results (4 runs: 4 passed, 0 failed, 0 errors, 0 skipped):')
assert log =~ /(?m)^\[INFO\]   Run +Status +Device median +Host median +Footprint$/
expectedOutputs.each { name, count -> assert log =~ /(?m)^\[INFO\]   \S*${name} +passed +[0-9.]+ \S+ +[0-9.]+ \S+ +-$/ }
assert log.contains('Reports page: ' + new File(reports, 'index.html'))
return true
