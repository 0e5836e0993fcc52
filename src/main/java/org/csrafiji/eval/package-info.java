/**
 * Multi-label evaluation as the official CSRA code computes it: per-class average precision
 * and mAP, CP/CR/CF1 and OP/OR/OF1 at a score threshold, their top-3 variants, and the readers
 * that turn the published datasets' label files (PASCAL VOC 2007, COCO 2014, WIDER-Attribute,
 * the official prepared JSON lists) and plain CSV files into {@link org.csrafiji.eval.Dataset}s;
 * the CSV dialect every output shares ({@link org.csrafiji.eval.Csv}, read as a stream by
 * {@link org.csrafiji.eval.CsvReader}) and the locked, resumable output CSV that names its model
 * ({@link org.csrafiji.eval.ResumableCsv}, {@link org.csrafiji.eval.ModelStamp}).
 * Plain Java: nothing here depends on DJL or ImageJ.
 */
package org.csrafiji.eval;
