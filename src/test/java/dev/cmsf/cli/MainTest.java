package dev.cmsf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.data.FashionMnist;
import dev.cmsf.train.Checkpoint;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User mistakes on the command line: one line naming what to fix, exit code 2. */
class MainTest {
  @TempDir Path dir;
  private ConsoleCapture console;

  @BeforeEach
  void capture() {
    console = new ConsoleCapture();
  }

  @AfterEach
  void restore() {
    console.close();
  }

  private String errors() {
    return console.err();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "train --set bank_sise=8|unknown key 'bank_sise' (did you mean 'bank_size'?)",
        "train --method simclr|expected one of byol, msf, cmsf-sup, cmsf-2q, cmsf-km",
        "train --method cmsf-2q --set k_prime=3|key 'k_prime' = 3: expected at least k (5)",
        "train --label-noise 1.5|key 'label_noise' = 1.5: expected in [0, 1]",
        "train --image-size 224 --set prefetch=100|keys 'prefetch' and 'batch_size': 100"
            + " prefetched batches of 256 samples",
        "train --label-noise 0.1|only supervised methods (cmsf-sup, xent) train on labels",
        "train --method cmsf-semi|cmsf-semi needs labelled images: give --labelled FRACTION",
        "train --method cmsf-semi --labelled 0|labelled fraction 0.0: expected a number in (0, 1]",
        "train --method cmsf-semi --labelled /nonexistent/names.txt|/nonexistent/names.txt: no such"
            + " file",
        "train --method cmsf-semi --labelled 0.1 --conf-th 0|key 'conf_th' = 0.0: expected in"
            + " (0, 1]",
        "train --labelled 0.1|key 'labelled' = 0.1: only methods that train on a labelled subset"
            + " (cmsf-semi, paws) take it",
        "train --set labelled_per_batch=3|only cmsf-semi mixes labelled images into its batches",
        "train --method cmsf-semi --labelled 0.1 --set labelled_per_batch=256|key"
            + " 'labelled_per_batch' = 256: expected in [0, batch_size)",
        "train --epochs 0|key 'epochs' = 0: expected at least 1",
        "train --set k=5000|key 'k' = 5000: expected at most bank_size (4096)",
        "train --set batch_size=lots|key 'batch_size': cannot use 'lots' as an integer",
        "train --config /nonexistent/c.yaml|/nonexistent/c.yaml: config file not found",
        "train --epochs|Missing required parameter for option '--epochs'",
        "train --bogus|Unknown option: '--bogus'",
        "eval knn --run /nonexistent/run|/nonexistent/run: not a run directory (no config.yaml)",
        "eval knn --run /nonexistent --labelled 0.1|--labelled 0.1 needs --reference labelled",
        "eval knn --run /nonexistent --reference test|--reference test: expected train or labelled",
        "eval linear --run /nonexistent|/nonexistent: not a run directory (no config.yaml)",
        "eval linear --run /nonexistent --epochs 0|--epochs must be at least 1, got 0",
        "eval linear|Missing required option: '--run=DIR'",
        "bench --steps 0|--steps must be at least 1",
        "bench --input sideways|--input sideways: expected live or cached",
        "bench --set precision=fp16|key 'precision' = fp16: not supported",
        "bench --set precision=fp8|key 'precision' = fp8: expected one of",
        "bench data|bench data needs --data ROOT or --synthetic N",
        "bench data --data /nonexistent/imgs|/nonexistent/imgs: not a directory",
        "train --dataset imagefolder|--dataset imagefolder needs --data ROOT",
        "train --dataset cifar10 --data /nonexistent|/nonexistent/data_batch_1.bin: missing",
        "train --val-fraction 1|key 'val_fraction' = 1.0: expected in [0, 1)",
        "train --set channels=2|key 'channels' = 2: expected 1 (grayscale) or 3 (RGB)",
        "train --eval-resize 100 --eval-crop 200|key 'eval_crop' = 200: expected at most"
            + " eval_resize (100)",
        "report /nonexistent/run|/nonexistent/run: not a run directory (no metrics.jsonl)",
        "train --preset nope|--preset nope: unknown preset; known: ",
        "embed --run /nonexistent --out e.txt|cannot tell the format from the extension",
        "embed --run /nonexistent --out e.npy|/nonexistent: not a run directory",
        "embed --run /x --out e.npy --output head|expected backbone or projection, got 'head'",
        "search --index /nonexistent.npy --query-index 0|/nonexistent.npy: embeddings file not",
        "search --index e.npy|Error: Missing required argument (specify one of these)",
        "search --index e.npy --query-index 1 --query q.png|mutually exclusive",
        "export --run /nonexistent --out x|/nonexistent: not a run directory",
      })
  void userMistakes_exitWithCodeTwoAndOneClearLine(String args, String message) {
    int code = Main.execute(args.split(" "));

    assertThat(code).isEqualTo(2);
    assertThat(errors()).contains(message);
    assertThat(errors()).doesNotContain("\tat "); // no stack trace
  }

  /**
   * Mistakes about files and directories; {@code {dir}} is a scratch directory holding
   * {@code empty/} (no data), {@code file} (a regular file), {@code taken/} (a run) and
   * {@code fresh/} (a run without a checkpoint).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "train --data {dir}/empty|Fashion-MNIST train split not found: looked for"
            + " train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] in {dir}/empty",
        "train --out {dir}/file|--out {dir}/file: exists and is not a directory",
        "train --out {dir}/file/run|--out {dir}/file/run: cannot create it, {dir}/file is not a"
            + " directory",
        "train --out {dir}/taken|--out {dir}/taken: already holds a run; continue it with"
            + " --resume {dir}/taken or replace it with --overwrite",
        "train --set keep_checkpoints=0|key 'keep_checkpoints' = 0: expected at least 1",
        "train --set checkpoint_every=-5|key 'checkpoint_every' = -5: expected at least 0",
        "train --set keep_checkpoint=2|unknown key 'keep_checkpoint' (did you mean"
            + " 'keep_checkpoints'?)",
        "train --resume {dir}/empty|{dir}/empty: not a run directory (no config.yaml)",
        "resume {dir}/empty|{dir}/empty: not a run directory (no config.yaml)",
        "resume {dir}/taken --config {dir}/file|resuming continues a run with its own config",
        "train --resume {dir}/taken --out {dir}/x|--resume continues a run with its own config",
        "resume {dir}/taken --set batch_size=4 --set bank_size=8|key 'k' = 10 (the default of"
            + " cmsf-sup): expected at most bank_size (8)",
        "resume|Missing required parameter: 'DIR'",
      })
  void badFilesAndRuns_exitWithCodeTwoAndOneLineNamingThem(String args, String message)
      throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(dir.resolve("file"), "not a directory");
    Files.createDirectories(dir.resolve("taken/checkpoints"));
    Files.writeString(dir.resolve("taken/config.yaml"), "method: cmsf-sup\n");

    int code = Main.execute(args.replace("{dir}", dir.toString()).split(" "));

    assertThat(code).isEqualTo(2);
    assertThat(errors().strip().lines()).hasSize(message.startsWith("Missing") ? 2 : 1);
    assertThat(errors()).contains(message.replace("{dir}", dir.toString()));
    assertThat(Files.exists(dir.resolve("file/run"))).isFalse();
    assertThat(dir.resolve("taken/config.yaml")).hasContent("method: cmsf-sup");
  }

  @Test
  void resumingACheckpointOfAnotherModel_isRefusedInOneLine() throws Exception {
    assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
    Path run = dir.resolve("run");
    Files.createDirectories(run.resolve("checkpoints"));
    Files.writeString(run.resolve("config.yaml"), "limit: 64\nbatch_size: 32\nbank_size: 64\n");
    Checkpoint.State nothing =
        new Checkpoint.State() {
          @Override
          public void save(DataOutputStream out) {}

          @Override
          public void load(DataInputStream in) {}
        };
    Checkpoint.write(
        run.resolve("checkpoints/epoch-0001.ckpt"),
        new Checkpoint.Header(1, 2, "method=byol arch=resnet50"),
        nothing);

    int code = Main.execute("resume", run.toString(), "--quiet");

    assertThat(code).isEqualTo(2);
    assertThat(errors().strip().lines()).hasSize(1);
    assertThat(errors())
        .contains(
            "epoch-0001.ckpt: checkpoint of another model (method=byol arch=resnet50),"
                + " this configuration builds method=msf arch=resnet18");
  }

  @Test
  void evalLinearOnAMissingRun_printsExactlyOneLine() {
    int code = Main.execute("eval", "linear", "--run", "/nonexistent");

    assertThat(code).isEqualTo(2);
    assertThat(errors().strip().lines())
        .containsExactly("cmsf: error: /nonexistent: not a run directory (no config.yaml)");
  }

  @Test
  void missingDataDirectory_namesItAndSaysHowToGetTheData() {
    int code =
        Main.execute(
            "train",
            "--data",
            dir.resolve("nothing").toString(),
            "--out",
            dir.resolve("run").toString());

    assertThat(code).isEqualTo(2);
    assertThat(errors()).contains("nothing").contains("apt-get install dataset-fashion-mnist");
    assertThat(dir.resolve("run")).doesNotExist(); // nothing created for a run that cannot start
  }

  @Test
  void existingRun_isNeitherOverwrittenNorResumedImplicitly() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve("config.yaml"), "method: msf\n");

    int code = Main.execute("train", "--out", run.toString(), "--limit", "512");

    assertThat(code).isEqualTo(2);
    assertThat(errors()).contains("already holds a run").contains("--resume");
    assertThat(run.resolve("config.yaml")).hasContent("method: msf");
  }

  @Test
  void everyCommand_hasHelp() {
    for (String[] command :
        new String[][] {
          {"--help"},
          {"train", "--help"},
          {"eval", "knn", "--help"},
          {"eval", "linear", "--help"},
          {"demo", "--help"},
          {"bench", "--help"},
          {"bench", "data", "--help"},
          {"report", "--help"}
        }) {
      assertThat(Main.execute(command)).as(String.join(" ", command)).isZero();
    }
    assertThat(console.out())
        .contains("Usage: cmsf train")
        .contains("--resume")
        .contains("Usage: cmsf eval knn")
        .contains("Usage: cmsf eval linear")
        .contains("--augment")
        .contains("Usage: cmsf bench")
        .contains("Usage: cmsf report");
  }
}
