package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cmsf.augment.Grayscale;
import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.Views;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders of real JPEG, PNG, BMP and GIF files written by the test. */
class ImageFolderTest {

  @TempDir Path root;
  private final List<String> warnings = new ArrayList<>();
  private final SkippedImages skipped = new SkippedImages(warnings::add);

  private List<ImageDataset> open(Path dir, int channels, boolean strict) {
    return open(dir, channels, strict, 0.0, 0, 0);
  }

  private List<ImageDataset> open(
      Path dir, int channels, boolean strict, double valFraction, int subset, long seed) {
    DataSplits splits =
        DataSplits.open(
            new DataSource(
                "imagefolder", dir, channels, 16, valFraction, subset, strict, seed, skipped));
    return List.of(splits.train(), splits.test());
  }

  private static Pixels read(ImageDataset ds, int index) {
    return ds.read(index, new Pixels());
  }

  @Test
  void classes_areSortedByNameAsTorchvision_andOnlyVisibleImageFilesCount() {
    Path train = root.resolve("train");
    ImageFiles.jpeg(train.resolve("b_dog/1.jpg"), 20, 10, 1);
    ImageFiles.jpeg(train.resolve("b_dog/nested/2.JPEG"), 20, 10, 2);
    ImageFiles.write(ImageFiles.rgbImage(8, 8, 3), "png", train.resolve("a_cat/x.Png"));
    ImageFiles.write(ImageFiles.rgbImage(8, 8, 4), "bmp", train.resolve("Zebra/z.bmp"));
    ImageFiles.write(ImageFiles.paletted(8, 8), "gif", train.resolve("Zebra/y.GIF"));
    ImageFiles.jpeg(train.resolve("a_cat/.hidden.jpg"), 8, 8, 5);
    ImageFiles.jpeg(train.resolve("a_cat/.thumbs/t.jpg"), 8, 8, 6);
    ImageFiles.bytes(train.resolve("a_cat/notes.txt"), "not an image".getBytes());
    ImageFiles.jpeg(train.resolve(".trash/old.jpg"), 8, 8, 7);
    ImageFiles.jpeg(root.resolve("val/a_cat/v.jpg"), 8, 8, 8);

    ImageFolder trainSet = (ImageFolder) open(root, 3, true).get(0);

    // Python's sorted(): upper case before lower case.
    assertThat(trainSet.classNames()).containsExactly("Zebra", "a_cat", "b_dog");
    assertThat(
            IntStream.range(0, trainSet.size())
                .mapToObj(i -> trainSet.label(i) + " " + root.relativize(trainSet.file(i))))
        .containsExactly(
            "0 train/Zebra/y.GIF",
            "0 train/Zebra/z.bmp",
            "1 train/a_cat/x.Png",
            "2 train/b_dog/1.jpg",
            "2 train/b_dog/nested/2.JPEG");
    assertThat(trainSet.name(4)).isEqualTo("train/b_dog/nested/2.JPEG");
    assertThat(read(trainSet, 3).width()).isEqualTo(20); // decoded at its own size
    assertThat(read(trainSet, 3).height()).isEqualTo(10);
  }

  @Test
  void everyMode_isConvertedToTheConfiguredChannels() {
    Path cls = root.resolve("train/c");
    ImageFiles.write(ImageFiles.rgbImage(6, 5, 2), "png", cls.resolve("a-rgb.png"));
    ImageFiles.write(ImageFiles.gray8(6, 5), "png", cls.resolve("b-gray.png"));
    ImageFiles.write(ImageFiles.gray16(6, 5), "png", cls.resolve("c-gray16.png"));
    ImageFiles.write(ImageFiles.paletted(6, 5), "png", cls.resolve("d-palette.png"));
    ImageFiles.jpeg(root.resolve("val/c/v.jpg"), 8, 8, 1);

    ImageDataset rgb = open(root, 3, true).get(0);
    ImageDataset gray = open(root, 1, true).get(0);

    int x = 4;
    int y = 3;
    int p = y * 6 + x;
    int plane = 30;
    int[] c = ImageFiles.rgb(x, y, 2);
    assertThat(pixel(read(rgb, 0), p, plane))
        .containsExactly(c[0] / 255f, c[1] / 255f, c[2] / 255f);
    assertThat(read(gray, 0).data()[p])
        .isCloseTo(Grayscale.luma(c[0] / 255f, c[1] / 255f, c[2] / 255f), within(1e-6f));
    float level = ((x * 9 + y * 3) & 0xff) / 255f; // as stored, not through linear gray
    assertThat(pixel(read(rgb, 1), p, plane)).containsExactly(level, level, level);
    assertThat(read(gray, 1).data()[p]).isEqualTo(level);
    float deep = (x * 1000 + y) / 65535f;
    assertThat(pixel(read(rgb, 2), p, plane)).containsExactly(deep, deep, deep);
    int[] entry = ImageFiles.PALETTE[(x + y) % 4];
    assertThat(pixel(read(rgb, 3), p, plane))
        .containsExactly(entry[0] / 255f, entry[1] / 255f, entry[2] / 255f);
    assertThat(read(gray, 3).channels()).isEqualTo(1);
  }

