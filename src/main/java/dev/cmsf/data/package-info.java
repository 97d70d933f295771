/**
 * Image data sets and the input pipeline: {@link dev.cmsf.data.IdxReader} and
 * {@link dev.cmsf.data.IdxDataset} read the IDX files of the MNIST family, with
 * {@link dev.cmsf.data.FashionMnist} locating Fashion-MNIST on disk;
 * {@link dev.cmsf.data.SubsetDataset} and {@link dev.cmsf.data.ChannelStats} restrict and measure
 * a dataset; {@link dev.cmsf.data.EpochOrder} and {@link dev.cmsf.data.BatchLoader} turn it into
 * reproducible, augmented mini-batches built on background threads. Randomness is always derived
 * from (seed, epoch, position, view) through {@link dev.cmsf.data.Seeds}, never from thread
 * scheduling, so a run's batches do not depend on the number of workers and a resumed run sees
 * the batches it would have seen. {@link dev.cmsf.data.ImageList} serves image files or
 * in-memory images (decoded by {@link dev.cmsf.data.ImagePixels} as DJL decodes them) as a data
 * set to embed. Malformed or missing files raise {@link dev.cmsf.data.InvalidDataException} with
 * a one-line message naming the file.
 */
package dev.cmsf.data;
