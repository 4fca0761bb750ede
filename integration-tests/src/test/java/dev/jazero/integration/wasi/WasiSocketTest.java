package dev.jazero.integration.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** sock_accept, sock_recv, sock_send and sock_shutdown on a pre-opened TCP listener. */
class WasiSocketTest {

    static final String ECHO = """
        (module
          (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_recv" (func $recv (param i32 i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_send" (func $send (param i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_shutdown" (func $shutdown (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "echo") (param $listener i32) (result i32)
            (local $fd i32) (local $err i32)
            (local.set $err (call $accept (local.get $listener) (i32.const 0) (i32.const 0)))
            (if (local.get $err) (then (return (local.get $err))))
            (local.set $fd (i32.load (i32.const 0)))
            (i32.store (i32.const 16) (i32.const 64))
            (i32.store (i32.const 20) (i32.const 100))
            (local.set $err (call $recv (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 2)
                                        (i32.const 4) (i32.const 8)))
            (if (local.get $err) (then (return (local.get $err))))
            (i32.store (i32.const 20) (i32.load (i32.const 4)))
            (local.set $err (call $send (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 0) (i32.const 4)))
            (if (local.get $err) (then (return (local.get $err))))
            (local.set $err (call $shutdown (local.get $fd) (i32.const 2)))
            (if (local.get $err) (then (return (local.get $err))))
            (call $close (local.get $fd)))
          (func (export "shutdown") (param i32 i32) (result i32)
            (call $shutdown (local.get 0) (local.get 1))))
        """;

    @Test
    void echoesOverAPreopenedListener() throws Exception {
        for (RuntimeConfig tier : new RuntimeConfig[] {RuntimeConfig.interpreter(), RuntimeConfig.compiler()}) {
            try (ServerSocketChannel listener = ServerSocketChannel.open();
                    Runtime runtime = Runtime.create(tier)) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                WasiSnapshotPreview1.instantiate(runtime);
                Module guest = runtime.instantiate(runtime.compileModule(ECHO.getBytes(StandardCharsets.UTF_8)),
                        ModuleConfig.defaults().withTCPListener(listener));
                CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> {
                    try (SocketChannel c = SocketChannel.open(listener.getLocalAddress())) {
                        c.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
                        c.shutdownOutput();
                        ByteArrayOutputStream got = new ByteArrayOutputStream();
                        ByteBuffer buf = ByteBuffer.allocate(64);
                        while (c.read(buf) >= 0) {
                            got.write(buf.array(), 0, buf.position());
                            buf.clear();
                        }
                        return got.toString(StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                // With no mounts the listener is fd 3.
                assertEquals(0, guest.exportedFunction("echo").call(3)[0]);
                assertEquals("ping", client.get(30, TimeUnit.SECONDS));
                assertEquals(53, guest.exportedFunction("shutdown").call(3, 2)[0], "ENOTCONN on a listener");
                assertEquals(57, guest.exportedFunction("shutdown").call(1, 2)[0], "ENOTSOCK on stdout");
                assertEquals(8, guest.exportedFunction("shutdown").call(99, 2)[0], "EBADF");
            }
        }
    }
}
