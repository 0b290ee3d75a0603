package com.asaconsole.topology;

import java.util.List;

/**
 * A topology proposal from Exchange, item by item, beside what is modelled: each item is new, changed,
 * gone (modelled but no longer reported) or the same. Only new, changed and gone items can be confirmed.
 *
 * @param notes what Exchange reported that the proposal leaves out, and why
 */
record ExchangeProposal(long id, String forest, String askedServer, String exchangeVersion, List<Item> items, List<String> notes,
        boolean confirmed) {

    enum Kind {
        SITE("AD site"), SERVER("Exchange server"), ARRAY("RPC Client Access array"), NAMESPACE("Namespace");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    enum Change {
        NEW, CHANGED, GONE, SAME;

        public boolean confirmable() {
            return this != SAME;
        }
    }

    /**
     * @param key {@code kind:name}, what a confirmation names
     * @param proposed what Exchange says, in words (null for a gone item)
     * @param modelled what the topology holds now, in words (null for a new item)
     */
    record Item(String key, Kind kind, String name, Change change, String proposed, String modelled, List<String> notes) {

        Item {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        static String key(Kind kind, String name) {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
        }
    }

    public long count(Change change) {
        return items.stream().filter(i -> i.change() == change).count();
    }

    /** The counts in words, e.g. 2 new, 1 changed, 0 gone, 10 the same. */
    public String summary() {
        return count(Change.NEW) + " new, " + count(Change.CHANGED) + " changed, " + count(Change.GONE) + " gone, " + count(Change.SAME)
                + " the same.";
    }
}
