package dev.jazero.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words: a {@link FileSystemException}'s message is often
 * only the path ({@code /proc/nope}), and its class says the rest.
 */
final class IoMessages {

    private IoMessages() {
    }

    static String describe(IOException e) {
        String what = e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file is in the way"
                : e instanceof NotDirectoryException ? "not a directory"
                : null;
        if (e instanceof FileSystemException f) {
            String reason = f.getReason();
            String path = f.getFile();
            String detail = reason != null ? reason : what != null ? what : e.getClass().getSimpleName();
            return path == null ? detail : path + ": " + detail;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
