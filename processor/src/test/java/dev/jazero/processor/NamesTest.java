package dev.jazero.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource({
        "add, add",
        "fdWrite, fd_write",
        "getHTTPStatus, get_http_status",
        "XMLParser, xml_parser",
        "utf8Len, utf8_len",
        "argsSizesGet, args_sizes_get",
        "already_snake, already_snake",
        "with_Mixed, with_mixed",
        "x, x",
        "A, a",
    })
    void snakeCase(String method, String export) {
        assertEquals(export, Names.snakeCase(method));
    }
}
