package com.asaconsole.topology;

import java.util.List;

/** Input the topology refuses, with a sentence per field ({@code field} null: about the whole item). */
class TopologyRejected extends RuntimeException {

    record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    TopologyRejected(List<Problem> problems) {
        super(problems.size() + " problem(s) with the input");
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
