/**
 * Event cameras: the AEDAT 3.1 reader and writer, DVS128 Gesture folders, a DVS emulator, and
 * gestures rendered offline and recorded through it.
 */
package eligo.data.dvs;
