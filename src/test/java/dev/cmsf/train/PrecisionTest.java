package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionTest {
  @TempDir Path dir;

  @Test
  void bf16_warnsOnlyWhenTheCpuLacksNativeBf16() throws Exception {
    Path amx = Files.writeString(dir.resolve("amx"), "flags\t: fpu avx512f avx512_bf16 amx_bf16\n");
    Path old = Files.writeString(dir.resolve("old"), "flags\t: fpu sse4_2 avx2 avx512f\n");
    assertThat(Precision.warnWithoutNativeBf16(amx)).isFalse();
    assertThat(Precision.warnWithoutNativeBf16(old)).isTrue();
    assertThat(Precision.warnWithoutNativeBf16(dir.resolve("missing"))).isFalse();
  }

  @Test
  void fp16AndUnknownValues_areRefusedWithTheKeyNamed() {
    Precision.require("fp32");
    Precision.require("bf16");
    assertThatThrownBy(() -> Precision.require("fp16"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("key 'precision' = fp16: not supported");
    assertThatThrownBy(() -> Precision.require("int8"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("int8");
  }

  @Test
  void auto_isBf16OnlyOnACpuWithNativeBf16() throws Exception {
    Path amx = Files.writeString(dir.resolve("amx"), "flags\t: fpu avx512f avx512_bf16\n");
    Path old = Files.writeString(dir.resolve("old"), "flags\t: fpu sse4_2 avx2 avx512f\n");
    assertThat(Precision.hasNativeBf16(amx)).isTrue();
    assertThat(Precision.hasNativeBf16(old)).isFalse();
    assertThat(Precision.hasNativeBf16(dir.resolve("missing"))).isFalse();
    String expected = Precision.hasNativeBf16(Path.of("/proc/cpuinfo")) ? "bf16" : "fp32";
    assertThat(Precision.resolve("auto", ai.djl.Device.cpu())).isEqualTo(expected);
    assertThat(Precision.resolve("auto", ai.djl.Device.gpu())).isEqualTo("fp32");
    assertThat(Precision.resolve("fp32", ai.djl.Device.cpu())).isEqualTo("fp32");
    assertThat(Precision.resolve("bf16", ai.djl.Device.gpu())).isEqualTo("bf16");
  }
}
