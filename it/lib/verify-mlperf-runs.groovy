import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// The verify script of it/mlperf-tiny and it/mlperf-matrix (each evaluates this file): the executions come from the POM's profiles, so the checks
// follow whatever subset a POM runs. Writes target/mlperf-table.md, the table the README shows.
def log = new File(basedir, 'build.log').getText('UTF-8')
def pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
def children = { node, name -> (0..<node.childNodes.length).collect { node.childNodes.item(it) }.findAll { it.nodeName == name } }
def executionIds = { profile ->
    def ids = []
    def executions = profile.getElementsByTagName('execution')
    (0..<executions.length).each { ids << children(executions.item(it), 'id')[0].textContent.trim() }
    ids
}
def profiles = pom.getElementsByTagName('profile')
def byId = (0..<profiles.length).collectEntries { [(children(profiles.item(it), 'id')[0].textContent.trim()): profiles.item(it)] }
def allFits = executionIds(byId['fits'])
// executions that check where output shapes come from, rather than the outputs
def shapeChecks = allFits.findAll { it.startsWith('kws-host-') }
def fits = allFits - shapeChecks
def tooBig = byId.findAll { it.key.startsWith('too-big-') }.collectMany { executionIds(it.value) }
def poolTooSmall = byId.containsKey('pool-too-small')
assert fits && allFits.size() + tooBig.size() + (poolTooSmall ? 1 : 0) == pom.getElementsByTagName('execution').length
// the log of one execution's run goal
def runLog = { id ->
    int start = log.indexOf(":run (${id})")
    assert start >= 0 : id
    int end = log.indexOf('--- ', start + 1)
    log.substring(start, end < 0 ? log.length() : end)
}

def reports = new File(basedir, 'target/microtvm-reports')
def artifactId = children(pom.documentElement, 'artifactId')[0].textContent.trim()
// reports are named by suite: groupId.artifactId.executionId
def reportOf = { id -> new JsonSlurper().parse(new File(reports, "microtvm-io.microtvm.it.${artifactId}.${id}.json")) }
def expectedShapes = [kws: [1, 12], ad: [1, 640]]
def rows = []
fits.each { id ->
    def json = reportOf(id)
    assert json.passed == true : id
    assert json.checks.size() == 1 && json.checks.every { it.passed && it.maxAbsError == 0 } : id
    assert json.timing.deviceSeconds.min > 0 : id
    def model = id.substring(0, id.indexOf('-')).replaceAll('_(aot_hd|graph)$', '')
    // the outputs carry TVM's shapes, whatever the protocol
    assert json.outputs*.shape == [expectedShapes[model]] : "${id}: ${json.outputs}"
    def board = id.endsWith('-host') ? 'host' : "mps${id.endsWith('-an547') ? 3 : 2}-${id.substring(id.lastIndexOf('-') + 1)}"
    def protocol = id.contains('_aot_hd') ? 'host-driven (AOT)' : id.contains('_graph') ? 'host-driven (graph)' : 'standalone'
    def time = String.format('%.3f ms', json.timing.deviceSeconds.median * 1e3)
    def memory = ''
    if (board != 'host') {
        def footprint = new JsonSlurper().parse(new File(basedir, "target/microtvm/${id}/build/footprint.json"))
        assert footprint.board == board : id
        assert footprint.ram_bytes <= footprint.ram_capacity_bytes && footprint.flash_bytes <= footprint.flash_capacity_bytes : id
        assert json.footprint.flash_bytes == footprint.flash_bytes : id
        // under -icount the device time counts emulated instructions: 1 ns each
        time = String.format('%,d instructions', Math.round(json.timing.deviceSeconds.median * 1e9))
        memory = String.format('%,d / %,d', footprint.flash_bytes, footprint.ram_bytes)
        if (board == 'mps2-an386') {
            // the default board needs no sizing option: the project was generated with none
            def record = new JsonSlurper().parse(new File(basedir, "target/microtvm/${id}/microtvm-project.json"))
            assert !record.options.containsKey('workspace_size_bytes') && !record.options.containsKey('board') : id
        }
    }
    rows << "| ${model} | ${board} | ${protocol} | ${time} | ${memory ?: '—'} |"
    // host-driven firmware and graph JSON know the shape themselves; a standalone AOT MLF of a TFLite import does not
    def source = protocol == 'standalone' ? 'expectedOutputs' : 'the model (device or MLF)'
    // named output_0 (AOT host-driven firmware names its outputs so) or output_0 ('Identity')
    assert runLog(id) =~ /output_0( \('Identity'\))?: shape \Q${expectedShapes[model]}\E from \Q${source}\E/ : id
    // and the report says so too
    assert json.outputs*.shapeSource == [protocol == 'standalone' ? 'expectedOutputs' : 'model'] : "${id}: ${json.outputs}"
}
shapeChecks.each { id ->
    def json = reportOf(id)
    assert json.checks.isEmpty() : id
    if (id == 'kws-host-outputShapes') {
        assert json.outputs*.shape == [[1, 12]] : json.outputs
        assert json.outputs*.shapeSource == ['outputShapes'] : json.outputs
        assert runLog(id).contains("output_0 ('Identity'): shape [1, 12] from outputShapes")
    } else {
        // no source knows it: flat, and said once
        assert json.outputs*.shape == [[12]] : json.outputs
        assert json.outputs*.shapeSource == ['none'] : json.outputs
        def said = runLog(id).findAll(/No source knows the shape of output_0 \('Identity', 12 elements\): written flat/)
        assert said.size() == 1 : runLog(id)
    }
}
tooBig.each { id ->
    def board = id.endsWith('-an547') ? 'mps3-an547' : id.substring(id.lastIndexOf('-') + 1)
    def fit = log =~ /\(${id}\)[^\n]*the firmware does not fit ${board} \([^)]*\): ([^\n]*?)\. Choose/
    assert fit.find() : id
    def sizes = fit.group(1)
    assert sizes =~ /[0-9]+ bytes more than the board's [0-9]+ bytes of (code memory|RAM)/ : sizes
    def model = id.substring(0, id.indexOf('-')).replaceAll('_(aot_hd|graph)$', '')
    def protocol = id.contains('_aot_hd') ? 'host-driven (AOT)' : id.contains('_graph') ? 'host-driven (graph)' : 'standalone'
    rows << "| ${model} | ${board} | ${protocol} | does not fit: ${sizes} | — |"
}
if (poolTooSmall) {
    // the refused DevAllocData names the template option that sizes the CRT pool, its value and the board's RAM
    assert log =~ /\(kws_graph-small-pool\)[^\n]*refused DevAllocData\([0-9]+ bytes\)[^\n]*workspace_size_bytes, 131072 bytes in this project[^\n]*the board mps2-an386 has 4194304 bytes of RAM/
}
new File(basedir, 'target/mlperf-table.md').text = (['| model | board | protocol | device time | flash / RAM bytes |',
        '| --- | --- | --- | --- | --- |'] + rows).join('\n') + '\n'
// no QEMU is left behind
def ps = ['ps', '-eo', 'pid,args'].execute().text
assert !ps.readLines().any { it.contains('qemu-system-arm') && it.contains(basedir.name) } : ps
return true
