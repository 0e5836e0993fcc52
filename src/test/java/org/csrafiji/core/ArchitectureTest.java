package org.csrafiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed backbone description: names in, names out, and the spec's JSON as before. */
class ArchitectureTest {

	@Test
	void readsResNetNamesAsTorchvisionWritesThem() {
		assertEquals(new Architecture.ResNet(50), Architecture.parse("ResNet-50"));
		assertEquals(new Architecture.ResNet(101), Architecture.parse("resnet_101"));
		assertEquals("resnet152", Architecture.parse("resnet152").name());
		CsraException e = assertThrows(ModelSpecException.class, () -> Architecture.parse(
			"resnet19"));
		assertEquals(Optional.of(Setting.ARCHITECTURE), e.setting());
		assertEquals(Optional.of("resnet19"), e.value());
	}

	@Test
	void viTNamesRoundTrip() {
		assertEquals(Architecture.ViT.B16,
			Architecture.parse("vit:depth=12,dim=768,heads=12,patch=16"));
		assertEquals("vit_b16",
			Architecture.parse("vit:depth=12,dim=768,heads=12,patch=16").name());
		assertEquals("vit_l16", Architecture.parse("VIT_L16").name());
		assertEquals("vit", Architecture.parse("vit").name());
		assertEquals(new Architecture.ViT(-1, -1, 4, -1), Architecture.parse("vit:heads=4"));
		for (String n : new String[]{"vit:heads=4", "vit:depth=2,dim=64,heads=4,patch=16",
			"vit:dim=64,patch=8"})
		{
			assertEquals(n, Architecture.parse(n).name());
			assertEquals(Architecture.parse(n), Architecture.parse(Architecture.parse(n).name()));
		}
		assertFalse(Architecture.ViT.FROM_CHECKPOINT.complete());
		assertThrows(ModelSpecException.class, () -> Architecture.parse("vit:heads=0"));
		assertThrows(ModelSpecException.class, () -> Architecture.parse("vit:width=64"));
	}

	@Test
	void unknownNamesCarryTheSettingAndValue() {
		CsraException e = assertThrows(ModelSpecException.class,
			() -> Architecture.parse("alexnet"));
		assertEquals(Optional.of(Setting.ARCHITECTURE), e.setting());
		assertEquals(Optional.of("alexnet"), e.value());
		assertTrue(e.getMessage().contains("resnet101") && e.getMessage().contains("vit_b16"),
			e.getMessage());
		CsraException t = assertThrows(ModelSpecException.class, () -> Architecture.parse(
			"torchscript"));
		assertEquals(Optional.of(Setting.BACKBONE_FILE), t.setting());
	}

	@Test
	void torchScriptSpecKeepsItsJsonFields(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("net.json");
		Files.writeString(file, "{\"architecture\": \"torchscript\", \"backbone\": \"sub/net.pt\","
			+ " \"trust_code\": true, \"head\": \"training-free\", \"classes\": [\"a\", \"b\"]}");
		ModelSpec spec = ModelSpecs.read(file);
		Architecture.TorchScript t = (Architecture.TorchScript) spec.architecture();
		assertEquals(dir.resolve("sub/net.pt").toAbsolutePath().normalize(), t.file());
		assertTrue(t.trusted() && spec.trustCode());
		JsonObject o = ModelSpecs.toJson(spec, dir);
		assertEquals("torchscript", o.get("architecture").getAsString());
		assertEquals("sub/net.pt", o.get("backbone").getAsString());
		assertTrue(o.get(ModelSpecs.TRUST_CODE).getAsBoolean());

		Path plain = dir.resolve("plain.json");
		Files.writeString(plain, "{\"architecture\": \"torchscript\", \"backbone\": \"net.pt\","
			+ " \"classes\": [\"a\"]}");
		assertFalse(ModelSpecs.read(plain).trustCode());
	}

	@Test
	void resNetSpecWritesItsName(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("r.json");
		Files.writeString(file, "{\"architecture\": \"ResNet-50\", \"classes\": [\"a\"]}");
		JsonObject o = ModelSpecs.toJson(ModelSpecs.read(file), dir);
		assertEquals("resnet50", o.get("architecture").getAsString());
		assertFalse(o.has("backbone"));
		Files.writeString(file, "{\"architecture\": \"resnet50\", \"backbone\": \"x.pt\","
			+ " \"classes\": [\"a\"]}");
		CsraException e = assertThrows(ModelSpecException.class, () -> ModelSpecs.read(file));
		assertEquals(Optional.of(Setting.BACKBONE_FILE), e.setting());
	}

	@Test
	void consentGoesWithTheTorchScriptFileWhicheverIsSetFirst() {
		Path pt = Path.of("net.pt");
		ModelSpec trusted = new ModelSpecBuilder().trustCode(true).architecture(
			new Architecture.TorchScript(pt, false)).build(2);
		assertTrue(trusted.trustCode());
		ModelSpec revoked = trusted.toBuilder().trustCode(false).build(2);
		assertFalse(revoked.trustCode());
		// Another file needs its own consent.
		ModelSpec other = trusted.toBuilder().architecture(new Architecture.TorchScript(Path.of(
			"other.pt"), false)).build(2);
		assertFalse(other.trustCode());
		assertFalse(new ModelSpecBuilder().trustCode(true).build(2).trustCode());
	}
}
