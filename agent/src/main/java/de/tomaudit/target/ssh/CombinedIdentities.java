package de.tomaudit.target.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.util.Optional;
import java.util.Vector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The keys offered at login: ssh-agent's first (as ssh does), then the key files. Read-only. */
final class CombinedIdentities implements IdentityRepository {
    private static final Logger LOG = LoggerFactory.getLogger(CombinedIdentities.class);
    private final Optional<IdentityRepository> agent;
    private final IdentityRepository files;
    private volatile int agentKeys;

    CombinedIdentities(Optional<IdentityRepository> agent, IdentityRepository files) {
        this.agent = agent;
        this.files = files;
    }

    @Override public String getName() { return "tomaudit"; }
    @Override public int getStatus() { return RUNNING; }

    @Override
    public Vector<Identity> getIdentities() {
        Vector<Identity> out = new Vector<>();
        agent.ifPresent(a -> {
            try {
                Vector<Identity> ids = a.getIdentities();
                agentKeys = ids.size();
                out.addAll(ids);
            } catch (RuntimeException e) {
                LOG.debug("ssh-agent not usable: {}", e.toString());
            }
        });
        out.addAll(files.getIdentities());
        return out;
    }

    /** How many keys the agent offered at the last login. */
    int agentKeys() {
        return agentKeys;
    }

    @Override public boolean add(byte[] identity) { return false; }
    @Override public boolean remove(byte[] blob) { return false; }
    @Override public void removeAll() { }
}
