package io.remora.agent.instrument.inline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What test advice saw, in order: public, as advice inlined into a class of another loader calls it. */
public final class Seen {
    public static final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private Seen() {
    }
}
