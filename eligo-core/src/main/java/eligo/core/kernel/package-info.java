/**
 * Dense inner loops behind one small interface, {@link eligo.core.kernel.VectorOps}, with a
 * scalar reference and a JDK Vector API implementation chosen by {@link eligo.core.kernel.Kernels}.
 * Implementations are stateless and thread-safe.
 */
package eligo.core.kernel;
