/**
 * Spike data as every engine sees it: {@link eligo.core.spike.SpikeSample} (events per time
 * step with supervision and the target and inference windows) and
 * {@link eligo.core.spike.Dataset}. All types here are immutable and thread-safe.
 */
package eligo.core.spike;
