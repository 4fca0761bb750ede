package dev.jazero.wasi.internal;

import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A TCP socket: a pre-opened listener, or a connection it accepted. */
final class SocketEntry extends Entry {
    /** The listener; null for a connection. */
    final ServerSocketChannel listener;
    /** The connection; null for a listener. */
    final SocketChannel connection;

    SocketEntry(ServerSocketChannel listener, SocketChannel connection) {
        super(Flags.FILETYPE_SOCKET_STREAM, Rights.SOCKET, 0);
        this.listener = listener;
        this.connection = connection;
    }
}
