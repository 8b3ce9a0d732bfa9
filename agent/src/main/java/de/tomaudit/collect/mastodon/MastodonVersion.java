package de.tomaudit.collect.mastodon;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mastodon's version from {@code lib/mastodon/version.rb} or a docker image tag. */
record MastodonVersion(int major, int minor, int patch, String text) {
    private static final Pattern PART = Pattern.compile("def\\s+(major|minor|patch)\\s*\\n?\\s*(\\d+)\\s*\\n?\\s*end");
    private static final Pattern IMAGE = Pattern.compile("image:\\s*['\"]?[^\\s'\"]*mastodon[^\\s'\":]*:v?(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Long form for rules: 4.3.2 is 40302. */
    long number() {
        return major * 10_000L + minor * 100L + patch;
    }

    static Optional<MastodonVersion> fromVersionRb(String text) {
        Integer major = null;
        Integer minor = null;
        Integer patch = null;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            int v = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "major" -> major = v;
                case "minor" -> minor = v;
                default -> patch = v;
            }
        }
        if (major == null || minor == null || patch == null) {
            return Optional.empty();
        }
        return Optional.of(new MastodonVersion(major, minor, patch, major + "." + minor + "." + patch));
    }

    /** The first Mastodon image tag with a version in a compose file ({@code ghcr.io/mastodon/mastodon:v4.3.2}). */
    static Optional<MastodonVersion> fromCompose(String text) {
        Matcher m = IMAGE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        int c = Integer.parseInt(m.group(3));
        return Optional.of(new MastodonVersion(a, b, c, a + "." + b + "." + c));
    }

    /** 1-based line of the match in the text, for evidence. */
    static int lineOf(String text, String needle) {
        int i = text.indexOf(needle);
        return i < 0 ? 0 : (int) text.substring(0, i).chars().filter(ch -> ch == '\n').count() + 1;
    }
}
