def log = new File(basedir, 'build.log').getText('UTF-8')

// every host option, with its type, choices and default, under the methods it applies to
['generate_project', 'build', 'flash', 'open_transport'].each { assert log.contains(it) }
['project_type', 'verbose', 'workspace_size_bytes', 'cc', 'cflags'].each { assert log.contains(it) }
assert log =~ /project_type.*standalone/
assert log =~ /verbose.*bool/
assert log =~ /workspace_size_bytes.*int/
assert log =~ /cflags.*str/
assert log.contains('-O2')                 // cflags' default
assert log.contains('TVMBackendAllocWorkspace')  // help text of workspace_size_bytes

// help -Ddetail documents every goal and its user properties
['create-project', 'build', 'flash', 'list-options', 'help'].each { assert log.contains('microtvm:' + it) }
['microtvm.mlf', 'microtvm.platform', 'microtvm.templateDir', 'microtvm.projectDir', 'microtvm.options',
 'microtvm.force', 'microtvm.python', 'microtvm.skip', 'microtvm.queryTimeout', 'microtvm.timeout'].each {
    assert log.contains('User property: ' + it) : it
}
return true
