package dev.cmsf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnnResultTest {

  private final KnnResult result =
      new KnnResult(100, 0.07, List.of(new KnnScore(1, 0.5, 0.5), new KnnScore(20, 0.6, 0.65)));

  @Test
  void score_findsTheRequestedK() {
    assertThat(result.score(20)).isEqualTo(new KnnScore(20, 0.6, 0.65));
  }

  @Test
  void score_ofAnUnevaluatedK_namesTheEvaluatedOnes() {
    assertThatThrownBy(() -> result.score(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k = 5 was not evaluated; ks: [1, 20]");
  }

  @Test
  void repeatedK_isRejected() {
    List<KnnScore> twice = List.of(new KnnScore(1, 0.5, 0.5), new KnnScore(1, 0.4, 0.4));
    assertThatThrownBy(() -> new KnnResult(10, 0.07, twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k = 1 occurs twice");
  }

  @Test
  void accuracyOutsideUnitInterval_isRejected() {
    assertThatThrownBy(() -> new KnnScore(1, 1.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("majority");
    assertThatThrownBy(() -> new KnnScore(1, 0.5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weighted");
  }

  @Test
  void scores_areAnImmutableCopy() {
    assertThatThrownBy(() -> result.scores().add(new KnnScore(5, 0, 0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
