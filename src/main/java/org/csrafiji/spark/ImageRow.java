package org.csrafiji.spark;

import java.util.List;

/**
 * One output row: an image's slice position with its predicted labels and every class's score,
 * or the image with the reason it could not be classified.
 *
 * @param image the image's URI
 * @param slice {@code c=1,z=1,t=1} (1-based), or null when the image could not be read
 * @param labels the classes above the threshold, highest score first (empty on error)
 * @param scores one sigmoid score per class in the spec's order, or null on error
 * @param error why the image was not classified, or null
 */
public record ImageRow(String image, String slice, List<String> labels, float[] scores,
	String error)
{}
