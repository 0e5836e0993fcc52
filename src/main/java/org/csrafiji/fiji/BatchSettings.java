package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a batch reads and writes.
 *
 * @param inputDir the folder of images
 * @param recursive also look in sub-folders
 * @param filePattern a glob on file names, e.g. {@code *.tif} or {@code *.{png,jpg}};
 *          blank for every file
 * @param outputCsv the CSV to write or resume
 * @param attentionDir where per-file attention TIFFs go, or null for none
 */
public record BatchSettings(Path inputDir, boolean recursive, String filePattern,
	Path outputCsv, Path attentionDir)
{

	/** Checks the folders. */
	public BatchSettings {
		if (inputDir == null || !Files.isDirectory(inputDir)) {
			throw new CsraException("input_dir '" + inputDir + "' is not a folder; choose the"
				+ " folder that holds the images.");
		}
		if (outputCsv == null || Files.isDirectory(outputCsv)) {
			throw new CsraException("output_csv '" + outputCsv + "' must name a file (e.g."
				+ " results.csv), not a folder.");
		}
		filePattern = filePattern == null || filePattern.isBlank() ? "*" : filePattern.strip();
	}

	/**
	 * @param inputDir input folder
	 * @param recursive sub-folders too
	 * @param filePattern glob on names
	 * @param outputCsv CSV file
	 * @param attentionDir TIFF folder; null or blank path for none
	 * @return the settings
	 */
	public static BatchSettings of(File inputDir, boolean recursive, String filePattern,
		File outputCsv, File attentionDir)
	{
		Path att = attentionDir == null || attentionDir.getPath().isBlank() ? null : attentionDir
			.toPath();
		return new BatchSettings(inputDir == null ? null : inputDir.toPath(), recursive,
			filePattern, outputCsv == null ? null : outputCsv.toPath(), att);
	}
}
