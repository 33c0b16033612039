// The checks of every MLPerf Tiny run the POM's executions make, shared with the other MLPerf IT
return evaluate(new File(repoRoot, 'it/lib/verify-mlperf-runs.groovy'))
