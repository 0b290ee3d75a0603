package com.asaconsole.lab;

/** Reading a Prometheus scrape as a test does: the sum of a metric's samples whose labels contain all of these. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * @param labels label texts such as {@code outcome="FINISHED"}, each contained in the sample's line
     * @return the sum of the matching samples; 0 when none matches
     */
    public static double value(String scrape, String metric, String... labels) {
        double sum = 0;
        for (String line : scrape.lines().toList()) {
            if (!(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Whether the scrape has a sample of this metric with all these labels. */
    public static boolean has(String scrape, String metric, String... labels) {
        return scrape.lines().anyMatch(line -> (line.startsWith(metric + "{") || line.startsWith(metric + " "))
                && java.util.Arrays.stream(labels).allMatch(line::contains));
    }

    /** The console metrics ({@code asa_…}) the sample Grafana dashboard queries whose names start with {@code prefix}. */
    public static java.util.Set<String> dashboardMetrics(String prefix) throws java.io.IOException {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("docs/grafana-asa-console.json"));
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("asa_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            if (m.group().startsWith(prefix)) {
                names.add(m.group());
            }
        }
        return names;
    }
}
