package com.asaconsole.deployment.executor;

import com.asaconsole.deployment.DeploymentJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job page's picture: a row per target (each member, ASA or SPN the job works on, in the order the job meets
 * them), a column per step, each cell coloured by that target's state in that step and marked with a symbol too,
 * so it reads without colour and in print. Laid out here; the SVG is written by the job-progress template, which
 * htmx refreshes while the job runs.
 */
record JobTimeline(int width, int height, List<Column> columns, List<Row> rows, List<Cell> cells) {

    static final int LABEL_WIDTH = 250;
    static final int COLUMN_WIDTH = 156;
    static final int ROW_HEIGHT = 26;
    static final int HEADER_HEIGHT = 62;

    record Column(int x, String title, DeploymentJob.StepStatus status, String number) {
    }

    record Row(int y, String target, String label) {
    }

    record Cell(int x, int y, DeploymentJob.StepStatus status, String symbol, String title) {
    }

    static JobTimeline of(List<DeploymentJob.StepRun> steps) {
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        for (DeploymentJob.StepRun step : steps) {
            for (DeploymentJob.TaskRun task : step.tasks()) {
                rowOf.putIfAbsent(task.target(), rowOf.size());
            }
        }
        List<Column> columns = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < steps.size(); c++) {
            DeploymentJob.StepRun step = steps.get(c);
            int x = LABEL_WIDTH + c * COLUMN_WIDTH;
            columns.add(new Column(x, step.key(), step.status(), Integer.toString(step.position())));
            for (DeploymentJob.TaskRun task : step.tasks()) {
                int y = HEADER_HEIGHT + rowOf.get(task.target()) * ROW_HEIGHT;
                cells.add(new Cell(x, y, task.status(), symbol(task.status(), task.applied()),
                        step.key() + " on " + task.target() + ": " + task.status().name().toLowerCase()
                                + (task.message() == null ? "" : " (" + task.message() + ")")));
            }
        }
        List<Row> rows = new ArrayList<>();
        rowOf.forEach((target, i) -> rows.add(new Row(HEADER_HEIGHT + i * ROW_HEIGHT, target, shortLabel(target))));
        int width = LABEL_WIDTH + Math.max(1, steps.size()) * COLUMN_WIDTH + 10;
        int height = HEADER_HEIGHT + Math.max(1, rows.size()) * ROW_HEIGHT + 10;
        return new JobTimeline(width, height, columns, rows, cells);
    }

    /** A cell's mark: done (✓, or = when the precheck found it already done), failed ✗, running ▶, skipped –, waiting ·. */
    private static String symbol(DeploymentJob.StepStatus status, boolean applied) {
        return switch (status) {
            case DONE -> applied ? "✓" : "=";
            case FAILED -> "✗";
            case RUNNING -> "▶";
            case SKIPPED -> "–";
            case PENDING -> "·";
        };
    }

    /** A target's label, shortened to what fits its column (the full name is in the row's title). */
    static String shortLabel(String target) {
        return target.length() <= 34 ? target : target.substring(0, 32) + "…";
    }
}
