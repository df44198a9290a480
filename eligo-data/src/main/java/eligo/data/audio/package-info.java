/**
 * Sound to spikes: a WAVE reader, a cochlea model (filterbank, hair cells, bushy cells) and the
 * spoken-digit data set synthesized with espeak-ng.
 */
package eligo.data.audio;
