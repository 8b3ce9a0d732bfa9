package de.tomaudit.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A class of the agent that implements {@link Target} and holds another Target (a decorator: a
 * name, a recorder, a redirect) must itself implement every method of the interface, defaults
 * included: a forgotten default silently drops behaviour (byte reads, the probe address, access
 * problems), as the fleet's name wrapper once did.
 */
class TargetWrappersTest {

    /** The methods of Target this class does not declare itself (it inherits the interface's default). */
    static List<String> notForwarded(Class<?> c) {
        List<String> out = new ArrayList<>();
        for (Method m : Target.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                c.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                out.add(m.getName());
            }
        }
        return out;
    }

    static boolean wrapsATarget(Class<?> c) {
        for (Field f : c.getDeclaredFields()) {
            if (Target.class.isAssignableFrom(f.getType()) && !Modifier.isStatic(f.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyTargetWrapperInTheAgentForwardsEveryMethod() throws Exception {
        Path classes = Path.of(Target.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> implementations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, Target.class.getClassLoader());
                if (c.isInterface() || !Target.class.isAssignableFrom(c)) {
                    continue;
                }
                implementations.add(c.getSimpleName());
                if (wrapsATarget(c) && !notForwarded(c).isEmpty()) {
                    problems.add(c.getName() + " does not forward " + notForwarded(c));
                }
            }
        }
        assertTrue(implementations.containsAll(List.of("LocalTarget", "DirTarget", "SshTarget", "BundleTarget")),
                "the scan sees the agent's targets: " + implementations);
        assertEquals(List.of(), problems);
    }

    /** The check itself: a wrapper that forgets the defaults is caught, one that forwards all is not. */
    @Test
    void theCheckCatchesAWrapperThatForgetsADefault() {
        assertTrue(wrapsATarget(Forgetful.class));
        // every default method of Target it does not declare, the SSH port forward included
        assertEquals(java.util.Set.of("readBytes", "probeHost", "glob", "exists", "accessProblems", "forward"),
                java.util.Set.copyOf(notForwarded(Forgetful.class)));
    }

    /** As fleet/NamedTarget was. */
    private static final class Forgetful implements Target {
        private final Target delegate = new DirTarget(Path.of("/"), Limits.DEFAULT);

        @Override public String name() { return "named"; }
        @Override public String address() { return delegate.address(); }
        @Override public boolean canRunCommands() { return delegate.canRunCommands(); }
        @Override public FileContent read(String path) throws TargetException { return delegate.read(path); }
        @Override public Optional<FileStat> stat(String path) throws TargetException { return delegate.stat(path); }
        @Override public List<DirEntry> list(String dir) throws TargetException { return delegate.list(dir); }
        @Override public CommandResult run(Command command) throws TargetException { return delegate.run(command); }
        @Override public void close() { delegate.close(); }
    }
}
