/** Readers for the files published with the ReckOn processor: {@link eligo.data.reckon.ReckonNavigation}. */
package eligo.data.reckon;
