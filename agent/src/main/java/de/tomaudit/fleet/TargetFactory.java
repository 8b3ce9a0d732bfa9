package de.tomaudit.fleet;

import de.tomaudit.audit.TargetOpener;
import de.tomaudit.target.Target;

/** Opens the target a fleet entry names, with its own settings; failing to reach it is an UnreachableException. */
@FunctionalInterface
public interface TargetFactory {

    Target open(FleetTarget target) throws TargetOpener.UnreachableException;
}
