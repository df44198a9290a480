/**
 * Biological learning rules: pair STDP with traces (additive and weight-dependent), SDSP in
 * ODIN's 3-bit digital form, and reward-modulated three-factor STDP.
 */
package eligo.core.bio;
