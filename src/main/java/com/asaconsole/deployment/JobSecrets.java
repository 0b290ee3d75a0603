package com.asaconsole.deployment;

import java.util.Arrays;

import com.asaconsole.directory.PasswordGenerator;
import com.asaconsole.secrets.SecretId;
import com.asaconsole.secrets.SecretStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ASA password a job gives each account: generated from a CSPRNG the first time a step needs
 * it, stored encrypted before any step uses it (so a job that dies mid-step still knows the
 * password it may have set), and the same for every later step and rerun of that job.
 */
@Component
class JobSecrets {

    private final JdbcClient jdbc;
    private final SecretStore store;
    private final PasswordGenerator generator = new PasswordGenerator();

    JobSecrets(JdbcClient jdbc, SecretStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Transactional
    public char[] password(long jobId, String account) {
        Long id = jdbc.sql("SELECT secret_id FROM job_secret WHERE job_id = :job AND account = :account")
                .param("job", jobId).param("account", account).query(Long.class).optional().orElse(null);
        if (id != null) {
            return store.reveal(new SecretId(id));
        }
        char[] password = generator.generate();
        SecretId created = store.put("ASA password for " + account + " (job " + jobId + ")", password);
        jdbc.sql("INSERT INTO job_secret (job_id, account, secret_id) VALUES (:job, :account, :id)")
                .param("job", jobId).param("account", account).param("id", created.value()).update();
        return Arrays.copyOf(password, password.length);
    }
}
