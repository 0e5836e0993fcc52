package org.csrafiji.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.csrafiji.core.DatasetException;
import org.junit.jupiter.api.Test;

class LabelConventionTest {

	@Test
	void decodesTheOfficialEncodings() {
		assertEquals(LabelState.IGNORED, LabelConvention.VOC07.decode(0));
		assertEquals(LabelState.NEGATIVE, LabelConvention.VOC07.decode(-1));
		assertNull(LabelConvention.VOC07.decode(99));
		assertEquals(LabelState.NEGATIVE, LabelConvention.COCO.decode(0));
		assertNull(LabelConvention.COCO.decode(-1));
		assertEquals(LabelState.IGNORED, LabelConvention.WIDER.decode(99));
		assertEquals(LabelState.NEGATIVE, LabelConvention.WIDER.decode(0));
		assertEquals(LabelState.POSITIVE, LabelConvention.WIDER.decode(1));
	}

	@Test
	void guessesFromTheValuesUsed() {
		assertEquals(LabelConvention.VOC07, LabelConvention.detect(Set.of(-1, 0, 1)));
		assertEquals(LabelConvention.COCO, LabelConvention.detect(Set.of(0, 1)));
		assertEquals(LabelConvention.WIDER, LabelConvention.detect(Set.of(0, 1, 99)));
	}

	@Test
	void parsesNamesAndRejectsOthers() {
		assertEquals(LabelConvention.VOC07, LabelConvention.parse("VOC07"));
		assertEquals(LabelConvention.WIDER, LabelConvention.parse("wider"));
		assertThrows(DatasetException.class, () -> LabelConvention.parse("imagenet"));
	}
}
