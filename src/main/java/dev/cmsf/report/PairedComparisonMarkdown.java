package dev.cmsf.report;

import java.util.List;
import java.util.Locale;

/** The {@code ## Paired comparison} section of {@code table.md}. */
final class PairedComparisonMarkdown {
  private PairedComparisonMarkdown() {}

  /**
   * The section: one row per comparison with each seed's difference in percentage points, their
   * mean and sd, t, p and the verdict; nothing with one seed (no spread can be given) or when
   * nothing was compared.
   */
  static String section(List<PairedComparison> paired, List<Long> seeds) {
    if (seeds.size() < 2 || paired.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Paired comparison\n\n");
    md.append("| comparison | figure |");
    seeds.forEach(seed -> md.append(" seed ").append(seed).append(" |"));
    md.append(" mean | sd | t | p | verdict |\n|---|---|")
        .append("---:|".repeat(seeds.size()))
        .append("---:|---:|---:|---:|---|\n");
    for (PairedComparison c : paired) {
      md.append("| ")
          .append(c.first())
          .append(" − ")
          .append(c.second())
          .append(" | ")
          .append(c.figure().label())
          .append(" |");
      c.test().differences().forEach(d -> md.append(' ').append(points(d)).append(" |"));
      md.append(' ')
          .append(points(c.test().mean()))
          .append(" | ")
          .append(format("%.2f", 100 * c.test().sd()))
          .append(" | ")
          .append(t(c))
          .append(" | ")
          .append(p(c.test().p()))
          .append(" | ")
          .append(c.verdict())
          .append(" |\n");
    }
    int df = seeds.size() - 1;
    md.append(
        "\n`A − B`: A's figure minus B's on the same seed, in percentage points. Runs of one"
            + " seed start from the same initial weights and see the same data order, so each"
            + " difference is the methods' alone; mean and sd are those of the differences, t ="
            + " mean / (sd / √n), p the two-sided p-value of Student's t with n − 1 = "
            + df
            + " degree"
            + (df == 1 ? "" : "s")
            + " of freedom. *exceeds seed noise at p<0.05*: a"
            + " difference this large would be rare if the methods were equal; *within seed noise*:"
            + " it would not, which is not proof that they are equal ("
            + seeds.size()
            + " seeds"
            + " detect only differences large against the noise). With many comparisons about one"
            + " in twenty equal pairs reads as exceeding the noise by chance; no correction for"
            + " that is made.\n");
    return md.toString();
  }

  /** A difference in signed percentage points. */
  private static String points(double fraction) {
    return format("%+.2f", 100 * fraction);
  }

  /** t with two decimals; infinite when every seed moved by the same nonzero amount. */
  private static String t(PairedComparison c) {
    if (c.test().t() != null) {
      return format("%.2f", c.test().t());
    }
    return c.test().mean() > 0 ? "+∞" : "−∞";
  }

  private static String p(double p) {
    return p < 0.001 ? "<0.001" : format("%.3f", p);
  }

  /** Formats with two decimals at most, never as -0.00 (a round-off below zero). */
  private static String format(String pattern, double value) {
    double rounded = Math.round(value * 1000) / 1000.0;
    return String.format(Locale.ROOT, pattern, rounded == 0 ? 0.0 : value);
  }
}
