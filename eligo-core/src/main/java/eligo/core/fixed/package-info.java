/**
 * Fixed-point number formats for the fixed-point engine: {@link eligo.core.fixed.FixedPoint}
 * (bit widths, ranges, rounding and update modes). Immutable.
 */
package eligo.core.fixed;
