package dev.jazero.integration.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/**
 * What a Java library ships, checked on the jars this build made: each published module has its
 * jar with its version in the manifest, a sources jar and a Javadoc jar; the BOM names every
 * published module; the POM says the licence, the URL and where the sources are.
 */
class PublishedArtifactsTest {

    private static final Path ROOT = Path.of("..");
    static final List<String> PUBLISHED = List.of("engine", "annotations", "processor", "wasi", "jsr223", "cli");

    private static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>jazero-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("PUBLISHED")
    void eachModuleHasItsJarSourcesAndJavadocWithItsVersion(String module) throws IOException {
        String version = version();
        Path target = ROOT.resolve(module).resolve("target");
        String base = "jazero-" + module + "-" + version;
        for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar")) {
            assertTrue(Files.isRegularFile(target.resolve(base + suffix)), target.resolve(base + suffix) + " was built");
        }
        try (JarFile jar = new JarFile(target.resolve(base + ".jar").toFile())) {
            assertEquals(version, jar.getManifest().getMainAttributes().getValue("Implementation-Version"));
        }
        try (JarFile javadoc = new JarFile(target.resolve(base + "-javadoc.jar").toFile())) {
            assertTrue(javadoc.getEntry("index.html") != null, "the Javadoc jar has its index");
            assertTrue(javadoc.stream().noneMatch(e -> e.getName().contains("/internal/")), "no internal package is documented");
        }
    }

    @Test
    void theBomNamesEveryPublishedModule() throws IOException {
        String bom = Files.readString(ROOT.resolve("bom").resolve("pom.xml"));
        assertTrue(bom.contains("<artifactId>jazero-bom</artifactId>"));
        for (String module : PUBLISHED) {
            assertTrue(bom.contains("<artifactId>jazero-" + module + "</artifactId>"), module);
        }
    }

    @Test
    void thePomSaysTheLicenceTheUrlAndTheSources() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        for (String element : List.of("<url>", "<licenses>", "<name>Apache-2.0</name>", "<scm>", "<developers>")) {
            assertTrue(pom.contains(element), element);
        }
        assertTrue(Files.readString(ROOT.resolve("LICENSE")).contains("Apache License"));
        assertTrue(Files.readString(ROOT.resolve("CHANGELOG.md")).contains("## [Unreleased]"));
    }
}
