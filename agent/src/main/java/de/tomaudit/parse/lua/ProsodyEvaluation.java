package de.tomaudit.parse.lua;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of evaluating a configuration: the configuration, or the problem that stopped the
 * evaluation (with its file and line), plus the files evaluated so far either way.
 */
public record ProsodyEvaluation(Optional<ProsodyConfig> config, Optional<ConfigProblem> failure, List<String> files) {

    public ProsodyEvaluation {
        if (config.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("either a configuration or a failure");
        }
        files = List.copyOf(files);
    }

    public static ProsodyEvaluation of(ProsodyConfig config) {
        return new ProsodyEvaluation(Optional.of(config), Optional.empty(), config.files());
    }

    public static ProsodyEvaluation failed(ConfigProblem problem, List<String> files) {
        return new ProsodyEvaluation(Optional.empty(), Optional.of(problem), files);
    }

    public boolean ok() {
        return config.isPresent();
    }
}
