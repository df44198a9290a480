/** Optimizers: {@link eligo.core.optim.Sgd} and {@link eligo.core.optim.Adam}. Not thread-safe. */
package eligo.core.optim;
