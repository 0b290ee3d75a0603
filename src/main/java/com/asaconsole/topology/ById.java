package com.asaconsole.topology;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Items keyed by their id, for the pages, the API and the snapshot that join them by reference. */
final class ById {

    private ById() {
    }

    static <T, K> Map<K, T> of(List<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
