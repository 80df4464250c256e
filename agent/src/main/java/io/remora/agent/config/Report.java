package io.remora.agent.config;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * What loading the configuration tells the user: one line per bad value
 * ({@code <name>=<value>: <what is wrong>; <what happens instead>}, secrets masked, as the user
 * wrote the name) and one line per setting with its effective value and origin, for debug.
 */
final class Report {

    private final List<String> problems = new ArrayList<>();
    private final List<String> effective = new ArrayList<>();

    List<String> problems() {
        return problems;
    }

    List<String> effective() {
        return effective;
    }

    void problem(ConfigSource.Entry entry, String what) {
        problem(entry, entry == null ? null : entry.writtenName(), entry == null ? null : entry.value(), what);
    }

    /** For a value the agent chose itself (no entry): {@code defaultName=value}. */
    void problem(ConfigSource.Entry entry, String defaultName, String value, String what) {
        String name = entry != null ? entry.writtenName() : defaultName;
        String setting = entry != null ? entry.name() : defaultName;
        problems.add(OneLine.of(name + "=" + Masking.value(setting, value) + ": " + what));
    }

    void record(String name, String value, ConfigSource.Entry entry) {
        effective.add("config " + name + "=" + value + " (" + (entry == null ? "default" : entry.origin()) + ")");
    }

    /** An I/O failure in a few words: the exception's own message is often only the path again. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