  private static float[] pixel(Pixels image, int p, int plane) {
    assertThat(image.channels()).isEqualTo(3);
    return new float[] {image.data()[p], image.data()[plane + p], image.data()[2 * plane + p]};
  }

  @Test
  void brokenImages_areSkippedCountedAndNamed_orAbortWhenStrict() {
    Path cls = root.resolve("train/c");
    ImageFiles.jpeg(cls.resolve("a-good.jpg"), 30, 20, 1);
    Path truncated = ImageFiles.truncatedJpeg(cls.resolve("b-truncated.jpg"), 400);
    Path noise =
        ImageFiles.bytes(
            cls.resolve("c-noise.png"), "garbage".repeat(50).getBytes(StandardCharsets.US_ASCII));
    Path empty = ImageFiles.bytes(cls.resolve("d-empty.jpg"), new byte[0]);
    ImageFiles.jpeg(cls.resolve("e-good.jpg"), 12, 24, 2);
    ImageFiles.jpeg(root.resolve("val/c/v.jpg"), 8, 8, 1);
    ImageDataset lenient = open(root, 3, false).get(0);

    for (int i = 0; i < lenient.size(); i++) {
      read(lenient, i);
    }

    // Each broken file is replaced by the next readable image of its class.
    assertThat(read(lenient, 1).width()).isEqualTo(12);
    assertThat(read(lenient, 3).width()).isEqualTo(12);
    assertThat(skipped.files()).containsExactly(truncated, noise, empty);
    assertThat(warnings).hasSize(3); // once per file, however often it is met
    assertThat(warnings.get(2)).contains(empty.toString()).contains("3 skipped");
    // Strict: the first pass over the images (the normalisation statistics) already aborts.
    assertThatThrownBy(() -> open(root, 3, true))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(truncated.toString())
        .hasMessageContaining("--strict");
  }

