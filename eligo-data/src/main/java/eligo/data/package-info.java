/**
 * Tasks and data sets for eligo. Readers throw {@link eligo.data.DataFileException} with a
 * message naming the file and the problem; generators are seeded and reproducible.
 */
package eligo.data;
