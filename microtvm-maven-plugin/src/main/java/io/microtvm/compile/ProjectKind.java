package io.microtvm.compile;

/** What the firmware does with the model, which decides the executor and runtime it needs. */
public enum ProjectKind {
    /** The firmware calls the model itself: AOT executor, C interface, unpacked API, runtime crt. */
    STANDALONE,
    /** A host drives the model over microTVM RPC: AOT with the packed API (or graph), runtime crt with system-lib. */
    HOST_DRIVEN
}
