package de.tomaudit.collect.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The accounts of /etc/passwd: name, uid and home directory, in file order. */
public record ProcessesPasswdFile(List<Account> accounts) {

    public record Account(String name, long uid, String home) { }

    public ProcessesPasswdFile {
        accounts = List.copyOf(accounts);
    }

    public static ProcessesPasswdFile parse(String text) {
        List<Account> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 7 || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(new Account(f[0], Long.parseLong(f[2]), f[5]));
            } catch (NumberFormatException e) {
                // a broken line: skipped, the others still count
            }
        }
        return new ProcessesPasswdFile(out);
    }

    public Optional<Account> byUid(long uid) {
        return accounts.stream().filter(a -> a.uid() == uid).findFirst();
    }

    public Optional<Account> byName(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The full name of a user name ps cut to 7 characters and {@code +}, when exactly one account fits. */
    public Optional<String> untruncate(String psUser) {
        if (!psUser.endsWith("+") || psUser.length() < 2) {
            return Optional.empty();
        }
        String prefix = psUser.substring(0, psUser.length() - 1);
        List<Account> fits = accounts.stream()
                .filter(a -> a.name().length() > psUser.length() - 1 && a.name().startsWith(prefix)).toList();
        return fits.size() == 1 ? Optional.of(fits.get(0).name()) : Optional.empty();
    }
}
