package com.acme.shop;

/**
 * Part of {@code MethodsApp}, in a package of its own: the agent never instruments {@code io.remora.*}.
 * Loaded before the agent's transformer is in place, so its methods are timed by retransformation.
 * {@code place} is named in {@code remora.methods}, {@code cancel} is not.
 */
public final class Orders {

    private static IllegalArgumentException lastThrown;

    private int placed;

    public int place(int quantity) {
        if (quantity < 0) {
            lastThrown = new IllegalArgumentException("negative quantity " + quantity);
            throw lastThrown;
        }
        placed += quantity;
        return placed;
    }

    /** What {@code place} threw last, to check that the caller gets that very exception. */
    public static IllegalArgumentException lastThrown() {
        return lastThrown;
    }

    public int cancel() {
        placed = 0;
        return placed;
    }
}
