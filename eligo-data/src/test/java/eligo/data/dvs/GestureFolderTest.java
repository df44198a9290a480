package eligo.data.dvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eligo.data.DataFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GestureFolderTest {

  @Test
  void labels_dvsGestureCsv_zeroBasedClasses(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("user01_led_labels.csv");
    Files.writeString(csv, "class,startTime_usec,endTime_usec\n1,80048239,85092709\n11,85092710,91000000\n");
    assertThat(GestureFolder.labels(csv)).containsExactly(new GestureFolder.Segment(0, 80048239, 85092709),
        new GestureFolder.Segment(10, 85092710, 91000000));
  }

  @Test
  void labels_badRows_nameLineAndProblem(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("l.csv");
    Files.writeString(csv, "class,startTime_usec,endTime_usec\n1,5,3\n");
    assertThatThrownBy(() -> GestureFolder.labels(csv)).isInstanceOf(DataFileException.class)
        .hasMessageContaining("l.csv:2:").hasMessageContaining("empty or negative");
    Files.writeString(csv, "class,start,end\n");
    assertThatThrownBy(() -> GestureFolder.labels(csv)).hasMessageContaining("l.csv:1: header must be");
    Files.writeString(csv, "1,2\n");
    assertThatThrownBy(() -> GestureFolder.labels(csv)).hasMessageContaining("l.csv:1: expected 3 fields");
    Files.writeString(csv, "1,x,9\n");
    assertThatThrownBy(() -> GestureFolder.labels(csv)).hasMessageContaining("must be integers");
  }

  @Test
  void trials_missingList_namesIt(@TempDir Path dir) {
    assertThatThrownBy(() -> GestureFolder.trials(dir, false)).isInstanceOf(DataFileException.class)
        .hasMessageContaining("trials_to_train.txt: file not found");
  }
}
