/**
 * The Neuromorphic Intermediate Representation (NIR; Pedersen et al., Nature Communications
 * 2024): graphs of {@code Input}, {@code Affine}, {@code Linear}, {@code LIF}, {@code CubaLIF},
 * {@code LI} and {@code Output} nodes read from and written to NIR's HDF5 layout
 * ({@link NirFile}), simulated step by step ({@link NirSimulator}), and converted to and from
 * eligo's recurrent networks ({@link NirNetworks}). Time constants are in seconds, as the
 * reference library writes them.
 */
package eligo.data.nir;
