/**
 * The Spiking Heidelberg Digits: {@link eligo.data.shd.ShdFile} reads the published HDF5
 * layout; {@link eligo.data.shd.ShdTask} bins and pools it into a data set.
 */
package eligo.data.shd;
