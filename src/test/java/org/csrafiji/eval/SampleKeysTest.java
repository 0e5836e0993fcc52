package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleKeysTest {

	@ParameterizedTest
	@CsvSource({
		"/data/VOC2007/JPEGImages/000005.jpg, 000005",
		"C:\\images\\cat.PNG, cat",
		"archive.tar.gz, archive.tar",
		".hidden, .hidden",
		"plain, plain",
		"0--Parade/0_Parade_1017.jpg#2, 0_Parade_1017#2",
		"0_Parade_1017#02, 0_Parade_1017#2",
		"x#y.jpg, x#y"})
	void namesImagesByFileNameWithoutExtension(String image, String key) {
		assertEquals(key, SampleKeys.of(image));
	}
}
