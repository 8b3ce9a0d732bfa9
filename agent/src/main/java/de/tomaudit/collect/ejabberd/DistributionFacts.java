package de.tomaudit.collect.ejabberd;

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
                ? new Evidence(d.portSetting().source(), "ERL_DIST_PORT unset: EPMD is started on port 4369 and the node"
                        + " takes a random port" + d.portRange().map(r -> " in " + r).orElse(""))
                : new Evidence(d.portSetting().source(), "ERL_DIST_PORT=" + d.distPort() + ": fixed port, EPMD not started");
        Evidence epmd = new Evidence(d.epmdSetting().source(), d.epmdAddresses().isEmpty()
                ? "ERL_EPMD_ADDRESS unset: EPMD listens on every interface" : "ERL_EPMD_ADDRESS=" + String.join(",", d.epmdAddresses()));
        Evidence iface = new Evidence(d.distInterfaceSource(), d.distInterface().isEmpty()
                ? "distribution port on every interface" : "distribution port bound to " + d.distInterface());
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
