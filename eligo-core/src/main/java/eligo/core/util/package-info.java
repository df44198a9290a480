/** Small shared helpers: argument checks with messages that name the value. */
package eligo.core.util;
