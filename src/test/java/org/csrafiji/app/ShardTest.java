package org.csrafiji.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Shards {@code I/N}: every item in exactly one shard, the same on every listing, clear errors. */
class ShardTest {

	private static List<String> names(int n) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			names.add("dir/img_" + i + ".png");
		}
		return names;
	}

	@Test
	void shardsCoverEveryItemExactlyOnce() {
		List<String> items = names(23);
		for (int n = 1; n <= 30; n++) {
			Map<String, Integer> taken = new HashMap<>();
			for (int i = 1; i <= n; i++) {
				for (String s : new Shard(i, n).select(items, Function.identity())) {
					assertEquals(null, taken.put(s, i),
						s + " in shards " + taken.get(s) + " and " + i + " of " + n);
				}
			}
			assertEquals(items.size(), taken.size(), "N=" + n);
		}
	}

	@Test
	void theSelectionDoesNotDependOnTheListingOrder() {
		List<String> items = names(17);
		Random random = new Random(3);
		for (int i = 1; i <= 4; i++) {
			Shard s = new Shard(i, 4);
			List<String> first = s.select(items, Function.identity());
			for (int k = 0; k < 5; k++) {
				List<String> shuffled = new ArrayList<>(items);
				Collections.shuffle(shuffled, random);
				assertEquals(first, s.select(shuffled, Function.identity()));
			}
		}
	}

	@Test
	void itemsAreDealtRoundRobinFromTheSortedList() {
		List<String> items = List.of("e", "a", "d", "c", "b");
		assertEquals(List.of("a", "c", "e"), new Shard(1, 2).select(items, Function.identity()));
		assertEquals(List.of("b", "d"), new Shard(2, 2).select(items, Function.identity()));
		assertEquals(List.of(), new Shard(7, 7).select(items, Function.identity()));
		assertEquals(List.of("a", "b", "c", "d", "e"),
			Shard.ALL.select(items, Function.identity()));
	}

	@Test
	void parsesIOverNAndSaysWhatIsWrong() {
		assertEquals(new Shard(3, 8), Shard.parse("3/8"));
		assertEquals(new Shard(3, 8), Shard.parse(" 3 / 8 "));
		assertEquals(Shard.ALL, Shard.parse(""));
		assertEquals(Shard.ALL, Shard.parse(null));
		for (String bad : List.of("0/4", "5/4", "1/0")) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> Shard.parse(bad));
			assertTrue(e.getMessage().contains("1 <= I <= N"), e.getMessage());
		}
		for (String bad : List.of("3", "a/b", "-1/4", "1/2/3", "99999999999/2")) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> Shard.parse(bad));
			assertTrue(e.getMessage().contains("form I/N"), e.getMessage());
		}
	}
}
