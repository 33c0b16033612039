import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/microtvm-reports')

// the page: polyglot HTML5 (so XML too), a row per run with its model, target and status
def page = new XmlSlurper(false, false, true).parse(new File(reports, 'index.html'))
assert page.head.title.text() == 'microTVM runs of io.microtvm.it:reports-page'
def rows = page.'**'.find { it.name() == 'tbody' }.tr
assert rows.size() == 2
def mismatch = rows[0], timed = rows[1]   // in suite order
assert mismatch.td[0].text() == 'mismatch' && mismatch.td[0].a.@title.text() == 'io.microtvm.it.reports-page.mismatch'
assert timed.td[0].text() == 'timed' && timed.td[0].a.@title.text() == 'io.microtvm.it.reports-page.timed'
[mismatch, timed].each { assert it.td[1].text() == 'conv_small.tar' && it.td[2].text() == 'host' }
assert timed.td[3].text() == 'passed' && mismatch.td[3].text() == 'failed'
assert timed.td[4].text() =~ /^[0-9.]+ \S+ \([0-9.]+ \S+ . [0-9.]+ \S+\)$/   // device median (min - max)
assert (timed.td[7].text() as double) < 1e-4 && (mismatch.td[7].text() as double) > 0.01   // max abs error
assert mismatch.td[9].text() in ['yes', 'no']                                  // top-1 agreement

// the charts: time per repeat of each run, the failed output's error per element; PNGs beside the page
def images = page.'**'.findAll { it.name() == 'img' }*.@src*.text()
assert images.sort() == ['index-files/io.microtvm.it.reports-page.mismatch-error-0-output_0.png',
                         'index-files/io.microtvm.it.reports-page.mismatch-timing.png',
                         'index-files/io.microtvm.it.reports-page.timed-timing.png']
images.each { src ->
    def png = new File(reports, src)
    assert png.bytes[0..7] == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as byte[] : src
    def image = javax.imageio.ImageIO.read(png)
    assert image.width > 300 && image.height > 200 : src
}

// the CSV: a row per run under the header, the failed one with its error metrics
def csv = new File(reports, 'microtvm-runs.csv').getText('UTF-8').split('\r\n')
assert csv.length == 3
def header = csv[0].split(',') as List
def row = { line -> def cells = line.split(',', -1) as List; assert cells.size() == header.size(); header.withIndex().collectEntries { h, i -> [h, cells[i]] } }
def failedRow = row(csv[1]), passedRow = row(csv[2])
assert failedRow.suite == 'io.microtvm.it.reports-page.mismatch' && failedRow.status == 'failed'
assert passedRow.suite == 'io.microtvm.it.reports-page.timed' && passedRow.status == 'passed'
assert passedRow.runs == '5' && failedRow.runs == '1'
assert passedRow.model == 'conv_small.tar' && passedRow.platform == 'host' && passedRow.model_sha256 ==~ /[0-9a-f]{64}/
assert (passedRow.device_median_seconds as double) > 0 && passedRow.device_counts == 'seconds'
assert (failedRow.max_abs_error as double) > 0 && (failedRow.rmse as double) > 0
assert passedRow.timestamp ==~ /\d{4}-\d\d-\d\dT.*Z/

// the summary table: once, from microtvm:verify at the end of the build (the runs leave it to verify, which the
// module binds, and log only where the page is)
def table = 'microTVM results ('
assert log.count(table) == 1
assert log.contains('microTVM results (2 runs: 1 passed, 1 failed, 0 errors, 0 skipped):')
def verifyGoal = (log =~ /:verify \(default\) @ reports-page/)
assert verifyGoal.find()
assert log.indexOf(table) > verifyGoal.start()
assert log =~ /(?m)^\[INFO\]   io\.microtvm\.it\.reports-page\.timed +passed +[0-9.]+ \S+ +[0-9.]+ \S+ +-$/
assert log =~ /(?m)^\[INFO\]   io\.microtvm\.it\.reports-page\.mismatch +failed /
assert log.contains('Reports page: ' + new File(reports, 'index.html'))
return true
