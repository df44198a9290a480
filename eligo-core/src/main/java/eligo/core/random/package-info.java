/**
 * Seeded, derivable randomness. Every random choice in eligo (initial weights, data
 * generation, shuffling, stochastic rounding) draws from an {@link eligo.core.random.Rng}
 * derived from the run seed and a key naming the work, so one seed reproduces a run bit for
 * bit at any thread count.
 */
package eligo.core.random;
