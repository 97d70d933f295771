package dev.cmsf.spark;

import dev.cmsf.embed.CosineSearch;
import dev.cmsf.embed.Ranking;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The best {@code k} reference rows found so far for every query of a query block: each list most
 * similar first, ties to the lower path. Scoring one reference block gives a partial result ({@link
 * #score}); two partial results of the same query block merge into the best k of both ({@link
 * #merge}), so the reference table is never in one place.
 */
final class BlockNeighbours implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] queryPaths;
  private final String[] queryLabels;
  private final List<List<Neighbour>> lists; // per query, best first, at most k
  private final int k;

  /** One neighbour: a reference row's path, label and cosine similarity. */
  record Neighbour(String path, String label, float similarity) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether this ranks above {@code other}: more similar, or as similar and a lower path. */
    boolean before(Neighbour other) {
      return similarity > other.similarity
          || (similarity == other.similarity && path.compareTo(other.path) < 0);
    }
  }

  private BlockNeighbours(
      String[] queryPaths, String[] queryLabels, List<List<Neighbour>> lists, int k) {
    this.queryPaths = queryPaths;
    this.queryLabels = queryLabels;
    this.lists = lists;
    this.k = k;
  }

  /**
   * The {@code k} nearest rows of {@code references} to every query of {@code queries}, scored by
   * the core's exact search ({@link CosineSearch}, as {@code cmsf search} scores a file).
   *
   * @param excludeSamePath whether a reference row of the query's own path is left out
   */
  static BlockNeighbours score(
      EmbeddingBlock queries, EmbeddingBlock references, int k, boolean excludeSamePath) {
    if (queries.dimension() != references.dimension()) {
      throw new IllegalArgumentException(
          "queries have "
              + queries.dimension()
              + " values per embedding, references "
              + references.dimension());
    }
    String[] paths = new String[queries.size()];
    String[] labels = new String[queries.size()];
    List<List<Neighbour>> lists = new ArrayList<>(queries.size());
    for (int q = 0; q < queries.size(); q++) {
      paths[q] = queries.path(q);
      labels[q] = queries.label(q);
      int exclude = excludeSamePath ? references.indexOf(paths[q]) : -1;
      Ranking ranking =
          CosineSearch.nearest(
              references.rows(), references.dimension(), queries.row(q), k, exclude);
      List<Neighbour> list = new ArrayList<>(ranking.size());
      for (int i = 0; i < ranking.size(); i++) {
        int row = ranking.indices()[i];
        list.add(
            new Neighbour(references.path(row), references.label(row), ranking.similarities()[i]));
      }
      lists.add(list);
    }
    return new BlockNeighbours(paths, labels, lists, k);
  }

  /** The best k of this and {@code other}, partial results of the same query block. */
  BlockNeighbours merge(BlockNeighbours other) {
    List<List<Neighbour>> merged = new ArrayList<>(lists.size());
    for (int q = 0; q < lists.size(); q++) {
      List<Neighbour> a = lists.get(q);
      List<Neighbour> b = other.lists.get(q);
      List<Neighbour> best = new ArrayList<>(k);
      int i = 0;
      int j = 0;
      while (best.size() < k && (i < a.size() || j < b.size())) {
        boolean takeA = j >= b.size() || (i < a.size() && a.get(i).before(b.get(j)));
        best.add(takeA ? a.get(i++) : b.get(j++));
      }
      merged.add(best);
    }
    return new BlockNeighbours(queryPaths, queryLabels, merged, k);
  }

  int size() {
    return queryPaths.length;
  }

  String queryLabel(int query) {
    return queryLabels[query];
  }

  List<Neighbour> neighbours(int query) {
    return lists.get(query);
  }

  /** (path, label, neighbours) rows, one per query, as {@link KnnJob#NEIGHBOURS}. */
  List<Row> rows() {
    List<Row> rows = new ArrayList<>(queryPaths.length);
    for (int q = 0; q < queryPaths.length; q++) {
      List<Row> list = new ArrayList<>();
      for (Neighbour n : lists.get(q)) {
        list.add(RowFactory.create(n.path(), n.label(), n.similarity()));
      }
      rows.add(RowFactory.create(queryPaths[q], queryLabels[q], list.toArray(Row[]::new)));
    }
    return rows;
  }
}
