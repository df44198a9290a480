/**
 * Mini-batch training and evaluation, parallel over samples with a deterministic reduction:
 * {@link eligo.core.train.Trainer}.
 */
package eligo.core.train;
