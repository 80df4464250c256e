package io.remora.agent.instrument.renaming.from;

/** A type of the namespace an advice class is written against. */
public interface Request {
    String method();
}
