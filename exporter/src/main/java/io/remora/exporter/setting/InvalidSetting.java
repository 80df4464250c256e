package io.remora.exporter.setting;

/**
 * A value a builder refuses. The message names the setting for a library user; {@link #problem()}
 * is only what is wrong, worded to follow {@code name=value: } in the agent's one-line report, so
 * the builder's rule is the only one and the report can still name what the user wrote.
 */
public final class InvalidSetting extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    public InvalidSetting(String message, String problem) {
        super(message);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }

    /** What is wrong, from any refusal: a plain IllegalArgumentException's message is taken whole. */
    public static String problemOf(IllegalArgumentException e) {
        return e instanceof InvalidSetting ? ((InvalidSetting) e).problem() : e.getMessage();
    }
}