  @Test
  void aClassOfOnlyBrokenImages_stopsWithAMessageNamingIt() {
    ImageFiles.bytes(root.resolve("train/bad/x.jpg"), new byte[] {1, 2, 3});
    ImageFiles.jpeg(root.resolve("train/good/y.jpg"), 8, 8, 1);
    ImageFiles.jpeg(root.resolve("val/good/v.jpg"), 8, 8, 1);

    ImageDataset train =
        new ImageFolder(
            root,
            List.of(root.resolve("train/bad/x.jpg")),
            new int[] {0},
            List.of("bad"),
            new ImageDecoder(3),
            16,
            false,
            skipped);

    assertThatThrownBy(() -> read(train, 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("every image of class 'bad' is unreadable");
  }

  @Test
  void batches_areIdenticalForOneAndThreeWorkers() {
    for (int i = 0; i < 12; i++) {
      ImageFiles.jpeg(root.resolve("train/c" + i % 3 + "/" + i + ".jpg"), 40 + i, 30 + 2 * i, i);
    }
    ImageFiles.jpeg(root.resolve("val/c0/v.jpg"), 8, 8, 1);
    ImageDataset train = open(root, 3, true).get(0);
    ViewSpec spec =
        ViewSpec.defaults(24, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
    List<dev.cmsf.augment.ViewTransform> views = List.of(Views.strong(spec), Views.weak(spec));

    List<Batch> one = load(train, views, 1);
    List<Batch> three = load(train, views, 3);

    assertThat(one).hasSize(3);
    for (int b = 0; b < one.size(); b++) {
      assertThat(three.get(b).indices()).isEqualTo(one.get(b).indices());
      assertThat(three.get(b).views()[0]).isEqualTo(one.get(b).views()[0]);
      assertThat(three.get(b).views()[1]).isEqualTo(one.get(b).views()[1]);
    }
  }

  private static List<Batch> load(
      ImageDataset ds, List<dev.cmsf.augment.ViewTransform> views, int workers) {
    List<Batch> batches = new ArrayList<>();
    try (BatchLoader loader =
        BatchLoader.builder(ds, views, 4)
            .order(EpochOrder.permutation(ds.size(), 7, 1))
            .seed(7)
            .epoch(1)
            .workers(workers)
            .prefetch(2)
            .build()) {
      loader.forEach(batches::add);
    }
    return batches;
  }

  @Test
  void flatFolder_isSplitPerClassBySeed() {
    for (int i = 0; i < 20; i++) {
      ImageFiles.write(
          ImageFiles.rgbImage(4, 4, i),
          "png",
          root.resolve((i < 12 ? "a" : "b") + "/" + i + ".png"));
    }

    List<ImageDataset> split = open(root, 3, true, 0.25, 0, 1);
    List<ImageDataset> again = open(root, 3, true, 0.25, 0, 1);
    List<ImageDataset> other = open(root, 3, true, 0.25, 0, 2);

    assertThat(labels(split.get(1))).containsExactly(0, 0, 0, 1, 1); // 3 of 12, 2 of 8
    assertThat(labels(split.get(0))).hasSize(15);
    List<Path> val = files(split.get(1));
    assertThat(files(split.get(0))).doesNotContainAnyElementsOf(val);
    assertThat(files(again.get(1))).isEqualTo(val);
    assertThat(files(other.get(1))).isNotEqualTo(val);
  }

  @Test
  void subsetClasses_keepsSeededClassesInBothSplits_numberedFromZero() {
    for (int c = 0; c < 5; c++) {
      ImageFiles.jpeg(root.resolve("train/k" + c + "/t.jpg"), 8, 8, c);
      ImageFiles.jpeg(root.resolve("val/k" + c + "/v.jpg"), 8, 8, c);
    }

    List<ImageDataset> subset = open(root, 3, true, 0, 2, 5);
    List<ImageDataset> same = open(root, 3, true, 0, 2, 5);

    assertThat(subset.get(0).classNames()).hasSize(2).isEqualTo(same.get(0).classNames());
    assertThat(subset.get(1).classNames()).isEqualTo(subset.get(0).classNames());
    assertThat(labels(subset.get(0))).containsExactly(0, 1);
    assertThat(labels(subset.get(1))).containsExactly(0, 1);
    assertThat(subset.get(0).classNames())
        .isSortedAccordingTo(String::compareTo) // kept in the data set's class order
        .allMatch(name -> name.startsWith("k"));
    assertThatThrownBy(() -> open(root, 3, true, 0, 6, 5))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("--subset-classes 6: the data set has only 5 classes");
  }

  @Test
  void layoutMistakes_sayWhatIsExpected() {
    ImageFiles.jpeg(root.resolve("train/a/t.jpg"), 8, 8, 1);
    assertThatThrownBy(() -> open(root, 3, true))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("has train/ but no val/ folder");
    ImageFiles.jpeg(root.resolve("val/zz/v.jpg"), 8, 8, 1);
    assertThatThrownBy(() -> open(root, 3, true))
        .hasMessageContaining("class 'zz' is not a class of the train/ folder");
    Path flat = root.resolve("flat");
    ImageFiles.jpeg(flat.resolve("a/t.jpg"), 8, 8, 1);
    assertThatThrownBy(() -> open(flat, 3, true)).hasMessageContaining("pass --val-fraction F");
    ImageFiles.bytes(flat.resolve("b/readme.txt"), new byte[] {1});
    assertThatThrownBy(() -> open(flat, 3, true, 0.5, 0, 0))
        .hasMessageContaining("b: no image files");
  }

  private static List<Integer> labels(ImageDataset ds) {
    return IntStream.range(0, ds.size()).map(ds::label).boxed().toList();
  }

  private static List<Path> files(ImageDataset ds) {
    return IntStream.range(0, ds.size()).mapToObj(i -> ((ImageFolder) ds).file(i)).toList();
  }
}
