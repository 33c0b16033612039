def log = new File(basedir, 'build.log').getText('UTF-8')

// every host option, with its type, choices and default, under the methods it applies to
['generate_project', 'build', 'flash', 'open_transport'].each { assert log.contains(it) }
['project_type', 'verbose', 'workspace_size_bytes', 'cc', 'cflags'].each { assert log.contains(it) }
assert log.contains('project_type (str, optional)')
assert log.contains('choices: standalone, host_driven')
assert log.contains('verbose (bool, optional)')
assert log.contains('default: "standalone"')
assert log.contains('workspace_size_bytes (int, optional)')
assert log.contains('cflags (str, optional)')
assert log.contains('unset: -O2')
assert log.contains('image (str, optional)')          // flash: an image instead of build/main
assert log.contains('TVMBackendAllocWorkspace')  // help text of workspace_size_bytes

// help -Ddetail documents every goal and its user properties
['create-project', 'build', 'flash', 'run', 'list-options', 'help'].each { assert log.contains('microtvm:' + it) }
['microtvm.mlf', 'microtvm.platform', 'microtvm.templateDir', 'microtvm.projectDir', 'microtvm.options',
 'microtvm.force', 'microtvm.python', 'microtvm.skip', 'microtvm.queryTimeout', 'microtvm.timeout',
 'microtvm.inputs', 'microtvm.fillMode', 'microtvm.seed', 'microtvm.outputs', 'microtvm.printTop',
 'microtvm.expectedOutputs', 'microtvm.atol', 'microtvm.rtol', 'microtvm.repeat', 'microtvm.reportsDirectory',
 'microtvm.lockTimeout', 'microtvm.retries', 'microtvm.retryDelay'].each {
    assert log.contains('User property: ' + it) : it
}
return true
