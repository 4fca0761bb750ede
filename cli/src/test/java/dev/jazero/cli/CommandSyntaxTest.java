package dev.jazero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.cli.CommandSyntax.Option;
import dev.jazero.cli.CommandSyntax.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a command's arguments are read, and how its help is laid out. */
class CommandSyntaxTest {

    private static final List<Option> OPTIONS = List.of(
            Option.flag("--fast", "Goes fast."),
            Option.value("--dir", "DIR", "A directory. Repeatable.").asRepeatable(),
            Option.value("--name", "NAME", "A name."),
            Option.flag("-v", "--verbose", "Says more."));

    private static CommandSyntax program(boolean optionsEndAtFirstParameter) {
        return new CommandSyntax("tool go", List.of("Goes somewhere."), OPTIONS,
                List.of(new Parameter("FILE", "The file.", Parameter.Count.ONE),
                        new Parameter("ARGS", "Its arguments.", Parameter.Count.ANY)),
                optionsEndAtFirstParameter);
    }

    @Test
    void readsFlagsValuesInBothFormsAndRepeatedOptions() {
        Arguments a = program(true).parse(List.of("--fast", "--dir", "a", "--dir=b", "-v", "file", "x"));
        assertTrue(a.has("--fast"));
        assertTrue(a.has("--verbose"), "a short name counts as its long one");
        assertEquals(List.of("a", "b"), a.values("--dir"));
        assertEquals("b", a.value("--dir"), "the last of a repeated option");
        assertEquals(List.of("file", "x"), a.parameters());
        assertNull(program(true).parse(List.of("file")).value("--dir"));
        assertEquals(List.of(), program(true).parse(List.of("file")).values("--dir"));
    }

    @Test
    void aProgramsArgumentsAreNotItsOptions() {
        Arguments a = program(true).parse(List.of("file", "--fast", "-1"));
        assertFalse(a.has("--fast"));
        assertEquals(List.of("file", "--fast", "-1"), a.parameters());
        Arguments interleaved = program(false).parse(List.of("file", "--fast", "x"));
        assertTrue(interleaved.has("--fast"));
        assertEquals(List.of("file", "x"), interleaved.parameters());
        assertEquals(List.of("--fast"), program(false).parse(List.of("--", "--fast")).parameters());
    }

    @Test
    void usageErrorsSayWhatIsWrongAndNameTheCommand() {
        String[][] cases = {
            {"unknown option: '--slow'", "--slow", "file"},
            {"option '--fast' takes no value", "--fast=yes", "file"},
            {"option '--dir' needs a value: DIR", "file", "--dir"},
            {"missing FILE"},
        };
        for (String[] c : cases) {
            List<String> args = List.of(c).subList(1, c.length);
            UsageException e = assertThrows(UsageException.class, () -> program(false).parse(args), args.toString());
            assertEquals(c[0], e.getMessage());
            assertEquals("tool go", e.command());
        }
        CommandSyntax one = new CommandSyntax("tool one", List.of(), List.of(),
                List.of(new Parameter("FILE", "The file.", Parameter.Count.ONE)), false);
        assertEquals("unexpected argument: 'b'",
                assertThrows(UsageException.class, () -> one.parse(List.of("a", "b"))).getMessage());
        CommandSyntax some = new CommandSyntax("tool some", List.of(), List.of(),
                List.of(new Parameter("FILE", "Files.", Parameter.Count.SOME)), false);
        assertEquals("missing FILE", assertThrows(UsageException.class, () -> some.parse(List.of())).getMessage());
        assertEquals(List.of("a", "b"), some.parse(List.of("a", "b")).parameters());
    }

    @Test
    void shortFlagsGoTogetherAndAnOptionOfOneValueIsGivenOnce() {
        Arguments a = program(false).parse(List.of("-vh"));
        assertTrue(a.has("--verbose") && a.has("--help"));
        assertEquals("unknown option: '-vx'",
                assertThrows(UsageException.class, () -> program(false).parse(List.of("-vx", "file"))).getMessage());
        assertEquals("option '--name' given more than once", assertThrows(UsageException.class,
                () -> program(false).parse(List.of("--name", "a", "--name=b", "file"))).getMessage());
        assertTrue(program(false).parse(List.of("--fast", "--fast", "file")).has("--fast"), "a flag twice is a flag");
    }

    @Test
    void helpAndVersionNeedNothingElse() {
        assertTrue(program(false).parse(List.of("--help")).has("--help"));
        assertTrue(program(false).parse(List.of("-V")).has("--version"));
    }

    @Test
    void aValueThatDoesNotParseIsAUsageErrorOfItsOption() {
        Arguments a = program(false).parse(List.of("--dir", "x", "file"));
        UsageException e = assertThrows(UsageException.class, () -> a.value("--dir", text -> {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }));
        assertEquals("--dir: not a number: 'x'", e.getMessage());
    }

    @Test
    void helpListsEveryOptionOnceInLinesOfEightyCharacters() {
        CommandSyntax syntax = new CommandSyntax("tool go", List.of("Goes somewhere. ".repeat(12)), OPTIONS,
                List.of(new Parameter("FILE", "The file. ".repeat(10), Parameter.Count.ONE)), false);
        String help = syntax.help();
        assertTrue(help.startsWith("Usage: tool go [-hV] [--dir=DIR] [--fast] [--name=NAME] [--verbose] FILE\n"), help);
        for (String line : help.lines().toList()) {
            assertTrue(line.length() <= 80, line);
        }
        for (String option : new String[] {"--dir=DIR", "--fast", "-v, --verbose", "-h, --help", "-V, --version"}) {
            assertEquals(1, help.lines().filter(l -> l.strip().startsWith(option)).count(), option + " in\n" + help);
        }
        String[] lines = help.split("\n");
        int fast = List.of(lines).indexOf(List.of(lines).stream().filter(l -> l.contains("--fast ")).findFirst().orElseThrow());
        assertTrue(lines[fast].endsWith("Goes fast."), lines[fast]);
        assertEquals(29, lines[fast].indexOf("Goes fast."), "descriptions start in one column");
    }
}
