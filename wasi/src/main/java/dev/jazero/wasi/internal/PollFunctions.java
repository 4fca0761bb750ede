package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}: files and stdout, stderr are ready at once, stdin with the bytes
 * {@code available()}; clock subscriptions sleep through the configured {@code Nanosleep} when
 * no descriptor is ready. Reads {@code subscription}s (48 bytes) and writes {@code event}s (32).
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class PollFunctions {

    private static final int EVENTTYPE_CLOCK = 0, EVENTTYPE_FD_READ = 1, EVENTTYPE_FD_WRITE = 2;
    private static final int SUBCLOCKFLAG_ABSTIME = 1;

    private final WasiStates states;

    PollFunctions(WasiStates states) {
        this.states = states;
    }

    @WasmExport
    public int pollOneoff(Module caller, int in, int out, int nsubscriptions, int nevents) {
        try {
            if (nsubscriptions == 0) {
                return Errno.INVAL;
            }
            WasiState s = states.of(caller);
            Memory m = caller.memory();
            long inP = u32(in);
            long outP = u32(out);
            int events = 0;
            long minTimeout = Long.MAX_VALUE;
            List<long[]> clocks = new ArrayList<>();
            for (int i = 0; i < nsubscriptions; i++) {
                long sub = inP + 48L * i;
                long userdata = m.readLong(sub);
                int tag = m.readByte(sub + 8) & 0xFF;
                if (tag == EVENTTYPE_CLOCK) {
                    int id = m.readInt(sub + 16);
                    long timeout = m.readLong(sub + 24);
                    int flags = m.readShort(sub + 40) & 0xFFFF;
                    int err = Errno.SUCCESS;
                    long relative = timeout;
                    if (id != 0 && id != 1) {
                        err = Errno.INVAL;
                    } else if ((flags & SUBCLOCKFLAG_ABSTIME) != 0) {
                        long now = id == 0 ? s.walltime() : s.nanotime();
                        relative = timeout - now;
                    }
                    if (err != Errno.SUCCESS) {
                        events = writeEvent(m, outP, events, userdata, err, 0, 0);
                    } else {
                        clocks.add(new long[] {userdata, Math.max(0, relative)});
                        minTimeout = Math.min(minTimeout, Math.max(0, relative));
                    }
                } else if (tag == EVENTTYPE_FD_READ || tag == EVENTTYPE_FD_WRITE) {
                    int fd = m.readInt(sub + 16);
                    Entry e = s.fds.get(fd);
                    int err = Errno.SUCCESS;
                    long nbytes = 0;
                    if (e == null) {
                        err = Errno.BADF;
                    } else if (e instanceof DirEntry) {
                        err = Errno.NOTSUP;
                    } else if (tag == EVENTTYPE_FD_READ && e instanceof StreamEntry st) {
                        if (st.in == null) {
                            err = Errno.BADF;
                        } else {
                            nbytes = Math.max(0, st.in.available());
                        }
                    } else if (tag == EVENTTYPE_FD_WRITE && e instanceof StreamEntry st && st.out == null) {
                        err = Errno.BADF;
                    } else if (tag == EVENTTYPE_FD_READ && e instanceof FileEntry f) {
                        nbytes = Math.max(0, f.channel.size() - f.position);
                    }
                    events = writeEvent(m, outP, events, userdata, err, tag, nbytes);
                } else {
                    return Errno.INVAL;
                }
            }
            if (events == 0 && !clocks.isEmpty()) {
                s.nanosleep(minTimeout);
                for (long[] c : clocks) {
                    if (c[1] <= minTimeout) {
                        events = writeEvent(m, outP, events, c[0], Errno.SUCCESS, EVENTTYPE_CLOCK, 0);
                    }
                }
            }
            m.writeInt(u32(nevents), events);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /** Writes the {@code index}th event and returns the next index. */
    private static int writeEvent(Memory m, long out, int index, long userdata, int error, int type, long nbytes) {
        long e = out + 32L * index;
        m.writeLong(e, userdata);
        m.writeShort(e + 8, (short) error);
        m.writeByte(e + 10, (byte) type);
        m.writeByte(e + 11, (byte) 0);
        m.writeInt(e + 12, 0);
        m.writeLong(e + 16, nbytes);
        m.writeShort(e + 24, (short) 0);
        m.writeShort(e + 26, (short) 0);
        m.writeInt(e + 28, 0);
        return index + 1;
    }
}
