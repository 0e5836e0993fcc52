package org.csrafiji.core;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads this project's compiled classes, for tests of what the lower packages contain. */
public final class ClassFiles {

	/** The packages below the application layer and the front ends (sub-packages included). */
	public static final List<String> LOWER = List.of("core", "checkpoint", "image", "model",
		"runtime", "eval", "train");

	private ClassFiles() {}

	/** @return the folder the main classes were compiled into */
	public static Path folder() {
		try {
			return Path.of(CsraException.class.getProtectionDomain().getCodeSource().getLocation()
				.toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * @return every class file of the {@link #LOWER} packages
	 * @throws IOException when the folder cannot be listed
	 */
	public static List<Path> lowerPackages() throws IOException {
		List<Path> out = new ArrayList<>();
		for (String pkg : LOWER) {
			Path dir = folder().resolve("org/csrafiji").resolve(pkg);
			if (!Files.isDirectory(dir)) {
				throw new IOException("no compiled package " + dir);
			}
			try (Stream<Path> s = Files.walk(dir)) {
				out.addAll(s.filter(p -> p.toString().endsWith(".class")).sorted().collect(
					Collectors.toList()));
			}
		}
		return out;
	}

	/**
	 * @param file a class file under {@link #folder()}
	 * @return its binary class name
	 */
	public static String className(Path file) {
		String r = folder().relativize(file).toString().replace('\\', '/');
		return r.substring(0, r.length() - ".class".length()).replace('/', '.');
	}

	/**
	 * The CONSTANT_String entries of a class file (JVM spec 4.4): the texts of its string
	 * literals and of its invokedynamic string-concatenation recipes.
	 *
	 * @param bytes the class file
	 * @return the strings
	 * @throws IOException when it is not a class file
	 */
	public static List<String> stringConstants(byte[] bytes) throws IOException {
		Pool p = pool(bytes);
		List<String> out = new ArrayList<>();
		for (int i : p.strings) {
			out.add(p.utf8[i]);
		}
		return out;
	}

	/**
	 * @param bytes the class file
	 * @return the methods it calls, as owner.name, e.g. java/lang/System.setProperty
	 * @throws IOException when it is not a class file
	 */
	public static List<String> methodRefs(byte[] bytes) throws IOException {
		return pool(bytes).methods();
	}

	/** A class file's constant pool: texts, string entries, and each entry's two indices. */
	private static final class Pool {

		final String[] utf8;
		final int[] first;
		final int[] second;
		final int[] tags;
		final List<Integer> strings = new ArrayList<>();

		Pool(int count) {
			utf8 = new String[count];
			first = new int[count];
			second = new int[count];
			tags = new int[count];
		}

		List<String> methods() {
			List<String> out = new ArrayList<>();
			for (int i = 1; i < tags.length; i++) {
				if (tags[i] == 10 || tags[i] == 11) {
					out.add(utf8[first[first[i]]] + "." + utf8[first[second[i]]]);
				}
			}
			return out;
		}
	}

	private static Pool pool(byte[] bytes) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
		if (in.readInt() != 0xCAFEBABE) {
			throw new IOException("not a class file");
		}
		in.readUnsignedShort();
		in.readUnsignedShort();
		int count = in.readUnsignedShort();
		Pool p = new Pool(count);
		for (int i = 1; i < count; i++) {
			int tag = in.readUnsignedByte();
			p.tags[i] = tag;
			switch (tag) {
				case 1:
					p.utf8[i] = in.readUTF();
					break;
				case 8:
					p.strings.add(in.readUnsignedShort());
					break;
				case 7:
				case 16:
				case 19:
				case 20:
					p.first[i] = in.readUnsignedShort();
					break;
				case 15:
					in.readUnsignedByte();
					in.readUnsignedShort();
					break;
				case 9:
				case 10:
				case 11:
				case 12:
				case 17:
				case 18:
					p.first[i] = in.readUnsignedShort();
					p.second[i] = in.readUnsignedShort();
					break;
				case 3:
				case 4:
					in.readInt();
					break;
				case 5:
				case 6:
					in.readLong();
					i++; // takes two entries
					break;
				default:
					throw new IOException("unknown constant tag " + tag);
			}
		}
		return p;
	}
}
