package com.asaconsole.deployment.executor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.DeploymentJob.LogLine;
import com.asaconsole.deployment.DeploymentJob.Status;
import com.asaconsole.deployment.DeploymentJob.StepRun;
import com.asaconsole.deployment.DeploymentJob.StepStatus;
import com.asaconsole.deployment.DeploymentJob.TaskRun;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The job tables: a job, its steps, their per-target tasks and the operations log. The one place where
 * {@link Status} and {@link StepStatus} meet their columns: they are written by {@code name()} and read by
 * {@code valueOf}, so the stored text is the constant's name.
 */
@Component
public class JobStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    JobStore(JdbcClient jdbc, Clock clock, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** A target list per step, in order: what the job will do. */
    public record Planned(String key, String title, List<String> targets) {
    }

    public long create(long changeId, String byId, String byName, List<Planned> steps) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO deployment_job (change_id, status, started_by_id, started_by_name, created_at, version) "
                + "VALUES (:change, :queued, :byId, :byName, :now, 0)")
                .param("change", changeId).param("queued", Status.QUEUED.name()).param("byId", byId).param("byName", byName).param("now", now())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        int position = 0;
        for (Planned step : steps) {
            position++;
            jdbc.sql("INSERT INTO job_step (job_id, position, step_key, title, status) VALUES (:job, :pos, :key, :title, :pending)")
                    .param("pending", StepStatus.PENDING.name()).param("job", id).param("pos", position).param("key", step.key())
                    .param("title", step.title()).update();
            for (String target : step.targets()) {
                jdbc.sql("INSERT INTO job_task (job_id, position, target, status) VALUES (:job, :pos, :target, :pending)")
                        .param("pending", StepStatus.PENDING.name()).param("job", id).param("pos", position).param("target", target).update();
            }
        }
        return id;
    }

    public Optional<DeploymentJob> find(long id) {
        return jdbc.sql(SELECT_JOB + " WHERE id = :id").param("id", id).query(JobStore::job).optional();
    }

    public Optional<DeploymentJob> forChange(long changeId) {
        return jdbc.sql(SELECT_JOB + " WHERE change_id = :change").param("change", changeId).query(JobStore::job).optional();
    }

    public List<DeploymentJob> recent(int limit) {
        return jdbc.sql(SELECT_JOB + " ORDER BY id DESC").query(JobStore::job).list().stream().limit(limit).toList();
    }

    public List<StepRun> steps(long jobId) {
        Map<Integer, List<TaskRun>> tasks = new LinkedHashMap<>();
        jdbc.sql("SELECT position, target, status, attempts, started_at, ended_at, message, applied FROM job_task WHERE job_id = :job "
                + "ORDER BY position, started_at NULLS LAST, target").param("job", jobId).query((ResultSet rs) -> {
                    while (rs.next()) {
                        tasks.computeIfAbsent(rs.getInt(1), p -> new ArrayList<>()).add(new TaskRun(rs.getString(2), StepStatus.valueOf(rs.getString(3)),
                                rs.getInt(4), instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getBoolean(8)));
                    }
                    return tasks;
                });
        return jdbc.sql("SELECT position, step_key, title, status, started_at, ended_at, message FROM job_step WHERE job_id = :job "
                + "ORDER BY position").param("job", jobId).query((rs, n) -> new StepRun(rs.getInt(1), rs.getString(2), rs.getString(3),
                        StepStatus.valueOf(rs.getString(4)), instant(rs, 5), instant(rs, 6), rs.getString(7), tasks.getOrDefault(rs.getInt(1), List.of())))
                .list();
    }

    public List<LogLine> log(long jobId, long afterId) {
        return jdbc.sql("SELECT id, at, position, target, line FROM job_log WHERE job_id = :job AND id > :after ORDER BY id")
                .param("job", jobId).param("after", afterId)
                .query((rs, n) -> new LogLine(rs.getLong(1), instant(rs, 2), (Integer) rs.getObject(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    public void log(long jobId, Integer position, String target, String line) {
        jdbc.sql("INSERT INTO job_log (job_id, at, position, target, line) VALUES (:job, :now, :pos, :target, :line)")
                .param("job", jobId).param("now", now()).param("pos", position).param("target", target)
                .param("line", line.length() > 4000 ? line.substring(0, 3997) + "..." : line).update();
    }

    /**
     * Claims the job for this run: its status before (the job is now RUNNING or INTERRUPTED on
     * {@code node}), or empty when another job is running (one job at a time, across all nodes).
     */
    Optional<Status> beginRun(long jobId, String node) {
        return Optional.ofNullable(transactions.execute(status -> {
            jdbc.sql("SELECT id FROM executor_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
            int others = jdbc.sql("SELECT count(*) FROM deployment_job WHERE status IN (:running, :interrupted) AND id <> :id")
                    .param("running", Status.RUNNING.name()).param("interrupted", Status.INTERRUPTED.name()).param("id", jobId).query(Integer.class).single();
            return others > 0 ? null : claim(jobId, node);
        }));
    }

    private Status claim(long jobId, String node) {
        Status before = Status.valueOf(jdbc.sql("SELECT status FROM deployment_job WHERE id = :id").param("id", jobId)
                .query(String.class).single());
        boolean interrupted = before == Status.RUNNING || before == Status.INTERRUPTED;
        jdbc.sql("UPDATE deployment_job SET status = :status, node = :node, runs = runs + 1, interruptions = interruptions + :i, "
                + "reason = NULL, started_at = COALESCE(started_at, :now), version = version + 1 WHERE id = :id")
                .param("status", (interrupted ? Status.INTERRUPTED : Status.RUNNING).name()).param("node", node)
                .param("i", interrupted ? 1 : 0).param("now", now()).param("id", jobId).update();
        if (interrupted) {
            jdbc.sql("UPDATE job_task SET status = :pending WHERE job_id = :id AND status = :running").param("pending", StepStatus.PENDING.name())
                    .param("running", StepStatus.RUNNING.name()).param("id", jobId).update();
        }
        return before;
    }

    public void status(long jobId, Status status, String reason) {
        boolean end = status.finished();
        jdbc.sql("UPDATE deployment_job SET status = :status, reason = :reason, ended_at = " + (end ? ":now" : "NULL")
                + ", cancel_requested = NULL, version = version + 1 WHERE id = :id")
                .param("status", status.name()).param("reason", reason).param("now", now()).param("id", jobId).update();
    }

    /** Moves the job from one status to another; false when it was not in {@code from} (someone else acted first). */
    public boolean transition(long jobId, Status from, Status to) {
        return jdbc.sql("UPDATE deployment_job SET status = :to, version = version + 1 WHERE id = :id AND status = :from")
                .param("to", to.name()).param("from", from.name()).param("id", jobId).update() == 1;
    }

    public void requestCancel(long jobId, String byName) {
        jdbc.sql("UPDATE deployment_job SET cancel_requested = :by WHERE id = :id").param("by", byName).param("id", jobId).update();
    }

    Optional<String> cancelRequested(long jobId) {
        return jdbc.sql("SELECT cancel_requested FROM deployment_job WHERE id = :id").param("id", jobId).query(String.class).optional();
    }

    void step(long jobId, int position, StepStatus status, String message) {
        String times = switch (status) {
            case RUNNING -> "started_at = COALESCE(started_at, :now), ended_at = NULL";
            case PENDING -> "ended_at = NULL";
            case DONE, FAILED, SKIPPED -> "ended_at = :now";
        };
        jdbc.sql("UPDATE job_step SET status = :status, message = :message, " + times + " WHERE job_id = :job AND position = :pos")
                .param("status", status.name()).param("message", message).param("now", now()).param("job", jobId).param("pos", position).update();
    }

    void task(long jobId, int position, String target, StepStatus status, int attempts, String message, boolean applied) {
        String times = status == StepStatus.RUNNING ? "started_at = :now, ended_at = NULL" : "ended_at = :now";
        jdbc.sql("UPDATE job_task SET status = :status, attempts = :attempts, message = :message, applied = (applied OR :applied), "
                + "applied_at = CASE WHEN :applied AND applied_at IS NULL THEN :now ELSE applied_at END, " + times
                + " WHERE job_id = :job AND position = :pos AND target = :target")
                .param("status", status.name()).param("attempts", attempts).param("message", message).param("applied", applied)
                .param("now", now()).param("job", jobId).param("pos", position).param("target", target).update();
    }

    /** When this job first began to apply the step to the target, if it ever did. */
    Optional<Instant> appliedAt(long jobId, String stepKey, String target) {
        return jdbc.sql("SELECT t.applied_at FROM job_task t JOIN job_step s ON s.job_id = t.job_id AND s.position = t.position "
                + "WHERE t.job_id = :job AND s.step_key = :key AND t.target = :target AND t.applied_at IS NOT NULL")
                .param("job", jobId).param("key", stepKey).param("target", target)
                .query((rs, n) -> instant(rs, 1)).optional();
    }

    /** Retry: the failed step and its failed tasks run again (their prechecks decide what is left). */
    public void resetFailed(long jobId, StepStatus to) {
        String failed = StepStatus.FAILED.name();
        jdbc.sql("UPDATE job_task SET status = :to WHERE job_id = :job AND status = :failed").param("to", to.name()).param("failed", failed)
                .param("job", jobId).update();
        jdbc.sql("UPDATE job_step SET status = :to WHERE job_id = :job AND status = :failed").param("to", to.name()).param("failed", failed)
                .param("job", jobId).update();
        jdbc.sql("UPDATE job_step SET status = :pending WHERE job_id = :job AND status = :running").param("pending", StepStatus.PENDING.name())
                .param("running", StepStatus.RUNNING.name()).param("job", jobId).update();
    }

    /** What the job changed, per step key: the targets whose task applied something. */
    public Map<String, List<String>> appliedTargets(long jobId) {
        Map<String, List<String>> applied = new LinkedHashMap<>();
        jdbc.sql("SELECT s.step_key, t.target FROM job_task t JOIN job_step s ON s.job_id = t.job_id AND s.position = t.position "
                + "WHERE t.job_id = :job AND t.applied = TRUE ORDER BY t.position, t.target").param("job", jobId)
                .query((ResultSet rs) -> {
                    while (rs.next()) {
                        applied.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                    return applied;
                });
        return applied;
    }

    private static final String SELECT_JOB = "SELECT id, change_id, status, reason, started_by_id, started_by_name, created_at, "
            + "started_at, ended_at, node, runs, interruptions, cancel_requested, version FROM deployment_job";

    private static DeploymentJob job(ResultSet rs, int n) throws SQLException {
        return new DeploymentJob(rs.getLong(1), rs.getLong(2), Status.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getInt(11), rs.getInt(12), rs.getString(13),
                rs.getInt(14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
