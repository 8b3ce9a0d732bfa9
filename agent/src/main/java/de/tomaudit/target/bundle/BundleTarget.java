package de.tomaudit.target.bundle;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offline bundle written by {@code scripts/collect.sh}, audited as if it were the host it came
 * from: reads, stats, listings and command results are answered from the bundle. What the
 * collection saw missing is missing ({@code NOT_FOUND}); what it was denied is denied; what it
 * never looked at is "not collected in this bundle" ({@code NOT_SUPPORTED}, so a collector records
 * not-applicable). The manifest's checksums are verified when the bundle is opened; a tampered
 * or hostile archive is refused there with a {@link BundleException}.
 */
public final class BundleTarget implements Target {
    private static final Logger LOG = LoggerFactory.getLogger(BundleTarget.class);
    private final Path file;
    private final Limits limits;
    private final BundleArchive archive;
    private final BundleManifest manifest;
    private final BundleIndex index;

    private BundleTarget(Path file, Limits limits, BundleArchive archive, BundleManifest manifest, BundleIndex index) {
        this.file = file;
        this.limits = limits;
        this.archive = archive;
        this.manifest = manifest;
        this.index = index;
    }

    /** Reads and verifies the bundle; every reason it cannot be audited is a {@link BundleException}. */
    public static BundleTarget open(Path file, Limits limits) throws BundleException {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new BundleException(AuditTexts.get("bundle.directory-target", String.valueOf(abs)));
        }
        BundleArchive archive = BundleArchive.read(abs, limits.maxFileBytes(), limits.maxOutputBytes());
        BundleArchive.Entry m = archive.entry(BundleLayout.MANIFEST)
                .orElseThrow(() -> new BundleException(AuditTexts.get("bundle.no-manifest", String.valueOf(abs))));
        BundleManifest manifest = BundleManifest.parse(m.data().orElseThrow());
        manifest.verify(archive);
        BundleArchive.Entry idx = archive.entry(BundleLayout.INDEX)
                .orElseThrow(() -> new BundleException(AuditTexts.get("bundle.no-index", String.valueOf(abs))));
        BundleIndex index = BundleIndex.parse(idx.data().orElseThrow());
        LOG.info("bundle {} of host {} collected {} by {}", abs, manifest.host(), manifest.time(), manifest.tool());
        return new BundleTarget(abs, limits, archive, manifest, index);
    }

    public BundleManifest manifest() {
        return manifest;
    }

    @Override public String name() { return manifest.host(); }
    @Override public String address() { return "bundle:" + file; }
    @Override public boolean canRunCommands() { return manifest.commands(); }

    @Override
    public FileContent read(String path) throws TargetException {
        FileContent content = readBytes(path);
        if (content.looksBinary()) {
            throw new TargetException(TargetException.Reason.BINARY, path, AuditTexts.get("target.file.binary", path));
        }
        return content;
    }

    @Override
    public FileContent readBytes(String path) throws TargetException {
        String p = key(path);
        Optional<BundleIndex.Failure> failed = index.failure("read", p).or(() -> index.failure("stat", p));
        if (failed.isPresent()) {
            throw failure(p, failed.get());
        }
        Optional<FileStat> st = index.stat(p);
        if (st.isEmpty()) {
            throw missing(p);
        }
        if (st.get().type() == FileStat.Type.DIRECTORY) {
            throw new TargetException(TargetException.Reason.IO, path, path + " is a directory");
        }
        if (st.get().type() != FileStat.Type.FILE) {
            throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.not-regular", path));
        }
        Optional<BundleArchive.Entry> entry = archive.entry(BundleLayout.fileEntry(p));
        long size = entry.map(BundleArchive.Entry::size).orElse(st.get().size());
        if (size > limits.maxFileBytes() || entry.map(BundleArchive.Entry::oversize).orElse(false)) {
            throw new TargetException(TargetException.Reason.TOO_LARGE, path,
                    AuditTexts.get("target.file.too-large", path, String.valueOf(size), String.valueOf(limits.maxFileBytes())));
        }
        if (entry.isEmpty()) {
            throw notCollected(path);
        }
        return new FileContent(path, entry.get().data().orElseThrow());
    }

    @Override
    public Optional<FileStat> stat(String path) throws TargetException {
        String p = key(path);
        Optional<BundleIndex.Failure> failed = index.failure("stat", p);
        if (failed.isPresent()) {
            throw failure(p, failed.get());
        }
        Optional<FileStat> st = index.stat(p);
        if (st.isPresent()) {
            FileStat s = st.get();
            return Optional.of(new FileStat(path, s.type(), s.mode(), s.owner(), s.group(), s.size(), s.modified()));
        }
        if (index.knownAbsent(p)) {
            return Optional.empty();
        }
        throw notCollected(path);
    }

    @Override
    public List<DirEntry> list(String dir) throws TargetException {
        String p = key(dir);
        Optional<BundleIndex.Failure> failed = index.failure("list", p).or(() -> index.failure("stat", p));
        if (failed.isPresent()) {
            throw failure(p, failed.get());
        }
        Optional<List<DirEntry>> listing = index.listing(p);
        if (listing.isPresent()) {
            return listing.get();
        }
        Optional<FileStat> st = index.stat(p);
        if (st.isPresent() && st.get().type() != FileStat.Type.DIRECTORY) {
            throw new TargetException(TargetException.Reason.IO, dir, dir + ": Not a directory");
        }
        throw missing(p);
    }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        Optional<BundleIndex.Run> run = index.run(command.id()).filter(r -> r.line().equals(command.line()));
        if (run.isEmpty() || run.get().status().equals("skipped")) {
            throw new TargetException(TargetException.Reason.NOT_SUPPORTED, command.line(),
                    AuditTexts.get("target.bundle.not-collected", command.line()));
        }
        return switch (run.get().status()) {
            case "missing" -> throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(),
                    AuditTexts.get("evidence.host.is-not-installed", command.argv().get(0)));
            case "timeout" -> throw new TargetException(TargetException.Reason.TIMEOUT, command.line(),
                    AuditTexts.get("target.bundle.timeout", command.line()));
            default -> new CommandResult(command, run.get().exitCode(),
                    output(BundleLayout.stdoutEntry(command.id())),
                    output(BundleLayout.stderrEntry(command.id())));
        };
    }

    private String output(String entryName) {
        Optional<BundleArchive.Entry> e = archive.entry(entryName);
        if (e.isEmpty()) {
            return "";
        }
        byte[] data = e.get().data().orElseThrow();
        return new String(data.length > limits.maxOutputBytes() ? Arrays.copyOf(data, limits.maxOutputBytes()) : data,
                StandardCharsets.UTF_8);
    }

    /** Missing when the collection saw it missing, else not collected. */
    private TargetException missing(String path) {
        if (index.knownAbsent(path)) {
            return new TargetException(TargetException.Reason.NOT_FOUND, path, AuditTexts.get("evidence.host.does-not-exist", path));
        }
        return notCollected(path);
    }

    private static TargetException notCollected(String path) {
        return new TargetException(TargetException.Reason.NOT_SUPPORTED, path, AuditTexts.get("target.bundle.not-collected", path));
    }

    private static TargetException failure(String path, BundleIndex.Failure f) {
        return new TargetException(f.reason(), path, f.message());
    }

    private static String key(String path) throws TargetException {
        return BundlePaths.normalize(path).orElseThrow(() ->
                new TargetException(TargetException.Reason.IO, String.valueOf(path), AuditTexts.get("target.file.not-absolute", String.valueOf(path))));
    }
}
