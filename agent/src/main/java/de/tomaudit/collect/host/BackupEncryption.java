package de.tomaudit.collect.host;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.cron.ShellCommand;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a job's backups are encrypted at rest, where the tool can tell: restic always; duplicity
 * and duplicati unless told not to; borg from the key type borg records per repository in the
 * client's security directory (~/.config/borg/security/ID/key-type), else from the repository's
 * {@code nonce} file, which only encrypting modes write; a gpg, age, ccrypt or {@code openssl enc}
 * stage in the pipeline; or an artefact named {@code .gpg}/{@code .age}/{@code .enc}. Otherwise the
 * plain tools (pg_dump, tar, rsync, rsnapshot …) write plaintext.
 */
final class BackupEncryption {

    /** A verdict ({@code true}, {@code false} or {@code "unknown"}) and why. */
    record Verdict(Object value, String why) { }

    /** borg 1.x key types: 0 keyfile, 1 passphrase, 3 repokey, 4/5 blake2 keyfile/repokey are encrypting. */
    private static final Set<String> BORG_ENCRYPTING = Set.of("0", "1", "3", "4", "5");
    private static final Set<String> BORG_PLAIN = Set.of("2", "6", "7");
    private static final List<String> ENCRYPTED_SUFFIXES = List.of(".gpg", ".pgp", ".asc", ".age", ".enc", ".cpt");

    private BackupEncryption() { }

    static Verdict of(Target target, BackupInvocation inv, BackupLocation loc, BackupArtefacts.Newest newest,
                      String home, List<String> unreadable) {
        Optional<String> filter = encryptingStage(inv);
        if (filter.isPresent()) {
            return new Verdict(true, AuditTexts.get("evidence.host.backup.pipe-encrypted", filter.get()));
        }
        Optional<String> name = newest.newest().map(s -> s.path()).or(() -> loc.path());
        if (name.isPresent() && ENCRYPTED_SUFFIXES.stream().anyMatch(s -> name.get().toLowerCase(Locale.ROOT).endsWith(s))) {
            return new Verdict(true, AuditTexts.get("evidence.host.backup.encrypted-file", name.get()));
        }
        return switch (inv.tool()) {
            case "restic" -> new Verdict(true, AuditTexts.get("evidence.host.backup.restic"));
            case "duplicity" -> inv.argv().contains("--no-encryption")
                    ? new Verdict(false, "duplicity --no-encryption") : new Verdict(true, AuditTexts.get("evidence.host.backup.duplicity"));
            case "duplicati-cli" -> inv.argv().stream().anyMatch(a -> a.equals("--no-encryption") || a.equals("--no-encryption=true"))
                    ? new Verdict(false, "duplicati --no-encryption") : new Verdict(true, AuditTexts.get("evidence.host.backup.duplicati"));
            case "borg", "borgmatic" -> borg(target, inv, loc, home, unreadable);
            default -> new Verdict(false, AuditTexts.get("evidence.host.backup.plaintext", inv.tool()));
        };
    }

    private static Optional<String> encryptingStage(BackupInvocation inv) {
        for (ShellCommand c : inv.pipeline().commands()) {
            List<String> argv = BackupToolFinder.unwrap(c.argv(), new java.util.HashMap<>());
            if (argv.isEmpty()) {
                continue;
            }
            String p = BackupToolFinder.basename(argv.get(0));
            boolean gpg = (p.equals("gpg") || p.equals("gpg2")) && argv.stream().anyMatch(a -> a.equals("-e")
                    || a.equals("--encrypt") || a.equals("-c") || a.equals("--symmetric") || a.matches("-[a-zA-Z]*[ec][a-zA-Z]*"));
            boolean openssl = p.equals("openssl") && argv.size() > 1
                    && (argv.get(1).equals("enc") || argv.get(1).startsWith("aes") || argv.get(1).equals("smime") || argv.get(1).equals("cms"));
            if (gpg || openssl || p.equals("age") || p.equals("ccrypt") || p.equals("rage")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Verdict borg(Target target, BackupInvocation inv, BackupLocation loc, String home, List<String> unreadable) {
        String repo = loc.path().orElse(loc.display());
        Optional<String> keyType = borgKeyType(target, inv, repo, home, unreadable);
        if (keyType.isPresent()) {
            if (BORG_ENCRYPTING.contains(keyType.get())) {
                return new Verdict(true, AuditTexts.get("evidence.host.backup.borg-encrypting", keyType.get()));
            }
            if (BORG_PLAIN.contains(keyType.get())) {
                return new Verdict(false, AuditTexts.get("evidence.host.backup.borg-plain", keyType.get()));
            }
        }
        if (loc.path().isEmpty()) {
            return new Verdict("unknown", AuditTexts.get("evidence.host.backup.borg-remote"));
        }
        try {
            if (!target.exists(repo + "/config")) {
                return new Verdict("unknown", AuditTexts.get("evidence.host.backup.borg-no-config", repo));
            }
            return target.exists(repo + "/nonce")
                    ? new Verdict(true, AuditTexts.get("evidence.host.backup.borg-nonce", repo))
                    : new Verdict(false, AuditTexts.get("evidence.host.backup.borg-no-nonce", repo));
        } catch (TargetException e) {
            unreadable.add(e.getMessage());
            return new Verdict("unknown", e.getMessage());
        }
    }

    /** The key type borg recorded for this repository location in the job user's security directory. */
    private static Optional<String> borgKeyType(Target target, BackupInvocation inv, String repo, String home,
                                                List<String> unreadable) {
        String base = inv.env().containsKey("BORG_SECURITY_DIR") ? inv.env().get("BORG_SECURITY_DIR")
                : inv.env().containsKey("BORG_CONFIG_DIR") ? inv.env().get("BORG_CONFIG_DIR") + "/security"
                : home + "/.config/borg/security";
        try {
            for (String location : target.glob(base + "/*/location")) {
                String recorded = target.read(location).text().strip();
                if (recorded.equals(repo) || recorded.equals(repo + "/") || recorded.endsWith("://" + repo)
                        || recorded.equals("file://" + repo)) {
                    String dir = location.substring(0, location.length() - "/location".length());
                    return Optional.of(target.read(dir + "/key-type").text().strip());
                }
            }
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                unreadable.add(e.getMessage());
            }
        }
        return Optional.empty();
    }
}
