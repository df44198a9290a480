/**
 * What learning costs: memory formulas per rule ({@link eligo.core.cost.MemoryModel}),
 * operation counts ({@link eligo.core.cost.OpCounts}) and energy tables
 * ({@link eligo.core.cost.EnergyTable}). Records are immutable; {@code OpCounts} is mutable and
 * owned by one thread.
 */
package eligo.core.cost;
