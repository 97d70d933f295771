package dev.cmsf.config;

import java.util.List;
import java.util.Locale;

/**
 * Named sets of view defaults ({@code view_recipe}), the base that the {@code strong_view.*} and
 * {@code weak_view.*} keys override.
 *
 * <ul>
 *   <li>{@code paper}: METHOD.md section 3, the reference's views for colour images. Weak: crop
 *       (0.2, 1), flip. Strong: the same plus colour jitter (0.4, 0.4, 0.4, 0.1) p 0.8, grayscale
 *       p 0.2, blur sigma (0.1, 2.0) at 224 px p 0.5.
 *   <li>{@code small-grayscale}: for small one-channel images (Fashion-MNIST), where saturation,
 *       hue and grayscale do nothing and the reference's blur is below a pixel: the strong view
 *       crops (0.5, 1), flips and jitters brightness and contrast 0.4 p 0.8; the weak (target)
 *       view is the whole image, flipped or not. Chosen by the recipe study (docs/recipes.md).
 *   <li>{@code auto} (the default): {@code small-grayscale} for one-channel images with views of
 *       at most 64 px, {@code paper} otherwise.
 * </ul>
 */
public enum ViewRecipe {
  PAPER(
      view(List.of(0.2, 1.0), 0.8, 0.4, 0.4, 0.1, 0.2, 0.5),
      view(List.of(0.2, 1.0), 0, 0.4, 0.4, 0.1, 0, 0)),
  /**
   * The recipe study's choices for Fashion-MNIST (docs/recipes.md): a gentler query crop, (0.5, 1)
   * (+1.4 and +2.3 points of 20-NN over the paper's (0.2, 1) on two seeds; (0.8, 1) lost 1.8); a
   * target that sees the whole image (crop scale (1, 1): +1.6 at EMA 0.99, more with a faster
   * EMA; on centred, aligned images the query learns to predict the whole garment from a part);
   * brightness and contrast jitter kept; no affine jitter (it cost 2 to 4 points); no blur,
   * which at 28 px is below a pixel with the paper's sigma and only costs time.
   */
  SMALL_GRAYSCALE(
      view(List.of(0.5, 1.0), 0.8, 0.4, 0.4, 0, 0, 0),
      view(List.of(1.0, 1.0), 0, 0.4, 0.4, 0, 0, 0));

  /** Views of at most this side count as small for {@code auto}. */
  public static final int SMALL_SIDE = 64;

  /** The key value that picks a recipe from the data. */
  public static final String AUTO = "auto";

  private final ViewConfig strong;
  private final ViewConfig weak;

  ViewRecipe(ViewConfig strong, ViewConfig weak) {
    this.strong = strong;
    this.weak = weak;
  }

  /** Every key of the strong (online) view. */
  public ViewConfig strong() {
    return strong;
  }

  /** Every key of the weak (target) view. */
  public ViewConfig weak() {
    return weak;
  }

  /** The key value of this recipe, e.g. {@code small-grayscale}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every value {@code view_recipe} accepts. */
  public static List<String> keys() {
    List<String> keys = new java.util.ArrayList<>(List.of(AUTO));
    for (ViewRecipe recipe : values()) {
      keys.add(recipe.key());
    }
    return keys;
  }

  /**
   * The recipe a key value names; {@code auto} picks by the images.
   *
   * @param channels channels of the training images
   * @param viewSize side of the training views in pixels
   */
  public static ViewRecipe of(String key, int channels, int viewSize) {
    if (AUTO.equals(key)) {
      return channels == 1 && viewSize <= SMALL_SIDE ? SMALL_GRAYSCALE : PAPER;
    }
    for (ViewRecipe recipe : values()) {
      if (recipe.key().equals(key)) {
        return recipe;
      }
    }
    throw new ConfigException(
        "key 'view_recipe' = " + key + ": expected one of " + String.join(", ", keys()));
  }

  /** The configuration with {@code view_recipe} resolved and every view key filled in. */
  public static TrainConfig resolve(TrainConfig config, int channels, int viewSize) {
    ViewRecipe recipe = of(config.viewRecipe(), channels, viewSize);
    return config.withViews(
        recipe.key(),
        config.strongView().over(recipe.strong()),
        config.weakView().over(recipe.weak()));
  }

  /**
   * A view with the paper's crop ratio and flip, the given crop scale, jitter (brightness and
   * contrast, then saturation and hue of the same strength except hue), grayscale and blur, and
   * no solarisation, affine warp or random erasing (all off unless a key sets them; erasing's
   * ranges are torchvision's defaults, scale (0.02, 0.33) and ratio (0.3, 3.3)).
   */
  private static ViewConfig view(
      List<Double> cropScale,
      double jitter,
      double brightness,
      double contrast,
      double hue,
      double grayscale,
      double blur) {
    double saturation = hue > 0 ? brightness : 0; // colour strengths travel together
    return new ViewConfig(
        cropScale,
        List.of(3.0 / 4.0, 4.0 / 3.0),
        0.5,
        jitter,
        brightness,
        contrast,
        saturation,
        hue,
        grayscale,
        blur,
        List.of(0.1, 2.0),
        0.0,
        0.5,
        0.0,
        0.0,
        0.0,
        List.of(1.0, 1.0),
        0.0,
        List.of(0.02, 0.33),
        List.of(0.3, 3.3),
        0);
  }
}
