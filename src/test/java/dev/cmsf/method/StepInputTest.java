package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** A step's views carry their own shapes: a query smaller than the target keeps both right. */
class StepInputTest {
  private static final int[] IMAGES = {0, 1};

  @Test
  void viewsOfDifferentSides_keepTheirOwnShapes() {
    StepInput input =
        new StepInput(
            new float[2 * 20 * 20],
            new float[2 * 28 * 28],
            new Shape(2, 1, 20, 20),
            new Shape(2, 1, 28, 28),
            IMAGES,
            IMAGES,
            IMAGES,
            null);

    assertThat(input.targetViewShape()).isEqualTo(new Shape(2, 1, 28, 28));
    assertThat(input.viewShape()).isEqualTo(new Shape(2, 1, 20, 20));
  }

  @Test
  void aViewThatDoesNotFillItsShape_isRefused() {
    assertThatThrownBy(
            () ->
                new StepInput(
                    new float[2 * 20 * 20],
                    new float[2 * 28 * 28],
                    new Shape(2, 1, 20, 20),
                    IMAGES,
                    IMAGES,
                    IMAGES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target view: 1568 values for shape (2, 1, 20, 20)");
  }
}
