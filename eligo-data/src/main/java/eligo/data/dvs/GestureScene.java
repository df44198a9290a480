package eligo.data.dvs;

import eligo.core.random.Rng;

/**
 * A person in front of a DVS performing arm gestures, drawn as intensity frames.
 *
 * <p>The figure faces the sensor: a head, a torso and two arms of two segments each (upper arm and
 * forearm, elbow placed by two-link inverse kinematics) with round hands, darker than a textured
 * static background; edges are anti-aliased over one pixel, so moving edges change intensity
 * gradually as in a real image. Only the arms move. Each gesture is a hand trajectory; the
 * figure's right arm is on the image's left. Between gestures both arms hang at rest, and each
 * gesture blends in from and out to rest over {@link #RAMP_S}.
 *
 * <p>A {@link Subject} varies size, position, speed, phase, contrast and background texture.
 */
public final class GestureScene {

  /** The synthetic gestures, in class order. */
  public static final java.util.List<String> CLASSES = java.util.List.of("hand clap",
      "right hand wave", "left hand wave", "right arm clockwise", "right arm counter-clockwise",
      "left arm clockwise", "left arm counter-clockwise", "arm roll", "air drums", "air guitar");

  /** Seconds to blend from rest into a gesture and back. */
  public static final double RAMP_S = 0.2;

  /**
   * How one person looks and moves.
   *
   * @param scale body size factor
   * @param cx body centre x, pixels
   * @param cy body centre y, pixels
   * @param speed movement speed factor (1: about 1.1 cycles per second)
   * @param body intensity of the figure
   * @param background mean intensity of the background
   * @param textureX background texture frequency in x
   * @param textureY background texture frequency in y
   * @param phase start phase of the movements
   */
  public record Subject(double scale, double cx, double cy, double speed, double body,
      double background, double textureX, double textureY, double phase) {

    /** A random subject (every field drawn from {@code rng}). */
    public static Subject random(Rng rng) {
      return new Subject(0.85 + 0.3 * rng.nextDouble(), 64 + 16 * (rng.nextDouble() - 0.5),
          72 + 12 * (rng.nextDouble() - 0.5), 0.75 + 0.55 * rng.nextDouble(),
          0.12 + 0.12 * rng.nextDouble(), 0.45 + 0.2 * rng.nextDouble(),
          0.15 + 0.2 * rng.nextDouble(), 0.15 + 0.2 * rng.nextDouble(), 2 * Math.PI * rng.nextDouble());
    }
  }

  private final Subject s;
  private final int w;
  private final int h;
  /** Segments to draw: x0, y0, x1, y1, radius (a hand is a zero-length segment). */
  private final double[] seg = new double[8 * 5];
  private int nSeg;
  private final double[] hand = new double[4];
  /** The static background, drawn once. */
  private double[] background;

  /** A scene of {@code width} × {@code height} pixels with {@code subject}. */
  public GestureScene(Subject subject, int width, int height) {
    this.s = subject;
    this.w = width;
    this.h = height;
  }

  /**
   * Draws the frame at {@code t} seconds into a gesture of class {@code gesture} that lasts
   * {@code duration} seconds ({@code gesture} −1: at rest), into {@code out} (row-major).
   */
  public void draw(int gesture, double t, double duration, double[] out) {
    double k = s.scale();
    double rx = s.cx() - 14 * k;
    double lx = s.cx() + 14 * k;
    double sy = s.cy() - 24 * k;
    // rest: hands hang beside the hips
    double restRx = rx - 4 * k;
    double restLx = lx + 4 * k;
    double restY = sy + 40 * k;
    hand[0] = restRx;
    hand[1] = restY;
    hand[2] = restLx;
    hand[3] = restY;
    if (gesture >= 0) {
      double ramp = Math.min(1, Math.min(t / RAMP_S, (duration - t) / RAMP_S));
      ramp = Math.max(0, ramp);
      double phi = 2 * Math.PI * 1.1 * s.speed() * t + s.phase();
      double[] g = gestureHands(gesture, phi, k, rx, lx, sy);
      for (int i = 0; i < 4; i++) {
        double rest = i % 2 == 0 ? (i == 0 ? restRx : restLx) : restY;
        hand[i] = rest + ramp * (g[i] - rest);
      }
    }
    nSeg = 0;
    // torso as a thick vertical segment, head as a disc
    add(s.cx(), s.cy() - 16 * k, s.cx(), s.cy() + 22 * k, 14 * k);
    add(s.cx(), s.cy() - 40 * k, s.cx(), s.cy() - 40 * k, 9 * k);
    arm(rx, sy, hand[0], hand[1], k, +1);
    arm(lx, sy, hand[2], hand[3], k, -1);
    render(out);
  }

