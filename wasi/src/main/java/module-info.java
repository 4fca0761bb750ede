/** WASI preview 1 ({@code wasi_snapshot_preview1}) for Jazero. */
module dev.jazero.wasi {
    requires transitive dev.jazero;
    requires static dev.jazero.annotations;

    exports dev.jazero.wasi;
}
