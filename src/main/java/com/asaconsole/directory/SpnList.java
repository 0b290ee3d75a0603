package com.asaconsole.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * An account's SPNs as one inventory value: one per line, a backslash written twice and a line
 * break inside an SPN as backslash-n (a directory value may hold either).
 */
final class SpnList {

    private SpnList() {
    }

    /** Adds an SPN to a list being built. */
    static void append(StringBuilder list, String spn) {
        if (!list.isEmpty()) {
            list.append('\n');
        }
        for (int i = 0; i < spn.length(); i++) {
            char c = spn.charAt(i);
            if (c == '\\') {
                list.append("\\\\");
            } else if (c == '\n') {
                list.append("\\n");
            } else {
                list.append(c);
            }
        }
    }

    static String join(List<String> spns) {
        StringBuilder list = new StringBuilder();
        spns.forEach(spn -> append(list, spn));
        return list.toString();
    }

    static List<String> split(String list) {
        List<String> spns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\n') {
                spns.add(current.toString());
                current.setLength(0);
            } else if (c == '\\' && i + 1 < list.length()) {
                char escaped = list.charAt(++i);
                current.append(escaped == 'n' ? '\n' : escaped);
            } else {
                current.append(c);
            }
        }
        spns.add(current.toString());
        return spns;
    }
}
