package io.tokenhook.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The master key in {@code {data-dir}/master.key}: its base64 and a newline, mode 0600. Written atomically (a
 * private temporary file, synced, then linked or renamed into place), so a reader never sees half a key. A file
 * that its group or others may use is refused, as ssh refuses such a private key: the key would be one {@code cat}
 * away from every local account. A rotation stages the next key in {@code master.key.next}.
 */
final class MasterKeyFile implements MasterKeySource {
    static final String NAME = "master.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final Path next;

    MasterKeyFile(Path dataDir) {
        this.file = dataDir.resolve(NAME).toAbsolutePath();
        this.next = dataDir.resolve(NAME + ".next").toAbsolutePath();
    }

    @Override
    public Optional<MasterKey> load() {
        return read(file);
    }

    @Override
    public MasterKey create() {
        var key = MasterKey.generate();
        Path temp = writePrivate(key);
        try {
            // a hard link never replaces: if another process created the file meanwhile, its key is the one
            Files.createLink(file, temp);
            syncDirectory(file.getParent());
            return key;
        } catch (FileAlreadyExistsException e) {
            return load().orElseThrow();
        } catch (IOException | UnsupportedOperationException e) {
            move(temp, file, false);  // a file system without hard links
            return key;
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void stage(MasterKey key) {
        move(writePrivate(key), next, true);
    }

    @Override
    public Optional<MasterKey> staged() {
        return read(next);
    }

    @Override
    public void replace(MasterKey key) {
        if (!read(next).map(MasterKey::id).equals(Optional.of(key.id()))) {
            throw new IllegalStateException(next + " does not hold the key " + key.id() + " to put in place");
        }
        move(next, file, true);
    }

    @Override
    public String where() {
        return file.toString();
    }

    private static Optional<MasterKey> read(Path path) {
        if (!Files.exists(path)) return Optional.empty();
        try {
            var mode = Files.getPosixFilePermissions(path);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new IllegalArgumentException(path + " is open to other accounts (mode " + PosixFilePermissions.toString(mode)
                        + "); make it private to the server's user: chmod 600 " + path);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its access control is the operator's
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(MasterKey.fromBase64(Files.readString(path, StandardCharsets.US_ASCII), path.toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** The key in a new temporary file beside the target, owner-only from its creation, synced to disk. */
    private Path writePrivate(MasterKey key) {
        Path temp = file.resolveSibling("." + NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp);
            }
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write the master key beside " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to, boolean replace) {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
            syncDirectory(to.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the master key in place at " + to + ": " + e.getMessage(), e);
        }
    }

    /** Makes a rename durable: on Linux the directory entry reaches the disk only when the directory is synced. */
    private static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename still happened
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temporary file is owner-only and named as such
        }
    }

    @Override
    public String toString() {
        return "MasterKeyFile[" + file + "]";
    }
}
