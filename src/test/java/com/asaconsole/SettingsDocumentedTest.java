package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every console setting the operations guide lists is one the console knows, with the default the
 * guide gives: a setting read with {@code @Value} is missing from the configuration metadata (an IDE
 * and the compose check cannot see it), and a default changed in code but not in the guide misleads
 * whoever runs the console.
 */
class SettingsDocumentedTest {

    /** A row of a settings table: its names (`a.b.c` / `d`, or a full second name) and its default cell. */
    private static final Pattern ROW = Pattern.compile("^\\| (`asa\\.[^|]*)\\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    @Test
    void everySettingInTheOperationsGuideIsAKnownSettingWithItsDocumentedDefault() throws IOException {
        Map<String, JsonNode> known = metadata();
        assertThat(known).as("configuration metadata was found").containsKey("asa.executor.threads");
        Matcher row = ROW.matcher(Files.readString(Path.of("docs/operations.md")));
        int names = 0;
        while (row.find()) {
            List<String> settings = new ArrayList<>();
            for (Matcher code = CODE.matcher(row.group(1)); code.find();) {
                String name = code.group(1);
                // `asa.executor.retries` / `retry-backoff`: the second is a sibling of the first
                settings.add(name.startsWith("asa.") ? name : settings.get(0).substring(0, settings.get(0).lastIndexOf('.') + 1) + name);
            }
            String defaults = row.group(2).strip();
            List<String> documented = defaults.matches("`[^`]*`( / `[^`]*`)*") ? CODE.matcher(defaults).results().map(m -> m.group(1)).toList()
                    : List.of();
            for (int i = 0; i < settings.size(); i++) {
                String name = settings.get(i);
                names++;
                JsonNode property = known.get(name);
                if (property == null) {
                    // a map setting (asa.notify.events.<event>, asa.remoting.endpoints[<fqdn>]) is known by its map
                    String map = known.keySet().stream().filter(k -> (name.startsWith(k + ".") || name.startsWith(k + "["))
                            && known.get(k).path("type").asString().startsWith("java.util.Map")).findFirst().orElse(null);
                    assertThat(map).as(name + " is in docs/operations.md but the console has no such setting").isNotNull();
                    continue;
                }
                JsonNode defaultValue = property.path("defaultValue");
                if (documented.size() == settings.size() && !defaultValue.isMissingNode() && defaultValue.isValueNode()) {
                    assertThat(documented.get(i)).as("the default of " + name + " in docs/operations.md").isEqualTo(defaultValue.asString());
                }
            }
        }
        assertThat(names).as("settings found in docs/operations.md").isGreaterThan(50);
    }

    private static Map<String, JsonNode> metadata() throws IOException {
        Map<String, JsonNode> names = new HashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String file : List.of("spring-configuration-metadata.json")) {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/" + file)) {
                try (InputStream in = r.getInputStream()) {
                    json.readTree(in).path("properties").forEach(p -> names.put(p.path("name").asString(), p));
                }
            }
        }
        return names;
    }
}
