package org.csrafiji.app.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;

import org.junit.jupiter.api.Test;

/**
 * Which weights_url a program can fetch: plain http(s) file addresses as they are, Google
 * Drive file links in Drive's direct-download form, and nothing for a web page or prose.
 */
class WeightsSourceTest {

	private static final String DRIVE = "https://drive.usercontent.google.com/download?id="
		+ "1cQSRI_DWyKpLa0tvxltoH9rM4IZMIEWJ&export=download&confirm=t";

	@Test
	void aFileAddressIsFetchedAsItIs() {
		String url = "https://download.openmmlab.com/mmclassification/v0/csra/x-29efb40a.pth";
		assertEquals(URI.create(url), WeightsSource.direct(url));
	}

	@Test
	void googleDriveLinksBecomeDirectDownloads() {
		for (String link : new String[]{
			"https://drive.google.com/uc?export=download&id=1cQSRI_DWyKpLa0tvxltoH9rM4IZMIEWJ",
			"https://drive.google.com/u/0/uc?export=download&confirm=bXcv&id=1cQSRI_DWyKpLa0tvxltoH9rM4IZMIEWJ",
			"https://drive.google.com/file/d/1cQSRI_DWyKpLa0tvxltoH9rM4IZMIEWJ/view?usp=sharing",
			"https://drive.google.com/open?id=1cQSRI_DWyKpLa0tvxltoH9rM4IZMIEWJ"})
		{
			assertEquals(URI.create(DRIVE), WeightsSource.direct(link), link);
		}
	}

	@Test
	void pagesAndProseNeedABrowser() {
		assertNull(WeightsSource.direct("https://github.com/Kevinz-code/CSRA#model-zoo"));
		assertNull(WeightsSource.direct(
			"https://github.com/Kevinz-code/CSRA#model-zoo (Google Drive link in the table)"));
		assertNull(WeightsSource.direct("https://drive.google.com/drive/folders"));
		assertNull(WeightsSource.direct("ftp://example.org/w.pth"));
		assertNull(WeightsSource.direct(null));
	}
}
