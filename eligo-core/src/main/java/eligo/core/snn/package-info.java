/**
 * Recurrent spiking networks in floating point (binary64): the model
 * ({@link eligo.core.snn.SnnConfig}, {@link eligo.core.snn.SnnParameters},
 * {@link eligo.core.snn.RecurrentSnn}), its simulator ({@link eligo.core.snn.SnnRunner}) and
 * the learning rules that train it ({@link eligo.core.snn.Bptt}, {@link eligo.core.snn.Eprop}).
 *
 * <p>Threading: configurations and rules are immutable; runners and learners are owned by one
 * thread; parameters are read concurrently during a batch and written only between batches.
 */
package eligo.core.snn;
