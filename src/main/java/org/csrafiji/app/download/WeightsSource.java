package org.csrafiji.app.download;

import org.csrafiji.core.ModelSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a spec's published weights come from and where they go. The spec's
 * {@code weights_url} is fetched as it is when it names a file over http(s); a Google Drive
 * file link (drive.google.com/file/d/ID/..., open?id=ID or uc?id=ID) is turned into Drive's
 * direct-download address for that file. Anything else (a web page with an anchor, prose,
 * another scheme) needs a browser, and {@link #uri()} is null.
 *
 * @param model the spec's name
 * @param address the spec's weights_url as written, or null
 * @param uri what a program can fetch, or null when the address needs a browser (or is absent)
 * @param target the spec's checkpoint file, where the weights go
 * @param sha256 the SHA-256 (or a prefix of it) the spec records, or null
 */
public record WeightsSource(String model, String address, URI uri, Path target, String sha256) {

	private static final Pattern DRIVE_PATH = Pattern.compile("/file/d/([A-Za-z0-9_-]{10,})");
	private static final Pattern DRIVE_QUERY = Pattern.compile("(?:^|&)id=([A-Za-z0-9_-]{10,})");

	/**
	 * @param spec a model spec
	 * @return where its weights come from and go
	 * @throws DownloadException when the spec names no checkpoint file to download into
	 */
	public static WeightsSource of(ModelSpec spec) {
		Path target = spec.checkpointFile().orElseThrow(() -> new DownloadException("Model '"
			+ spec.name() + "' names no checkpoint file, so there is nowhere to put its weights;"
			+ " add \"checkpoint\": \"weights/FILE.pth\" to its spec."));
		String address = spec.weightsUrl() == null || spec.weightsUrl().isBlank()
			? null
			: spec
				.weightsUrl().strip();
		return new WeightsSource(spec.name(), address, direct(address), target, spec.sha256());
	}

	/** @return whether a program can fetch the weights (no browser needed) */
	public boolean fetchable() {
		return uri != null;
	}

	/**
	 * @param address a weights_url, or null
	 * @return the address to fetch, or null when it needs a browser
	 */
	static URI direct(String address) {
		if (address == null || address.chars().anyMatch(Character::isWhitespace)) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(address);
		}
		catch (URISyntaxException e) {
			return null;
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			return null;
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.equals("drive.google.com") || host.equals("docs.google.com")) {
			String id = driveId(uri);
			return id == null
				? null
				: URI.create("https://drive.usercontent.google.com/download?id="
					+ id + "&export=download&confirm=t");
		}
		return uri.getFragment() == null ? uri : null; // an anchor names a place on a page
	}

	private static String driveId(URI uri) {
		Matcher m = DRIVE_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
		if (m.find()) {
			return m.group(1);
		}
		m = DRIVE_QUERY.matcher(uri.getRawQuery() == null ? "" : uri.getRawQuery());
		return m.find() ? m.group(1) : null;
	}
}
