package eligo.chip;

/**
 * The LFSR modules of the ReckOn RTL (spec §1.8): length L, tap a, output width W and the
 * permutation of seed bits into the first L stream bits.
 */
enum LfsrKind {
  /** Input- and recurrent-weight update randomness: 512 bits per row write. */
  WINP_WREC(25, 3, 512, null),
  /** Output-weight update randomness: 448 bits per row write. */
  WOUT(22, 1, 448, null),
  /** Stochastic rounding of membranes and input/recurrent traces: 15 bits. */
  NEUR(15, 1, 15, null),
  /** Stochastic rounding of output traces and output membranes: 7 bits. */
  ONEUR(15, 1, 7, new int[] {0, 1, 3, 5, 7, 9, 11, 13, 2, 4, 6, 8, 10, 12, 14}),
  /** Neuron noise: 32 bits. */
  NOISE(17, 3, 32, null);

  final int length;
  final int tap;
  final int width;
  final int[] perm;

  LfsrKind(int length, int tap, int width, int[] perm) {
    this.length = length;
    this.tap = tap;
    this.width = width;
    this.perm = perm;
  }

  Lfsr create(String name, long seed) {
    return new Lfsr(name, length, tap, width, perm, seed);
  }
}
