package de.tomaudit.parse.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code listen} into {@link Listener}s; entries ejabberd would refuse become problems. */
public final class Listeners {
    static final String DEFAULT_IP = "0.0.0.0";

    private Listeners() { }

    public static List<Listener> read(EjabberdConfig config, List<ConfigProblem> problems) {
        Optional<Option> listen = config.global("listen");
        if (listen.isEmpty()) {
            return List.of();
        }
        List<Listener> out = new ArrayList<>();
        for (EjValue item : listen.get().value().items()) {
            if (!(item instanceof EjValue.Mapping m)) {
                problems.add(new ConfigProblem(item.where(), AuditTexts.get("evidence.ejabberd.listener-not-map"), false));
                continue;
            }
            Optional<EjValue> port = m.get("port");
            Optional<String> module = m.get("module").flatMap(EjValue::scalarText);
            if (port.isEmpty() || module.isEmpty()) {
                problems.add(new ConfigProblem(m.where(), AuditTexts.get("evidence.ejabberd.listener-incomplete"), false));
                continue;
            }
            String portText = port.get().scalarText().orElse(port.get().display());
            String ip = m.get("ip").flatMap(EjValue::scalarText).orElse(DEFAULT_IP);
            String transport = m.get("transport").flatMap(EjValue::atom).orElse("tcp");
            boolean tls = bool(m, "tls", problems);
            boolean starttls = bool(m, "starttls", problems);
            boolean required = bool(m, "starttls_required", problems);
            List<String> protocolOptions = new ArrayList<>();
            String protocolSource = "default: ejabberd 23.01 (" + AuditTexts.get("evidence.ejabberd.no-protocol-options") + ")";
            Optional<String> ciphers = m.get("ciphers").flatMap(EjValue::scalarText);
            Optional<EjValue> own = m.get("protocol_options");
            if (own.isPresent()) {
                own.get().items().forEach(v -> v.scalarText().ifPresent(protocolOptions::add));
                protocolSource = own.get().where().toString();
            }
            String prefix = module.get().equals("ejabberd_c2s") ? "c2s" : module.get().equals("ejabberd_s2s_in") ? "s2s" : null;
            if (prefix != null) {
                Optional<Option> global = config.global(prefix + "_protocol_options");
                if (global.isPresent()) {
                    protocolOptions.clear();
                    global.get().value().items().forEach(v -> v.scalarText().ifPresent(protocolOptions::add));
                    protocolSource = global.get().value().where().toString();
                }
                Optional<String> globalCiphers = config.global(prefix + "_ciphers").flatMap(o -> o.value().scalarText());
                if (globalCiphers.isPresent()) {
                    ciphers = globalCiphers;
                }
            }
            List<Listener.RequestHandler> handlers = new ArrayList<>();
            m.get("request_handlers").ifPresent(h -> {
                for (EjValue.Entry e : h.entries()) {
                    e.value().scalarText().ifPresent(mod -> handlers.add(new Listener.RequestHandler(e.key().text(), mod,
                            e.key().loc())));
                }
            });
            java.util.Map<String, Loc> locs = new java.util.LinkedHashMap<>();
            for (EjValue.Entry e : m.entries()) {
                locs.put(e.key().text(), e.value().macro().isPresent() ? e.value().where() : e.key().loc());
            }
            out.add(new Listener(portText, port.get().integer(), ip, transport, module.get(), tls, starttls, required,
                    protocolOptions, protocolSource, ciphers, handlers, m.where(), locs));
        }
        return out;
    }

    private static boolean bool(EjValue.Mapping m, String key, List<ConfigProblem> problems) {
        Optional<EjValue> v = m.get(key);
        if (v.isEmpty()) {
            return false;
        }
        Optional<Boolean> b = v.get().bool();
        if (b.isEmpty()) {
            problems.add(new ConfigProblem(v.get().where(), AuditTexts.get("evidence.ejabberd.not-boolean-value", key), false));
            return false;
        }
        return b.get();
    }
}
