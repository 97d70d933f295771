/**
 * cmsf on Apache Spark 3.5: embedding a collection with an exported encoder ({@link
 * dev.cmsf.spark.EmbedJob}, one model per executor JVM) and exact kNN of a query table against a
 * reference table ({@link dev.cmsf.spark.KnnJob}, block against block, partial top-k merged), with
 * the kNN accuracy of METHOD.md section 4. The decoding, preprocessing, encoder, cosine scoring and
 * vote rules are the core's ({@code dev.cmsf.data}, {@code embed}, {@code eval}); this package only
 * distributes them. {@link dev.cmsf.spark.SparkJobs} is the command line.
 */
package dev.cmsf.spark;
