package de.tomaudit.target.bundle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Target paths as keys: absolute, no empty or {@code .} parts, {@code ..} taken back lexically. */
final class BundlePaths {

    private BundlePaths() { }

    static Optional<String> normalize(String path) {
        if (path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return Optional.of("/" + String.join("/", parts));
    }
}
