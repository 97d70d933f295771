package dev.cmsf.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tools/torchvision_encoder.py} with Debian's Python, where {@code python3-torch} and
 * {@code python3-torchvision} install (not a pyenv or virtualenv {@code python3} that may come
 * first on the PATH). Tests that need it are skipped, with the install command, only when torch
 * cannot be imported; {@code ./cmsf test} installs both packages as root.
 */
public final class TorchPython {
  /** Debian's interpreter. */
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  /** The loader the documentation shows, run from the project root (surefire's directory). */
  public static final Path TOOL = Path.of("tools", "torchvision_encoder.py");

  private static String unavailable; // null: not probed yet; "": available

  private TorchPython() {}

  /** Skips the calling test unless {@code import torch, torchvision} works. */
  public static synchronized void assumeAvailable() {
    if (unavailable == null) {
      unavailable = probe();
    }
    assumeTrue(unavailable.isEmpty(), unavailable);
  }

  private static String probe() {
    String install = "; install it with: apt-get install -y python3-torch python3-torchvision";
    if (!Files.isExecutable(PYTHON)) {
      return PYTHON + " not found" + install;
    }
    try {
      Result r = exec(List.of(PYTHON.toString(), "-c", "import torch, torchvision"));
      return r.code == 0
          ? ""
          : "python3-torch cannot be imported (" + r.err.strip() + ")" + install;
    } catch (IOException e) {
      return PYTHON + " cannot run: " + e.getMessage() + install;
    }
  }

  /** Runs the tool with {@code args}; its standard output lines (fails on a non-zero exit). */
  public static List<String> tool(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), TOOL.toString()));
    command.addAll(List.of(args));
    Result r = exec(command);
    assertThat(r.code).as("%s failed:%n%s", command, r.err).isZero();
    return r.out.lines().toList();
  }

  private record Result(int code, String out, String err) {}

  private static Result exec(List<String> command) throws IOException {
    Path out = Files.createTempFile("torch-out", ".txt");
    Path err = Files.createTempFile("torch-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      // a few images: one thread, so the test leaves the cores to whatever else runs
      builder.environment().put("OMP_NUM_THREADS", "1");
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(command + " did not finish in 5 minutes");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
