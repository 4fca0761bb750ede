package dev.jazero.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.Runtime;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every function of wasi_snapshot_preview1, with the core types its witx signature lowers to. */
class WitxSignaturesTest {

    /** name: parameter types, then "->" and the results (i = i32, I = i64). */
    static final Map<String, String> WITX = new TreeMap<>(Map.ofEntries(
            Map.entry("args_get", "ii->i"), Map.entry("args_sizes_get", "ii->i"),
            Map.entry("environ_get", "ii->i"), Map.entry("environ_sizes_get", "ii->i"),
            Map.entry("clock_res_get", "ii->i"), Map.entry("clock_time_get", "iIi->i"),
            Map.entry("fd_advise", "iIIi->i"), Map.entry("fd_allocate", "iII->i"), Map.entry("fd_close", "i->i"),
            Map.entry("fd_datasync", "i->i"), Map.entry("fd_fdstat_get", "ii->i"),
            Map.entry("fd_fdstat_set_flags", "ii->i"), Map.entry("fd_fdstat_set_rights", "iII->i"),
            Map.entry("fd_filestat_get", "ii->i"), Map.entry("fd_filestat_set_size", "iI->i"),
            Map.entry("fd_filestat_set_times", "iIIi->i"), Map.entry("fd_pread", "iiiIi->i"),
            Map.entry("fd_prestat_get", "ii->i"), Map.entry("fd_prestat_dir_name", "iii->i"),
            Map.entry("fd_pwrite", "iiiIi->i"), Map.entry("fd_read", "iiii->i"), Map.entry("fd_readdir", "iiiIi->i"),
            Map.entry("fd_renumber", "ii->i"), Map.entry("fd_seek", "iIii->i"), Map.entry("fd_sync", "i->i"),
            Map.entry("fd_tell", "ii->i"), Map.entry("fd_write", "iiii->i"),
            Map.entry("path_create_directory", "iii->i"), Map.entry("path_filestat_get", "iiiii->i"),
            Map.entry("path_filestat_set_times", "iiiiIIi->i"), Map.entry("path_link", "iiiiiii->i"),
            Map.entry("path_open", "iiiiiIIii->i"), Map.entry("path_readlink", "iiiiii->i"),
            Map.entry("path_remove_directory", "iii->i"), Map.entry("path_rename", "iiiiii->i"),
            Map.entry("path_symlink", "iiiii->i"), Map.entry("path_unlink_file", "iii->i"),
            Map.entry("poll_oneoff", "iiii->i"), Map.entry("proc_exit", "i->"), Map.entry("proc_raise", "i->i"),
            Map.entry("sched_yield", "->i"), Map.entry("random_get", "ii->i"), Map.entry("sock_accept", "iii->i"),
            Map.entry("sock_recv", "iiiiii->i"), Map.entry("sock_send", "iiiii->i"), Map.entry("sock_shutdown", "ii->i")));

    static String signature(FunctionDefinition d) {
        return types(d.paramTypes()) + "->" + types(d.resultTypes());
    }

    static String types(List<ValueType> types) {
        StringBuilder b = new StringBuilder();
        for (ValueType t : types) {
            b.append(t == ValueType.I32 ? "i" : t == ValueType.I64 ? "I" : "?");
        }
        return b.toString();
    }

    @Test
    void everyFunctionWithItsSignature() {
        try (Runtime runtime = Runtime.create()) {
            Module wasi = WasiSnapshotPreview1.instantiate(runtime);
            Map<String, String> actual = new TreeMap<>();
            wasi.exportedFunctionDefinitions().forEach((name, d) -> actual.put(name, signature(d)));
            assertEquals(WITX, actual);
            assertEquals(46, new ArrayList<>(actual.keySet()).size());
        }
    }
}
