package dev.jazero;

import java.lang.ref.WeakReference;

/** Waits for the JVM's collector, for tests that an object nothing reaches is collected. */
final class Collection {

    private Collection() {
    }

    /** Whether {@code weak}'s object is collected within a second of asking for collections. */
    static boolean collected(WeakReference<?> weak) throws InterruptedException {
        for (int i = 0; i < 100 && weak.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return weak.get() == null;
    }
}
