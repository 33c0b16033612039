/**
 * Model inputs and outputs as numpy files, the way {@code tvmc run} exchanges them: {@link NdArray}
 * values, single arrays in the {@code .npy} format ({@link Npy}) and named sets of arrays in
 * {@code .npz} archives ({@link Npz}). Plain Java; numpy is not needed.
 */
package io.microtvm.npz;
