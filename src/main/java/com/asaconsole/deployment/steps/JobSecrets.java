package com.asaconsole.deployment.steps;

import java.util.Arrays;

import com.asaconsole.directory.PasswordGenerator;
import com.asaconsole.secrets.SecretId;
import com.asaconsole.secrets.SecretStore;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ASA password a job gives each account: generated from a CSPRNG the first time a step needs
 * it, stored encrypted before any step uses it (so a job that dies mid-step still knows the
 * password it may have set), and the same for every later step and rerun of that job.
 */
@Component
public class JobSecrets {

    private final JdbcClient jdbc;
    private final SecretStore store;
    private final PasswordGenerator generator = new PasswordGenerator();
    private final TransactionTemplate ownTransaction;

    JobSecrets(JdbcClient jdbc, SecretStore store, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.store = store;
        this.ownTransaction = new TransactionTemplate(transactions);
        // committed at once, whatever the caller does: the password is known before any step may set it
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The job's password for an account. The members of a roll ask for it at once (deploy-credential
     * runs them in parallel, with no create-account step before it to make it first): one insert
     * wins, the others read the winner's row, so every member gets the same password.
     */
    public char[] password(long jobId, String account) {
        try {
            return ownTransaction.execute(tx -> readOrCreate(jobId, account));
        } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
            return ownTransaction.execute(tx -> readOrCreate(jobId, account));
        }
    }

    private char[] readOrCreate(long jobId, String account) {
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
