package eligo.data.reckon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.core.spike.Dataset;
import eligo.core.spike.SpikeSample;
import eligo.data.DataFileException;
import eligo.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the published ReckOn files from shared/data/reckon-navigation. */
final class ReckonNavigationTest {

  @Test
  void readDataset_publishedFiles_fiftyAndFiftySamples() {
    Dataset d = ReckonNavigation.readDataset(SharedData.reckonNavigation());
    assertThat(d.train()).hasSize(50);
    assertThat(d.test()).hasSize(50);
    SpikeSample first = d.train().get(0);
    assertThat(first.numSteps()).isEqualTo(2250);
    assertThat(first.numChannels()).isEqualTo(40);
    assertThat(first.targetWindow().start()).isEqualTo(2100);
    // the file's first events: "30, 8" then "34, 10"
    assertThat(first.eventsEnd(8) - first.eventsStart(8)).isEqualTo(1);
    assertThat(first.channel(first.eventsStart(8))).isEqualTo(30);
    assertThat(first.channel(first.eventsStart(10))).isEqualTo(34);
    long right = d.train().stream().filter(s -> s.label() == 1).count();
    assertThat(right).isEqualTo(28); // 28 labels '1' and 22 labels '0' in the training file
  }

  @Test
  void readWeights_publishedFiles_shapesAndZeroDiagonal() {
    ReckonNavigation.Weights w = ReckonNavigation.readWeights(SharedData.reckonNavigation());
    assertThat(w.input()).hasSize(4000);
    assertThat(w.recurrent()).hasSize(10000);
    assertThat(w.output()).hasSize(200);
    assertThat(w.input()[0]).isEqualTo(28);
    assertThat(w.input()[1]).isEqualTo(-22);
    for (int i = 0; i < 100; i++) {
      assertThat(w.recurrent()[i * 100 + i]).isZero();
    }
  }

  @Test
  void readSamples_malformedLine_namesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.dat");
    Files.writeString(f, "1\n3, 5\n4; 6\n-2, 1\n-1, 2250\n");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).isInstanceOf(DataFileException.class)
        .hasMessage(f + ":3: expected two integers 'a, b', got '4; 6'");
  }

  @Test
  void readSamples_inconsistentFiles_clearErrors(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.dat");
    Files.writeString(f, "2\n3, 5\n-2, 1\n-1, 2250\n");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).hasMessageContaining("holds 1 samples, line 1 announced 2");
    Files.writeString(f, "1\n3, 5\n-1, 2250\n");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).hasMessageContaining(":3: sample ends without a label");
    Files.writeString(f, "1\n45, 5\n");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).hasMessageContaining(":2: channel must be in [0, 39], got 45");
    Files.writeString(f, "1\n3, 5\n-2, 7\n");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).hasMessageContaining(":3: label must be 0 or 1, got 7");
    Files.writeString(f, "1\n3, 50\n3, 40\n");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).hasMessageContaining(":3: event time 40 ms is before");
    Files.writeString(f, "1\n3, 5\n-2, 1\n");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).hasMessageContaining("file ends inside a sample");
    Files.writeString(f, "");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).hasMessageContaining(":1: file is empty");
  }

  @Test
  void readSamples_missingFile_namesIt(@TempDir Path dir) {
    Path f = dir.resolve("none.dat");
    assertThatThrownBy(() -> ReckonNavigation.readSamples(f)).isInstanceOf(DataFileException.class)
        .hasMessage(f + ": file not found");
  }

  @Test
  void readWeights_wrongCount_namesFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("w.dat");
    Files.writeString(f, "1\n2\n");
    assertThatThrownBy(() -> ReckonNavigation.readInts(f, 3)).hasMessage(f + ": holds 2 weights, expected 3");
    Files.writeString(f, "1\n200\n3\n");
    assertThatThrownBy(() -> ReckonNavigation.readInts(f, 3)).hasMessage(f + ":2: weight must be in [-128, 127], got 200");
  }
}
