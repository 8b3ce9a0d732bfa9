package de.tomaudit.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The immutable facts of one target: values, what could not be known, and retentions. */
public final class FactSet {
    private final Map<String, Fact> facts;
    private final List<Unavailable> unavailable;
    private final List<Retention> retentions;
    private final List<Processor> processors;
    private final Map<Fact, Object> derived = new java.util.IdentityHashMap<>();

    private FactSet(Map<String, Fact> facts, List<Unavailable> unavailable, List<Retention> retentions,
                    List<Processor> processors) {
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        this.unavailable = List.copyOf(unavailable);
        this.retentions = List.copyOf(retentions);
        this.processors = List.copyOf(processors);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code fn} of a fact's value, worked out once per fact set: every rule that reads a fact of
     * thousands of entries (30,000 sshd Match overrides) shares one conversion.
     */
    public Object derived(Fact fact, java.util.function.Function<Object, Object> fn) {
        synchronized (derived) {
            Object v = derived.get(fact);
            if (v == null) {
                v = fn.apply(fact.value());
                derived.put(fact, v);
            }
            return v;
        }
    }

    public Optional<Fact> get(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    public Map<String, Fact> all() {
        return facts;
    }

    /** Why a key is not known: the most specific entry covering it, errors before n/a. */
    public Optional<Unavailable> whyMissing(String key) {
        Unavailable best = null;
        for (Unavailable u : unavailable) {
            if (!u.covers(key)) {
                continue;
            }
            if (best == null || u.key().length() > best.key().length()
                    || (u.key().length() == best.key().length() && u.kind() == Unavailable.Kind.ERROR)) {
                best = u;
            }
        }
        return Optional.ofNullable(best);
    }

    public List<Unavailable> unavailable() {
        return unavailable;
    }

    /** These facts without the keys under {@code prefix} (the prefix itself or {@code prefix.*}) and their unavailable entries. */
    public FactSet withoutPrefix(String prefix) {
        Map<String, Fact> kept = new LinkedHashMap<>(facts);
        kept.keySet().removeIf(k -> k.equals(prefix) || k.startsWith(prefix + "."));
        List<Unavailable> why = new ArrayList<>(unavailable);
        why.removeIf(u -> u.key().equals(prefix) || u.key().startsWith(prefix + "."));
        return new FactSet(kept, why, retentions, processors);
    }

    public List<Retention> retentions() {
        return retentions;
    }

    /** External processors the configuration names (Art. 28/44). */
    public List<Processor> processors() {
        return processors;
    }

    /** Collects facts; later puts of the same key replace earlier ones (a command's effective
     *  value over a parsed file, say). A put removes an Unavailable of exactly that key. */
    public static final class Builder {
        private final Map<String, Fact> facts = new LinkedHashMap<>();
        private final List<Unavailable> unavailable = new ArrayList<>();
        private final List<Retention> retentions = new ArrayList<>();
        private final List<Processor> processors = new ArrayList<>();

        public Builder put(Fact fact) {
            facts.put(fact.key(), fact);
            unavailable.removeIf(u -> u.key().equals(fact.key()));
            return this;
        }

        public Builder put(String key, Object value, Evidence... evidence) {
            return put(Fact.of(key, value, evidence));
        }

        public Builder put(String key, Object value, List<Evidence> evidence) {
            return put(new Fact(key, value, evidence));
        }

        public Builder unavailable(Unavailable u) {
            unavailable.add(u);
            return this;
        }

        public Builder notApplicable(String key, String reason) {
            return unavailable(Unavailable.notApplicable(key, reason));
        }

        public Builder error(String key, String stage, String reason) {
            return unavailable(Unavailable.error(key, stage, reason));
        }

        public Builder retention(Retention r) {
            retentions.add(r);
            return this;
        }

        public Builder processor(Processor p) {
            processors.add(p);
            return this;
        }

        public Builder addAll(FactSet other) {
            other.facts.values().forEach(this::put);
            unavailable.addAll(other.unavailable);
            retentions.addAll(other.retentions);
            processors.addAll(other.processors);
            return this;
        }

        public boolean has(String key) {
            return facts.containsKey(key);
        }

        public FactSet build() {
            return new FactSet(facts, unavailable, retentions, processors);
        }
    }
}