  /** Hand positions (right x, right y, left x, left y) of a gesture at phase phi. */
  private double[] gestureHands(int g, double phi, double k, double rx, double lx, double sy) {
    double cx = s.cx();
    double cy = s.cy();
    double c = Math.cos(phi);
    double sn = Math.sin(phi);
    double restRx = rx - 4 * k;
    double restLx = lx + 4 * k;
    double restY = sy + 40 * k;
    return switch (g) {
      case 0 -> { // clap: hands meet in front of the chest
        double off = (3 + 16 * (1 + c) / 2) * k;
        yield new double[] {cx - off, cy - 10 * k, cx + off, cy - 10 * k};
      }
      case 1 -> new double[] {rx - 12 * k + 12 * k * sn, sy - 30 * k, restLx, restY};
      case 2 -> new double[] {restRx, restY, lx + 12 * k + 12 * k * sn, sy - 30 * k};
      case 3 -> new double[] {rx - 16 * k + 16 * k * c, sy - 4 * k + 16 * k * sn, restLx, restY};
      case 4 -> new double[] {rx - 16 * k + 16 * k * c, sy - 4 * k - 16 * k * sn, restLx, restY};
      case 5 -> new double[] {restRx, restY, lx + 16 * k - 16 * k * c, sy - 4 * k + 16 * k * sn};
      case 6 -> new double[] {restRx, restY, lx + 16 * k - 16 * k * c, sy - 4 * k - 16 * k * sn};
      case 7 -> { // arm roll: forearms circle around each other in front of the chest
        double r = 7 * k;
        yield new double[] {cx - 6 * k + r * c, cy - 4 * k + r * sn, cx + 6 * k - r * c, cy - 4 * k - r * sn};
      }
      case 8 -> new double[] {cx - 14 * k, cy + 2 * k + 9 * k * sn, cx + 14 * k, cy + 2 * k - 9 * k * sn};
      case 9 -> { // air guitar: right hand strums fast at the hip, left hand holds the neck
        double strum = Math.sin(2 * phi);
        yield new double[] {cx - 4 * k + 2 * k * strum, cy + 10 * k + 8 * k * strum,
            cx + 32 * k + 2 * k * sn, cy - 14 * k + 2 * k * c};
      }
      default -> throw new IllegalArgumentException("gesture must be 0.." + (CLASSES.size() - 1) + ", got " + g);
    };
  }

  /** Upper arm and forearm from the shoulder to the hand; the elbow bends outwards. */
  private void arm(double sx, double sy, double hx, double hy, double k, int side) {
    double upper = 22 * k;
    double fore = 22 * k;
    double dx = hx - sx;
    double dy = hy - sy;
    double d = Math.max(1e-6, Math.min(Math.hypot(dx, dy), (upper + fore) * 0.999));
    double cosA = (upper * upper + d * d - fore * fore) / (2 * upper * d);
    double a = Math.acos(Math.max(-1, Math.min(1, cosA))) * side;
    double dir = Math.atan2(dy, dx);
    double ex = sx + upper * Math.cos(dir + a);
    double ey = sy + upper * Math.sin(dir + a);
    add(sx, sy, ex, ey, 4 * k);
    add(ex, ey, hx, hy, 3.5 * k);
    add(hx, hy, hx, hy, 5 * k);
  }

  private void add(double x0, double y0, double x1, double y1, double r) {
    int o = 5 * nSeg++;
    seg[o] = x0;
    seg[o + 1] = y0;
    seg[o + 2] = x1;
    seg[o + 3] = y1;
    seg[o + 4] = r;
  }

  private void render(double[] out) {
    if (background == null) {
      background = new double[w * h];
      for (int y = 0; y < h; y++) {
        double ty = Math.cos(y * s.textureY());
        for (int x = 0; x < w; x++) {
          background[y * w + x] = s.background() * (1 + 0.25 * Math.sin(x * s.textureX()) * ty);
        }
      }
    }
    System.arraycopy(background, 0, out, 0, out.length);
    // only the figure's bounding box needs the distance tests
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int q = 0; q < nSeg; q++) {
      int o = 5 * q;
      double r = seg[o + 4] + 1;
      minX = Math.min(minX, Math.min(seg[o], seg[o + 2]) - r);
      maxX = Math.max(maxX, Math.max(seg[o], seg[o + 2]) + r);
      minY = Math.min(minY, Math.min(seg[o + 1], seg[o + 3]) - r);
      maxY = Math.max(maxY, Math.max(seg[o + 1], seg[o + 3]) + r);
    }
    int x0 = Math.max(0, (int) Math.floor(minX));
    int x1 = Math.min(w - 1, (int) Math.ceil(maxX));
    int y0 = Math.max(0, (int) Math.floor(minY));
    int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double bg = background[y * w + x];
        // coverage of the figure: 1 inside, 0 outside, linear across a one-pixel edge
        double cover = 0;
        for (int q = 0; q < nSeg && cover < 1; q++) {
          int o = 5 * q;
          double dist = distance(x + 0.5, y + 0.5, seg[o], seg[o + 1], seg[o + 2], seg[o + 3]);
          double cq = seg[o + 4] - dist + 0.5;
          if (cq > cover) {
            cover = Math.min(1, cq);
          }
        }
        out[y * w + x] = bg + cover * (s.body() - bg);
      }
    }
  }

  private static double distance(double px, double py, double x0, double y0, double x1, double y1) {
    double vx = x1 - x0;
    double vy = y1 - y0;
    double len2 = vx * vx + vy * vy;
    double u = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * vx + (py - y0) * vy) / len2));
    double dx = px - x0 - u * vx;
    double dy = py - y0 - u * vy;
    return Math.sqrt(dx * dx + dy * dy);
  }
}
