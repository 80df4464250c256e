package io.remora.agent.instrument.renaming.to;

/** The same type in the other namespace. */
public interface Request {
    String method();
}
