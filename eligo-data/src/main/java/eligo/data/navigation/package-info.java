/** The delayed cue-accumulation (navigation) task: {@link eligo.data.navigation.NavigationTask}. */
package eligo.data.navigation;
