package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.csrafiji.app.Shard;

/**
 * Where a batch reads and writes.
 *
 * @param inputDir the folder of images
 * @param recursive also look in sub-folders
 * @param filePattern a glob on file names, e.g. {@code *.tif} or {@code *.{png,jpg}};
 *          blank for every file
 * @param outputCsv the CSV to write or resume
 * @param attentionDir where per-file attention TIFFs go, or null for none
 * @param shard which part of the sorted file list this run classifies ({@link Shard#ALL} for
 *          every file; null means the same)
 */
public record BatchSettings(Path inputDir, boolean recursive, String filePattern,
	Path outputCsv, Path attentionDir, Shard shard)
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
		shard = shard == null ? Shard.ALL : shard;
	}

	/**
	 * @param inputDir input folder
	 * @param recursive sub-folders too
	 * @param filePattern glob on names
	 * @param outputCsv CSV file
	 * @param attentionDir TIFF folder; null or blank path for none
	 * @return the settings, for every matching file
	 */
	public static BatchSettings of(File inputDir, boolean recursive, String filePattern,
		File outputCsv, File attentionDir)
	{
		return of(inputDir, recursive, filePattern, outputCsv, attentionDir, "");
	}

	/**
	 * @param inputDir input folder
	 * @param recursive sub-folders too
	 * @param filePattern glob on names
	 * @param outputCsv CSV file
	 * @param attentionDir TIFF folder; null or blank path for none
	 * @param shard {@code I/N} (see {@link Shard}); null or blank for every file
	 * @return the settings
	 * @throws CsraException when the shard is not of the form I/N with 1 &lt;= I &lt;= N
	 */
	public static BatchSettings of(File inputDir, boolean recursive, String filePattern,
		File outputCsv, File attentionDir, String shard)
	{
		Shard part;
		try {
			part = Shard.parse(shard);
		}
		catch (IllegalArgumentException e) {
			throw new CsraException(e.getMessage() + "; set shard to e.g. 2/4 (the second of four"
				+ " parts of the sorted file list), or leave it empty for every file.", e);
		}
		Path att = attentionDir == null || attentionDir.getPath().isBlank()
			? null
			: attentionDir
				.toPath();
		return new BatchSettings(inputDir == null ? null : inputDir.toPath(), recursive,
			filePattern, outputCsv == null ? null : outputCsv.toPath(), att, part);
	}
}
