package eligo.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MachineTest {

  @Test
  void cpuModel_firstCpusNameWithFamilyAndModel(@TempDir Path dir) throws IOException {
    // the first two CPUs of session 18's /proc/cpuinfo, shortened
    Path f = dir.resolve("cpuinfo");
    Files.writeString(f, """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        cpu family\t: 25
        model\t\t: 17
        model name\t: AMD EPYC
        stepping\t: 1

        processor\t: 1
        vendor_id\t: AuthenticAMD
        cpu family\t: 26
        model\t\t: 2
        model name\t: Another CPU
        """);
    assertThat(Machine.cpuModel(f)).isEqualTo("AMD EPYC (family 25, model 17)");
  }

  @Test
  void cpuModel_noModelNameOrNoFile_isTheArchitecture(@TempDir Path dir) throws IOException {
    // ARM kernels list no "model name"
    Path f = dir.resolve("cpuinfo");
    Files.writeString(f, "processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n");
    assertThat(Machine.cpuModel(f)).isEqualTo(System.getProperty("os.arch"));
    assertThat(Machine.cpuModel(dir.resolve("missing"))).isEqualTo(System.getProperty("os.arch"));
  }

  @Test
  void describe_hasTheFourFields() {
    assertThat(Machine.describe()).containsOnlyKeys("cpu_model", "logical_cpus", "java_version", "os");
    assertThat(Machine.describe().get("logical_cpus")).isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}
