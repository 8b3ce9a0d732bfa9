package de.tomaudit.collect.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.parse.ejabberd.EjabberdctlSettings;

/** The Erlang distribution (EPMD and the node's port) as ejabberdctl starts it, from ejabberdctl.cfg. */
final class DistributionFacts {

    private DistributionFacts() { }

    static void put(EjabberdctlSettings ctl, FactSet.Builder facts) {
        EjabberdctlSettings.Distribution d = ctl.distribution();
        Evidence port = d.epmdStarted()
                ? new Evidence(d.portSetting().source(), d.portRange().map(r -> AuditTexts.get("evidence.ejabberd.epmd-started-range", r))
                        .orElseGet(() -> AuditTexts.get("evidence.ejabberd.epmd-started")))
                : new Evidence(d.portSetting().source(), AuditTexts.get("evidence.ejabberd.dist-port-fixed", String.valueOf(d.distPort())));
        Evidence epmd = new Evidence(d.epmdSetting().source(), d.epmdAddresses().isEmpty()
                ? AuditTexts.get("evidence.ejabberd.epmd-every-interface") : "ERL_EPMD_ADDRESS=" + String.join(",", d.epmdAddresses()));
        Evidence iface = new Evidence(d.distInterfaceSource(), d.distInterface().isEmpty()
                ? AuditTexts.get("evidence.ejabberd.dist-every-interface") : AuditTexts.get("evidence.ejabberd.dist-bound", d.distInterface()));
        facts.put("ejabberd.dist.epmd_started", d.epmdStarted(), port);
        facts.put("ejabberd.dist.epmd_addresses", d.epmdAddresses(), epmd);
        facts.put("ejabberd.dist.epmd_loopback_only", d.epmdLoopbackOnly(), epmd);
        facts.put("ejabberd.dist.interface", d.distInterface(), iface);
        facts.put("ejabberd.dist.interface_loopback", d.interfaceLoopback(), iface);
        facts.put("ejabberd.dist.port", d.distPort(), port);
        facts.put("ejabberd.dist.node", d.nodeName().value(), new Evidence(d.nodeName().source(),
                "ERLANG_NODE=" + d.nodeName().value()));
        d.cookie().ifPresent(c -> {
            Secret s = Secret.of(c);
            facts.put("ejabberd.dist.cookie", s, new Evidence(ctl.get("ERL_OPTIONS").source(), "-setcookie " + s));
        });
    }
}
