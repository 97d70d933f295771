package dev.cmsf.inspect;

import dev.cmsf.data.ImageDataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link QueryNeighbours} as a PNG grid, like the neighbour figures of the CMSF paper:
 * row 1 the query, row 2 its unconstrained neighbours, row 3 its constrained neighbours. Under
 * each neighbour: its class, its rank in unconstrained distance order and its squared distance;
 * a green border when its class is the query's, red otherwise.
 *
 * <p>Images are upscaled by an integer factor with nearest-neighbour sampling, so the pixels
 * the network saw stay visible.
 */
public final class NeighbourGrid {
  // Layout in pixels; the test recomputes the image size from these.
  static final int MARGIN = 12;
  static final int TITLE_HEIGHT = 46;
  static final int LABEL_WIDTH = 130;
  static final int BORDER = 3;
  static final int GAP = 10;
  static final int TEXT_HEIGHT = 46;

  /** Tiles are scaled up to about this many pixels (at least 1x). */
  static final int TARGET_TILE = 112;

  private static final int LINE = 14;
  private static final Color MATCH = new Color(0, 150, 60);
  private static final Color MISMATCH = new Color(210, 30, 30);
  private static final Color NEUTRAL = new Color(60, 60, 60);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private NeighbourGrid() {}

  /** Integer upscaling factor of images of the given size. */
  static int scale(int height, int width) {
    return Math.max(1, TARGET_TILE / Math.max(height, width));
  }

  /**
   * Renders the grid.
   *
   * @param result the neighbours to draw
   * @param images the run's training images (what the bank's image indices point into)
   * @param runName shown in the title
   */
  public static BufferedImage render(QueryNeighbours result, ImageDataset images, String runName) {
    int scale = scale(images.height(), images.width());
    int tileW = images.width() * scale;
    int tileH = images.height() * scale;
    int cellW = tileW + 2 * BORDER + GAP;
    int rowH = tileH + 2 * BORDER + TEXT_HEIGHT + GAP;
    int width = 2 * MARGIN + LABEL_WIDTH + result.k() * cellW;
    int height = 2 * MARGIN + TITLE_HEIGHT + 3 * rowH;
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      List<String> classes = images.classNames();
      drawTitle(g, result, runName, className(classes, result.queryClass()), width);
      Painter painter = new Painter(g, images, classes, tileW, tileH, cellW);
      int top = MARGIN + TITLE_HEIGHT;
      int left = MARGIN + LABEL_WIDTH;
      painter.rowLabel(top, "query");
      painter.tile(
          left,
          top,
          result.query(),
          NEUTRAL,
          className(classes, result.queryClass()),
          "image #" + result.query(),
          "");
      String k = "top " + result.k();
      painter.rowLabel(top + rowH, "unconstrained", k);
      painter.neighbours(left, top + rowH, result.unconstrained(), result.queryClass());
      painter.rowLabel(
          top + 2 * rowH, "constrained", result.constrainedMethod() ? k : "(= unconstrained)");
      painter.neighbours(left, top + 2 * rowH, result.constrained(), result.queryClass());
    } finally {
      g.dispose();
    }
    return canvas;
  }

  /**
   * Renders the grid into a PNG file, creating its directory.
   *
   * @return {@code out}
   */
  public static Path write(QueryNeighbours result, ImageDataset images, String runName, Path out)
      throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(render(result, images, runName), "png", out.toFile())) {
      throw new IOException("no PNG writer available");
    }
    return out;
  }

  private static void drawTitle(
      Graphics2D g, QueryNeighbours result, String runName, String queryClass, int width) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    String title =
        result.method()
            + " | run "
            + runName
            + " | query #"
            + result.query()
            + " ("
            + queryClass
            + ")"
            + (result.constrainedMethod() ? "" : " (unconstrained method)");
    g.drawString(fit(g, title, width - 2 * MARGIN), MARGIN, MARGIN + LINE);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    String legend =
        "rank: distance order over "
            + result.filledRows()
            + " filled bank rows;  d: squared distance;  green: the query's class";
    g.drawString(fit(g, legend, width - 2 * MARGIN), MARGIN, MARGIN + 2 * LINE + 4);
  }

  private static String className(List<String> classes, int label) {
    return label >= 0 && label < classes.size() ? classes.get(label) : "unknown";
  }

  /** Shortens {@code text} with an ellipsis until it fits {@code width} pixels. */
  private static String fit(Graphics2D g, String text, int width) {
    FontMetrics metrics = g.getFontMetrics();
    if (metrics.stringWidth(text) <= width) {
      return text;
    }
    String s = text;
    while (!s.isEmpty() && metrics.stringWidth(s + "...") > width) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "...";
  }

  /** Draws tiles of one grid. */
  private static final class Painter {
    private final Graphics2D g;
    private final ImageDataset images;
    private final List<String> classes;
    private final int tileW;
    private final int tileH;
    private final int cellW;
    private final float[] pixels;

    Painter(
        Graphics2D g, ImageDataset images, List<String> classes, int tileW, int tileH, int cellW) {
      this.g = g;
      this.images = images;
      this.classes = classes;
      this.tileW = tileW;
      this.tileH = tileH;
      this.cellW = cellW;
      this.pixels = new float[images.pixelsPerImage()];
    }

    void rowLabel(int top, String... lines) {
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      int y = top + BORDER + tileH / 2;
      for (String line : lines) {
        g.drawString(fit(g, line, LABEL_WIDTH - GAP), MARGIN, y);
        y += LINE;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      }
    }

    void neighbours(int left, int top, List<BankNeighbour> row, int queryClass) {
      for (int i = 0; i < row.size(); i++) {
        BankNeighbour n = row.get(i);
        tile(
            left + i * cellW,
            top,
            n.image(),
            n.label() == queryClass ? MATCH : MISMATCH,
            className(classes, n.label()),
            "rank " + n.rank(),
            String.format("d %.3f", n.distance()));
      }
    }

    void tile(int x, int y, int image, Color border, String... caption) {
      g.setColor(border);
      g.fillRect(x, y, tileW + 2 * BORDER, tileH + 2 * BORDER);
      g.drawImage(picture(image), x + BORDER, y + BORDER, tileW, tileH, null);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      int textY = y + tileH + 2 * BORDER + LINE;
      for (String line : caption) {
        g.drawString(fit(g, line, cellW - 2), x, textY);
        textY += LINE;
      }
    }

    /** Image {@code index} at its own size; gray for one channel, else the first three. */
    private BufferedImage picture(int index) {
      images.readImage(index, pixels);
      int h = images.height();
      int w = images.width();
      int plane = h * w;
      boolean rgb = images.channels() >= 3;
      BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      for (int p = 0; p < plane; p++) {
        int r = level(pixels[p]);
        int gr = rgb ? level(pixels[plane + p]) : r;
        int b = rgb ? level(pixels[2 * plane + p]) : r;
        picture.setRGB(p % w, p / w, (r << 16) | (gr << 8) | b);
      }
      return picture;
    }

    private static int level(float v) {
      return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
  }
}
