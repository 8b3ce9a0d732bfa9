package de.tomaudit.parse.ejabberd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who access rules, ACLs and api_permissions let in. */
class AccessRulesTest {
    private static final String MAIN = "/etc/ejabberd/ejabberd.yml";
    private static final String BASE = "hosts: [x]\nacl:\n  local:\n    user_regexp: \"\"\n  loopback:\n    ip: [127.0.0.0/8, \"::1/128\"]\n"
            + "  lan:\n    ip: 192.168.0.0/16\n  admin:\n    user: [admin@x]\n"
            + "access_rules:\n  open:\n    deny: blocked\n    allow: all\n  closed:\n    deny: all\n    allow: all\n"
            + "  trusted_network:\n    allow: loopback\n  lan_only:\n    - allow: lan\n";

    private static EjabberdConfig config(String more) {
        return EjabberdConfigReader.read(MAIN, List.of(), "/var/lib/ejabberd", new Files().put(MAIN, BASE + more));
    }

    private static AccessRules.Grant grant(String value) {
        EjabberdConfig c = config("");
        return new AccessRules(c).access(new EjValue.Scalar(value, EjValue.Type.ATOM, new Loc(MAIN, 1), Optional.empty()));
    }

    @Test
    void rulesAreReadTopDown() {
        assertTrue(grant("all").everyone());
        assertFalse(grant("none").fromPublicAddress());
        assertTrue(grant("open").everyone(), "deny blocked then allow all");
        assertFalse(grant("closed").everyone(), "deny all ends the rule");
        AccessRules.Grant trusted = grant("trusted_network");
        assertFalse(trusted.everyone());
        assertFalse(trusted.fromPublicAddress());
        AccessRules.Grant lan = grant("lan_only");
        assertFalse(lan.everyone());
        assertTrue(lan.fromPublicAddress(), "a LAN range is beyond loopback");
        assertFalse(grant("undefined_rule").everyone());
    }

    @Test
    void apiPermissionsDefaultAndPublicCallers() {
        assertEquals(List.of(ApiPermission.DEFAULT), ApiPermission.read(config(""), new AccessRules(config(""))));
        EjabberdConfig c = config("api_permissions:\n  \"a\":\n    from: mod_http_api\n    who: all\n    what: \"*\"\n"
                + "  \"b\":\n    who:\n      access:\n        allow:\n          - acl: loopback\n          - acl: admin\n"
                + "      oauth:\n        scope: \"ejabberd:admin\"\n    what: [\"*\", \"!stop\"]\n"
                + "  \"c\":\n    who:\n      ip: 10.0.0.0/8\n    what: [status]\n"
                + "  \"d\":\n    from: [ejabberd_ctl]\n    who: admin\n    what: [\"!*\"]\n");
        List<ApiPermission> p = ApiPermission.read(c, new AccessRules(c));
        assertEquals(4, p.size());
        assertTrue(p.get(0).publicCaller());
        assertTrue(p.get(0).appliesTo("mod_http_api"));
        assertFalse(p.get(0).appliesTo("ejabberd_xmlrpc"));
        assertFalse(p.get(1).publicCaller(), "loopback and an authenticated admin");
        assertTrue(p.get(1).appliesTo("ejabberd_xmlrpc"), "no from: every interface");
        assertTrue(p.get(2).publicCaller());
        assertFalse(p.get(3).grantsCommands());
        assertEquals(new Loc(MAIN, 23), p.get(0).source());
    }

    @Test
    void addresses() {
        assertTrue(Addresses.isLoopback("127.0.0.1"));
        assertTrue(Addresses.isLoopback("::1"));
        assertTrue(Addresses.isLoopback("::ffff:127.0.0.5"));
        assertFalse(Addresses.isLoopback("::"));
        assertFalse(Addresses.isLoopback("0.0.0.0"));
        assertTrue(Addresses.isLoopbackRange("127.0.0.1/8"));
        assertFalse(Addresses.isLoopbackRange("127.0.0.1/7"));
        assertFalse(Addresses.isLoopbackRange("0.0.0.0/0"));
        assertTrue(Addresses.isLoopbackRange("::1/128"));
        assertTrue(Addresses.isWildcard("::"));
    }
}
