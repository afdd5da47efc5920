package io.github.caistatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports what users use and nothing else (tests run on the class path, so read the descriptor). */
class ModuleDescriptorTest {

    @Test
    void theModuleExportsTheFacadeTheGuardAndTheHistoryOnly() throws Exception {
        Path classes = Path.of(CharacterAiStatus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("io.github.caistatus");
        assertThat(d.exports()).allMatch(e -> !e.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("io.github.caistatus", "io.github.caistatus.guard",
                        "io.github.caistatus.history", "io.github.caistatus.fleet");
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("io.github.caistatus.api", "io.github.resilience4j.circuitbreaker", "org.json", "org.slf4j");
    }
}
