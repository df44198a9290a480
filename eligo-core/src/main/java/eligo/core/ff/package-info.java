/**
 * Feedforward networks and the rules that free backpropagation's constraints step by step: BP,
 * feedback alignment, direct feedback alignment, sign-DFA, direct random target projection, and
 * shallow learning as the floor.
 */
package eligo.core.ff;
